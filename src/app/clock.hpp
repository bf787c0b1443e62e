#pragma once
#include <atomic>
#include <chrono>

#include "domain/time.hpp"

namespace boxoffice {

// Time is a port so that expiry rules are tested without sleeping.
//
// It gives two readings. `now()` is the wall time in whole seconds, as every rule reads it (when a
// hold expires, when a window ends, when sales open) and as times are stored. `steady()` never
// goes back and counts milliseconds from an arbitrary start: it measures how long ago something
// happened on this node, such as when a background task is due (some run every 20 ms, which
// whole seconds cannot tell apart) or how long an object in memory went unused. It is not the
// wall time's fraction: on a real clock it keeps counting evenly when the wall time is set back.
// A ManualClock moves both together, so a test that advances it makes rules and tasks due alike.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  virtual std::chrono::milliseconds steady() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  std::chrono::milliseconds steady() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : ms_(to_unix(start) * 1000) {}
  TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(TimePoint::clock::time_point(steady()));
  }
  std::chrono::milliseconds steady() const override { return std::chrono::milliseconds(ms_); }
  void advance(std::chrono::milliseconds by) { ms_ += by.count(); }

 private:
  std::atomic<long long> ms_;  // since the Unix epoch
};

}  // namespace boxoffice
