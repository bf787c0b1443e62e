#pragma once
// Delivers the outbox (app/outbox.hpp) in the background: every `period` it claims the deliveries
// that are due, for OutboxPolicy::lease, so that no other node tries them meanwhile (a node killed
// mid-try leaves them to another once the lease ends), and tries each: an e-mail through the
// Notifier, an event as a signed POST to its webhook. A failed try is due again after
// retry_delay(); after max_attempts failed tries the delivery is abandoned: kept with its last
// error, logged, and counted in /metrics (boxoffice_outbox_abandoned_total).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/clock.hpp"
#include "app/notifier.hpp"
#include "app/outbox.hpp"
#include "app/periodic_tasks.hpp"
#include "app/storage.hpp"

namespace boxoffice {

struct OutboxSenderSettings {
  std::chrono::milliseconds period{250};
  OutboxPolicy policy;
  std::size_t batch = 20;           // deliveries claimed at a time
  Notifier* notifier = nullptr;     // none: e-mails wait for a node with one
  WebhookPoster* poster = nullptr;  // none: webhook deliveries wait likewise
  // Delivered messages are forgotten this long after their delivery (hourly); abandoned and
  // waiting ones are kept.
  std::chrono::hours keep_delivered{24 * 30};
};

class OutboxSender {
 public:
  // Told of every delivery's outcome, with `warning` for a failed try and `abandoned` for the
  // last one; a line for the log.
  enum class Level { info, warning, abandoned };
  using Report = std::function<void(Level level, const std::string& what)>;

  OutboxSender(const Clock& clock, OutboxSenderSettings settings, Report report);
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // Adds the delivery task and an hourly pruning of what was delivered long ago, each with a
  // connection of its own, to `tasks` (best one of its own: deliveries wait on mail servers and
  // webhooks). `tasks` must stop before this object goes.
  void schedule(PeriodicTasks& tasks, Backend& backend);

  // One round: claims what is due at `now` and tries it (and counts what the database holds, when
  // kCountEvery has passed). Returns how many were tried.
  std::size_t deliver_due(Storage& storage, TimePoint now);

  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t failed_tries() const { return failed_; }
  std::uint64_t abandoned() const { return abandoned_; }
  // What the database held at the last count (every kCountEvery), of all nodes: deliveries
  // waiting to be made, and deliveries abandoned.
  static constexpr std::chrono::seconds kCountEvery{15};
  std::uint64_t waiting_in_database() const { return waiting_in_database_; }
  std::uint64_t abandoned_in_database() const { return abandoned_in_database_; }

 private:
  void attempt(Storage& storage, const OutboxDelivery& d);
  std::string describe(const OutboxDelivery& d) const;

  const Clock& clock_;
  OutboxSenderSettings settings_;
  Report report_;
  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> abandoned_{0};
  std::atomic<std::uint64_t> waiting_in_database_{0};
  std::atomic<std::uint64_t> abandoned_in_database_{0};
  std::optional<TimePoint> counted_at_;  // used by the task's thread only
};

}  // namespace boxoffice
