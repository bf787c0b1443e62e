#pragma once
// Runs the waiting rooms without waiting for requests. Every `period` a task runs an admission
// round for each room with anyone in it (windows that ended free their slots, the next in line are
// let in), and another delivers the notices owed to admitted buyers. Every node runs one: rounds
// lock their room and notices are claimed, so two nodes never admit past a limit or send a message
// twice.
#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "app/app_env.hpp"
#include "app/notifier.hpp"
#include "app/periodic_tasks.hpp"
#include "app/storage.hpp"

namespace boxoffice {

struct QueueAdmitterSettings {
  std::chrono::milliseconds period{250};
  std::string public_url;        // where links in messages point, e.g. https://tickets.example.com
  Notifier* notifier = nullptr;  // none: notices wait until a node with one delivers them
  std::chrono::seconds start_within{600};  // an admitted buyer's time to place a first hold
};

class QueueAdmitter {
 public:
  using Report = std::function<void(const std::string& what)>;
  QueueAdmitter(const AppEnv& env, QueueAdmitterSettings settings, Report report);
  QueueAdmitter(const QueueAdmitter&) = delete;
  QueueAdmitter& operator=(const QueueAdmitter&) = delete;

  // Adds the admission rounds to `rounds` and, with a notifier, the delivery of notices to
  // `deliveries` (which wait on mail and SMS services, so they are best kept apart), each with a
  // connection of its own. Both must stop before this object goes.
  void schedule(PeriodicTasks& rounds, PeriodicTasks& deliveries, Backend& backend);

 private:
  void run_rounds(Storage& storage, TimePoint now);
  void deliver_due(Storage& storage, TimePoint now);
  // The event's paid orders and tickets, read again at most every few seconds: the odds in line
  // need only their ratio, and a stadium's orders are too many to count every round.
  std::optional<SalesBucket> sales_now(Storage& storage, const std::string& event_id);

  const AppEnv& env_;
  QueueAdmitterSettings settings_;
  Report report_;
  std::map<std::string, std::chrono::milliseconds> sales_read_at_;  // on Clock::steady()
};

}  // namespace boxoffice
