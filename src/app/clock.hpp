#pragma once
#include <atomic>

#include "domain/time.hpp"

namespace boxoffice {

// Time is a port so that expiry rules are tested without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(to_unix(start)) {}
  TimePoint now() const override { return from_unix(now_.load()); }
  void advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace boxoffice
