#pragma once
// The waiting rooms in use, held in memory and kept fresh by following each room's seq, so that a
// buyer's poll costs a token check and an O(log n) position, with no database work at all.
//
// A background task polls the rooms in use every `poll`; a poll for an entry this node has not seen
// yet (it joined through another node a moment ago) falls back to a read that catches up first.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

#include "app/last_use.hpp"
#include "app/periodic_tasks.hpp"
#include "app/storage.hpp"
#include "domain/line_odds.hpp"

namespace boxoffice {

struct QueueMemory {
  QueueRoom room;
  QueueLine line;
  AdmissionRate rate;
  // As the event was when last checked (joins and admission rounds check it).
  QueueSettings settings;
  bool sold_out = false;  // nothing left to buy
  bool closed = false;    // sales are over: nobody will be admitted
  // The places and sales behind the odds in line (`shopping` is read from `room`); nullopt until
  // a join or an admission round has read them.
  std::optional<LineOutlook> outlook;
  TimePoint sales_open_at;  // the moment of the draw
};

class LiveQueue {
 public:
  explicit LiveQueue(std::string event_id) : event_id_(std::move(event_id)) {}

  // Calls `read(const QueueMemory&)` while no change can be applied, and returns its result.
  template <class Read>
  auto read(Read&& read) const {
    std::shared_lock lock(mutex_);
    return read(memory_);
  }
  void set_outlook(const QueueSettings& settings, bool sold_out, bool closed);
  // The places behind the odds in line; `sold` and `orders` are kept from before when `sales`
  // is nullopt (a join reads no sales). Watchers hear of a change.
  void set_odds(LineOutlook places, std::optional<SalesBucket> sales, TimePoint sales_open_at);
  // `wake` runs after every batch of changes until the returned handle is dropped.
  std::shared_ptr<void> watch(std::function<void()> wake);
  const LastUse& last_use() const { return last_use_; }

 private:
  friend class LiveQueues;
  void apply(const QueueChanges& changes);
  void tell_watchers();

  const std::string event_id_;
  mutable std::shared_mutex mutex_;
  QueueMemory memory_;
  std::int64_t through_ = 0;  // every change up to this seq is applied
  std::mutex refresh_mutex_;  // one reader of the room at a time
  std::mutex watchers_mutex_;
  std::vector<std::weak_ptr<std::function<void()>>> watchers_;
  LastUse last_use_;
};

class LiveQueues {
 public:
  explicit LiveQueues(const Clock& clock) : clock_(clock) {}
  LiveQueues(const LiveQueues&) = delete;
  LiveQueues& operator=(const LiveQueues&) = delete;

  // The room as this node holds it, without any database work; nullptr when not in memory.
  std::shared_ptr<LiveQueue> cached(std::string_view event_id);
  // The room caught up with everything committed so far, loaded on first use; nullptr when the
  // event has no waiting room yet.
  std::shared_ptr<LiveQueue> current(Storage& storage, std::string_view event_id);

  // Adds the task that follows the rooms in use every `poll`, through a connection of its own.
  // `tasks` must stop before this object goes.
  void schedule(PeriodicTasks& tasks, Backend& backend, std::chrono::milliseconds poll);

 private:
  void refresh(Storage& storage, LiveQueue& live);

  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<LiveQueue>, std::less<>> rooms_;
};

}  // namespace boxoffice
