#pragma once
// The places of the events in use, held in memory and kept fresh by the change feed, so that
// availability, seat maps and best-available choices never scan tables per request.
//
// A read first asks the feed for anything newer than memory holds (one index probe that usually
// finds nothing), so it sees every write committed before it, on any node. A thread also polls
// the feed of every event in use, so that watchers hear of changes made anywhere within `poll`.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>

#include "app/last_use.hpp"
#include "app/periodic_tasks.hpp"
#include "app/storage.hpp"
#include "domain/hold_decision.hpp"

namespace boxoffice {

// A change as watchers see it: the seats that changed and the counts of the sections they are in.
struct LiveUpdate {
  std::int64_t seq = 0;
  std::vector<std::pair<std::string, SeatState>> seats;
  std::vector<SectionCounts> sections;

  // The update as its clients read it, made by `encode` for the first watcher that sends it and
  // shared by the others: ten thousand watchers of a sale must not each encode the same change.
  template <class Encode>
  const std::string& encoded(Encode&& encode) const {
    std::call_once(encoded_once_, [&] { encoded_ = encode(*this); });
    return encoded_;
  }

 private:
  mutable std::once_flag encoded_once_;
  mutable std::string encoded_;
};

// What one watcher has not yet been told. `resync`: it fell behind or the event itself changed,
// so it needs a fresh snapshot instead of the updates it missed.
class Watcher {
 public:
  explicit Watcher(std::function<void()> wake) : wake_(std::move(wake)) {}
  struct Pending {
    bool resync = false;
    std::vector<std::shared_ptr<const LiveUpdate>> updates;
  };
  Pending take();

 private:
  friend class LiveEvent;
  void push(std::shared_ptr<const LiveUpdate> update);
  void resync();
  void nudge() { wake_(); }  // nothing pending, but what the watcher derives from the time changed

  static constexpr std::size_t kMaxPending = 1024;
  std::mutex mutex_;
  Pending pending_;
  std::function<void()> wake_;
};

// One event's settings and places at one seq of its feed.
struct EventInventory {
  Event event;
  std::shared_ptr<const LayoutVersion> version;
  std::vector<TicketType> types;
  InventoryState state;

  std::vector<SectionCounts> counts() const;
};

class LiveEvent {
 public:
  LiveEvent(std::string id, EventInventory inventory);

  // Calls `read(const EventInventory&)` while no change can be applied, and returns its result.
  template <class Read>
  auto read(Read&& read) const {
    std::shared_lock lock(mutex_);
    return read(inventory_);
  }

  // Calls `decide(const EventInventory&, SeatsInFlight&)` with the places in memory and the seats
  // in flight, while no other decision on this event runs and no change is applied, and returns its
  // result. A hold it decides to place goes into flight (see SeatsInFlight).
  template <class Decide>
  auto decide(Decide&& decide) {
    std::lock_guard deciding(deciding_);
    std::shared_lock lock(mutex_);
    return decide(inventory_, in_flight_);
  }
  // The batch of a hold in flight has answered; `written`: the hold was placed, and memory has
  // its seats held until the feed brings them.
  void landed(const Hold& hold, bool written);

  // A watcher told of every update after `last_seen` (replayed from memory when it can be,
  // else resync) and of every later one, until it is dropped.
  std::shared_ptr<Watcher> watch(std::optional<std::int64_t> last_seen, std::function<void()> wake);
  const LastUse& last_use() const { return last_use_; }
  // Grows whenever the event's sales may have changed (its settings were reloaded, or sales opened
  // or closed by the clock), so that a watcher re-reads the sale status only then, not on every
  // seat change.
  std::uint64_t sales_generation() const { return sales_generation_.load(); }

  // Wakes every watcher when sales opened or closed by the clock since the last call: no row
  // changes then, so the feed says nothing, yet open pages must turn at that moment.
  void tick(TimePoint now);

 private:
  friend class LiveInventory;
  static constexpr std::size_t kReplay = 512;

  std::int64_t seq() const;
  void apply(const std::vector<InventoryChange>& changes);  // caller holds refresh_mutex_
  void replace(EventInventory inventory);
  void tell_watchers(const std::function<void(Watcher&)>& tell);

  const std::string id_;
  mutable std::shared_mutex mutex_;
  EventInventory inventory_;
  std::mutex deciding_;      // taken before mutex_
  SeatsInFlight in_flight_;  // under deciding_
  std::deque<std::pair<std::int64_t, std::shared_ptr<const LiveUpdate>>> replay_;  // (seq before)
  std::mutex watchers_mutex_;
  std::vector<std::weak_ptr<Watcher>> watchers_;
  std::mutex refresh_mutex_;  // one reader of the feed at a time, so changes apply once, in order
  // Refreshes begun and the last one finished, numbered: a caller that waited while a refresh
  // begun after its arrival ran needs no probe of its own (that one saw all it would see).
  std::atomic<std::uint64_t> refreshes_begun_{0};
  std::uint64_t refreshes_done_ = 0;  // under refresh_mutex_
  LastUse last_use_;
  std::optional<bool> open_by_time_;  // under refresh_mutex_ (tick runs after refresh)
  std::atomic<std::uint64_t> sales_generation_{0};
};

class LiveInventory {
 public:
  explicit LiveInventory(const Clock& clock) : clock_(clock) {}
  LiveInventory(const LiveInventory&) = delete;
  LiveInventory& operator=(const LiveInventory&) = delete;

  // The event brought up to date with everything committed so far, loaded with `storage` on first
  // use; nullptr when there is no such event.
  std::shared_ptr<LiveEvent> current(Storage& storage, std::string_view id);

  // Adds the tasks that follow the feed of the events in use every `poll` (through a connection
  // of their own) and prune it. `tasks` must stop before this object goes.
  void schedule(PeriodicTasks& tasks, Backend& backend, std::chrono::milliseconds poll);

 private:
  std::shared_ptr<LiveEvent> find(std::string_view id);
  std::shared_ptr<LiveEvent> load(Storage& storage, std::string_view id);
  std::shared_ptr<const LayoutVersion> version(Storage& storage, const Event& event);
  void refresh(Storage& storage, LiveEvent& live);

  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<LiveEvent>, std::less<>> events_;
  std::map<std::string, std::shared_ptr<std::mutex>, std::less<>> loading_;  // events being loaded
  std::map<std::pair<std::string, int>, std::shared_ptr<const LayoutVersion>> versions_;
};

}  // namespace boxoffice
