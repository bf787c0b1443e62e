#pragma once
// Slows password guessing: too many failed sign-ins for one account or from one address within a
// window lock further attempts until the oldest failure leaves the window. Kept in memory per
// server process; the window is short, so a restart loses little.
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/clock.hpp"

namespace boxoffice {

struct ThrottlePolicy {
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds window{15 * 60};
  bool limit_loopback = false;  // loopback clients are exempt from the per-address limit
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

  // Seconds until another attempt is allowed, or 0 if one is allowed now. An empty `email` is
  // limited by address only.
  int retry_after(const std::string& email, const std::string& address, bool loopback);
  void record_failure(const std::string& email, const std::string& address, bool loopback);
  void record_success(const std::string& email);

 private:
  using Failures = std::deque<TimePoint>;
  int wait_for(Failures& failures, int limit, TimePoint now) const;
  bool address_limited(bool loopback) const { return !loopback || policy_.limit_loopback; }
  void forget_old(TimePoint now);

  const Clock& clock_;
  ThrottlePolicy policy_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_account_;
  std::unordered_map<std::string, Failures> by_address_;
  TimePoint last_sweep_{};
};

}  // namespace boxoffice
