#pragma once
// When a shared in-memory object (an event's places, a waiting room) was last used, so that the
// ones nobody needs any more leave memory and are loaded again on demand.
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

namespace boxoffice {

class LastUse {
 public:
  using Clock = std::chrono::steady_clock;
  void touch() const { at_ = Clock::now().time_since_epoch().count(); }
  Clock::duration idle(Clock::time_point now) const {
    return now - Clock::time_point(Clock::duration(at_.load()));
  }

 private:
  mutable std::atomic<Clock::rep> at_{0};
};

// Removes from `items` (a map to shared_ptrs of objects with a `last_use()`) those idle for longer
// than `forget` that nobody else holds, and returns the others.
template <class Map>
std::vector<typename Map::mapped_type> keep_in_use(Map& items, LastUse::Clock::duration forget) {
  const auto now = LastUse::Clock::now();
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

}  // namespace boxoffice
