#pragma once
// When a shared in-memory object (an event's places, a waiting room) was last used, so that the
// ones nobody needs any more leave memory and are loaded again on demand.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "app/clock.hpp"
#include "app/periodic_tasks.hpp"

namespace boxoffice {

class LastUse {
 public:
  void touch(const Clock& clock) const { at_ = clock.steady().count(); }
  std::chrono::milliseconds idle(std::chrono::milliseconds now) const {
    return now - std::chrono::milliseconds(at_.load());
  }

 private:
  mutable std::atomic<std::chrono::milliseconds::rep> at_{0};  // on Clock::steady()
};

// Removes from `items` (a map to shared_ptrs of objects with a `last_use()`) those idle for longer
// than `forget` that nobody else holds, and returns the others.
template <class Map>
std::vector<typename Map::mapped_type> keep_in_use(Map& items, const Clock& clock,
                                                   std::chrono::milliseconds forget) {
  const auto now = clock.steady();
  std::vector<typename Map::mapped_type> in_use;
  for (auto it = items.begin(); it != items.end();) {
    if (it->second->last_use().idle(now) > forget && it->second.use_count() == 1) {
      it = items.erase(it);
    } else {
      in_use.push_back(it++->second);
    }
  }
  return in_use;
}

// A task that keeps `items` (guarded by `mutex`) fresh: it forgets those unused for `forget` as
// keep_in_use does, and calls `refresh(storage, item)` for each of the others through a connection
// of its own (none is opened while nothing is in use).
template <class Map, class Refresh>
PeriodicTasks::Task refresh_in_use(std::mutex& mutex, Map& items, const Clock& clock,
                                   std::chrono::milliseconds forget, Backend& backend,
                                   Refresh refresh) {
  return [&mutex, &items, &clock, forget, refresh,
          connection = std::make_shared<TaskConnection>(backend)](TimePoint) {
    std::vector<typename Map::mapped_type> in_use;
    {
      std::lock_guard lock(mutex);
      in_use = keep_in_use(items, clock, forget);
    }
    if (in_use.empty()) return;
    connection->use([&](Storage& storage) {
      for (const auto& item : in_use) refresh(storage, *item);
    });
  };
}

}  // namespace boxoffice
