#pragma once
// Slows password guessing: too many failed sign-ins within a window lock further attempts until
// the oldest failure leaves the window. Three counts, so that nobody can lock a buyer out of their
// own account by failing on purpose:
// - an account from one address (5): a guesser is stopped, the owner elsewhere is not;
// - an account from all addresses together (50): guessing spread over many addresses is capped;
// - an address for all accounts (20): one address trying many accounts is stopped.
// Kept in memory per server process; the window is short, so a restart loses little. Also counts
// waiting-room joins (every join counted, as if it had failed).
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/clock.hpp"

namespace boxoffice {

struct ThrottlePolicy {
  int max_failures_per_account = 5;  // from one address
  int max_failures_per_address = 20;
  std::chrono::seconds window{15 * 60};
  bool limit_loopback = false;  // loopback clients are exempt from the per-address limit
  int max_failures_per_account_total = 50;  // from all addresses together
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

  // Seconds until another attempt is allowed, with nothing counted; or 0, and the attempt is
  // counted as failed at once: parallel guesses cannot all pass the check before the first of
  // them has failed. succeeded() takes it back. An empty `email` is limited by address only.
  int begin(const std::string& email, const std::string& address, bool loopback);
  // The attempt begun last for `email` from `address` succeeded: the account's failures from
  // that address are forgotten, and the attempt no longer counts anywhere.
  void succeeded(const std::string& email, const std::string& address, bool loopback);

 private:
  using Failures = std::deque<TimePoint>;
  int wait_for(Failures& failures, int limit, TimePoint now) const;
  bool address_limited(bool loopback) const { return !loopback || policy_.limit_loopback; }
  static std::string pair_key(const std::string& email, const std::string& address);
  void forget_old(TimePoint now);

  const Clock& clock_;
  ThrottlePolicy policy_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_pair_;     // account from one address
  std::unordered_map<std::string, Failures> by_account_;  // account from anywhere
  std::unordered_map<std::string, Failures> by_address_;
  TimePoint last_sweep_{};
};

}  // namespace boxoffice
