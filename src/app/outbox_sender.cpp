#include "app/outbox_sender.hpp"

namespace boxoffice {

OutboxSender::OutboxSender(const Clock& clock, OutboxSenderSettings settings, Report report)
    : clock_(clock), settings_(std::move(settings)), report_(std::move(report)) {}

void OutboxSender::schedule(PeriodicTasks& tasks, Backend& backend) {
  tasks.add("deliver the outbox", settings_.period,
            with_connection(backend, [this](Storage& s, TimePoint now) { deliver_due(s, now); }));
  tasks.add("prune the outbox", std::chrono::hours(1),
            with_connection(backend, [this](Storage& s, TimePoint now) {
              if (const auto n = s.prune_outbox(now - settings_.keep_delivered); n > 0)
                report_(Level::info, "outbox pruned rows=" + std::to_string(n));
            }));
}

std::size_t OutboxSender::deliver_due(Storage& storage, TimePoint now) {
  if (!counted_at_ || now >= *counted_at_ + kCountEvery) {
    const auto counts = storage.outbox_counts();
    waiting_in_database_ = static_cast<std::uint64_t>(counts.waiting);
    abandoned_in_database_ = static_cast<std::uint64_t>(counts.abandoned);
    counted_at_ = now;
  }
  if (!settings_.notifier && !settings_.poster) return 0;
  const auto due = storage.claim_outbox(now, settings_.policy.lease, settings_.batch,
                                        settings_.notifier != nullptr, settings_.poster != nullptr);
  for (const auto& d : due) attempt(storage, d);
  return due.size();
}

std::string OutboxSender::describe(const OutboxDelivery& d) const {
  std::string what = "outbox delivery=" + std::to_string(d.id) + " message=" + d.message.id +
                     " type=" + d.message.type;
  what += d.webhook ? " webhook=" + d.webhook->id : " to=" + d.message.to;
  return what + " attempt=" + std::to_string(d.attempts);
}

void OutboxSender::attempt(Storage& storage, const OutboxDelivery& d) {
  const auto& policy = settings_.policy;
  // A try that began past the limit (its node died holding the claim) is not made again.
  if (d.attempts > policy.max_attempts) {
    storage.finish_outbox(d.id, d.attempts, OutboxOutcome::abandoned, clock_.now(),
                          "abandoned after its node stopped mid-try");
    ++abandoned_;
    report_(Level::abandoned, describe(d) + " abandoned: its last try did not finish");
    return;
  }
  try {
    if (d.webhook) {
      // Signed when sent: the time in the signature says how fresh this try is.
      const auto t = to_unix(clock_.now());
      settings_.poster->post(d.webhook->url, d.message.body,
                             webhook_signature(d.webhook->secret, t, d.message.body));
    } else {
      settings_.notifier->deliver(
          {Notification::Channel::email, d.message.to, d.message.subject, d.message.body});
    }
  } catch (const DeliveryError& e) {
    ++failed_;
    // A delivery may take seconds: its outcome is dated when it is known.
    const TimePoint now = clock_.now();
    if (d.attempts >= policy.max_attempts) {
      storage.finish_outbox(d.id, d.attempts, OutboxOutcome::abandoned, now, e.what());
      ++abandoned_;
      report_(Level::abandoned, describe(d) + " abandoned: " + e.what());
    } else {
      const auto delay = retry_delay(policy, d.attempts);
      storage.finish_outbox(d.id, d.attempts, OutboxOutcome::retry, now + delay, e.what());
      report_(Level::warning, describe(d) + " failed, next try in " +
                                  std::to_string(delay.count()) + " s: " + e.what());
    }
    return;
  }
  storage.finish_outbox(d.id, d.attempts, OutboxOutcome::delivered, clock_.now(), "");
  ++delivered_;
  report_(Level::info, describe(d) + " delivered");
}

}  // namespace boxoffice
