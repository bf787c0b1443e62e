#include "app/queue_admitter.hpp"

#include "app/live_inventory.hpp"
#include "app/live_queues.hpp"
#include "app/queue_tokens.hpp"
#include "app/queues.hpp"

namespace boxoffice {
namespace {

constexpr std::size_t kNoticesPerClaim = 20;
// Long enough for a slow mail server; a node that dies mid-delivery frees its claim after it.
constexpr auto kNoticeLease = std::chrono::seconds(60);
constexpr auto kRetryAfter = std::chrono::seconds(30);

Notification compose(const QueueNotice& notice, const Event& event, const QueueEntry& entry,
                     const std::string& link) {
  const std::string until =
      entry.admitted_until ? format_rfc3339(*entry.admitted_until) : std::string("soon");
  const bool whole = whole_window(entry, std::chrono::seconds(event.queue.window_seconds));
  const std::string minutes = std::to_string(event.queue.window_seconds / 60);
  Notification n;
  n.channel = notice.channel == "sms" ? Notification::Channel::sms : Notification::Channel::email;
  n.to = notice.address;
  n.subject = "It's your turn: " + event.name;
  if (n.channel == Notification::Channel::sms) {
    n.body = "It's your turn for " + event.name + ". " +
             (whole ? "Check out by " : "Choose your seats by ") + until + ": " + link;
  } else {
    n.body = "Hello,\n\nit's your turn to buy tickets for " + event.name + ".\n\n" +
             (whole ? "Your checkout window is open until " + until + " (UTC)."
                    : "Choose your first seats by " + until +
                          " (UTC) to keep your turn; from then you have " + minutes +
                          " minutes in all to check out.") +
             " Continue here:\n" + link +
             "\n\nIf you no longer want tickets, you need not do anything: your place goes to "
             "the next in line when your time ends.\n";
  }
  return n;
}

}  // namespace

QueueAdmitter::QueueAdmitter(const AppEnv& env, QueueAdmitterSettings settings, Report report)
    : env_(env), settings_(std::move(settings)), report_(std::move(report)) {}

void QueueAdmitter::schedule(PeriodicTasks& rounds, PeriodicTasks& deliveries, Backend& backend) {
  rounds.add("admit from the waiting rooms", settings_.period,
             with_connection(backend, [this](Storage& s, TimePoint now) { run_rounds(s, now); }));
  if (!settings_.notifier) return;
  deliveries.add(
      "deliver queue notices", settings_.period,
      with_connection(backend, [this](Storage& s, TimePoint now) { deliver_due(s, now); }));
}

void QueueAdmitter::run_rounds(Storage& storage, TimePoint now) {
  for (const auto& event_id : storage.busy_queue_rooms()) {
    auto live = env_.live->current(storage, event_id);
    if (!live) continue;
    // Named, not a structured binding: clang 14 cannot capture a binding in the lambda below.
    const auto read = live->read([](const EventInventory& i) {
      return std::pair{i.event, queues::outlook(i)};
    });
    const auto& event = read.first;
    const auto& outlook = read.second;
    const bool open = sales_open(event, now).ok();
    const auto round = storage.admit_from_queue(
        event_id, now,
        CheckoutWindow{std::chrono::seconds(event.queue.window_seconds), settings_.start_within},
        [&](const QueueRoom& room) {
          return open ? admissions(event.queue, room.admitted, outlook.available) : 0;
        });
    auto queue = env_.queues->current(storage, event_id);
    if (!queue) continue;
    const bool sold_out = outlook.available == 0;
    queue->set_outlook(event.queue, sold_out, sales_over(event, now));
    queue->set_odds(queues::line_outlook(event, outlook), sales_now(storage, event_id),
                    event.sales_open_at);
    const auto room = queue->read([](const QueueMemory& m) { return m.room; });
    if (sold_out && !queue_active(event, room)) storage.activate_queue(event_id, now);
    if (!round.admitted.empty() || round.expired > 0) {
      report_("queue event=" + event_id + " admitted=" + std::to_string(round.admitted.size()) +
              " expired=" + std::to_string(round.expired));
    }
  }
}

std::optional<SalesBucket> QueueAdmitter::sales_now(Storage& storage, const std::string& event_id) {
  constexpr auto kEvery = std::chrono::seconds(2);
  const auto steady = env_.clock.steady();
  auto& last = sales_read_at_[event_id];
  if (last.count() != 0 && steady - last < kEvery) return std::nullopt;
  last = steady;
  // One bucket as long as all time: the event's whole sales.
  constexpr std::int64_t kAllTime = std::int64_t{1} << 40;
  auto buckets = storage.sales_buckets(event_id, kAllTime);
  return buckets.empty() ? SalesBucket{} : buckets.front();
}

void QueueAdmitter::deliver_due(Storage& storage, TimePoint now) {
  for (const auto& notice : storage.claim_queue_notices(now, kNoticeLease, kNoticesPerClaim)) {
    const auto event = storage.event(notice.event_id);
    const auto entry = storage.queue_entry(notice.event_id, notice.number);
    if (!event || !entry) {
      storage.finish_queue_notice(notice.id, true, now, "entry gone");
      continue;
    }
    const auto room = storage.queue_room(notice.event_id, queue_tokens::new_room);
    const std::string link =
        settings_.public_url + "/queue.html?token=" + queue_tokens::token(room, notice.number);
    // A delivery may take seconds: its outcome is dated when it is known.
    try {
      settings_.notifier->deliver(compose(notice, *event, *entry, link));
      storage.finish_queue_notice(notice.id, true, env_.clock.now(), "");
      report_("notice delivered channel=" + notice.channel + " event=" + notice.event_id +
              " number=" + std::to_string(notice.number));
    } catch (const DeliveryError& e) {
      storage.finish_queue_notice(notice.id, false, env_.clock.now() + kRetryAfter, e.what());
      report_("notice not delivered (attempt " + std::to_string(notice.attempts) +
              "): " + e.what());
    }
  }
}

}  // namespace boxoffice
