#include "app/login_throttle.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

TEST(LoginThrottle, LocksAnAccountAfterTooManyFailuresUntilTheWindowMoves) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle throttle(clock, {3, 100, std::chrono::seconds(60), false});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle.retry_after("a@x.io", "10.0.0.1", false), 0);
    throttle.record_failure("a@x.io", "10.0.0.1", false);
    clock.advance(std::chrono::seconds(10));
  }
  // Failures at 0 s, 10 s and 20 s; now 30 s: the first leaves the window at 60 s.
  EXPECT_EQ(throttle.retry_after("a@x.io", "10.0.0.1", false), 30);
  EXPECT_EQ(throttle.retry_after("b@x.io", "10.0.0.1", false), 0);
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(throttle.retry_after("a@x.io", "10.0.0.1", false), 0);
}

TEST(LoginThrottle, SuccessClearsTheAccountButNotTheAddress) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle throttle(clock, {2, 3, std::chrono::seconds(60), false});
  throttle.record_failure("a@x.io", "10.0.0.1", false);
  throttle.record_failure("a@x.io", "10.0.0.1", false);
  EXPECT_GT(throttle.retry_after("a@x.io", "10.0.0.2", false), 0);
  throttle.record_success("a@x.io");
  EXPECT_EQ(throttle.retry_after("a@x.io", "10.0.0.2", false), 0);
  throttle.record_failure("c@x.io", "10.0.0.1", false);
  EXPECT_GT(throttle.retry_after("d@x.io", "10.0.0.1", false), 0);  // 3 from that address
}

TEST(LoginThrottle, LoopbackIsExemptFromTheAddressLimitUnlessConfigured) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle lenient(clock, {100, 2, std::chrono::seconds(60), false});
  LoginThrottle strict(clock, {100, 2, std::chrono::seconds(60), true});
  for (auto* t : {&lenient, &strict}) {
    t->record_failure("a@x.io", "127.0.0.1", true);
    t->record_failure("b@x.io", "127.0.0.1", true);
  }
  EXPECT_EQ(lenient.retry_after("c@x.io", "127.0.0.1", true), 0);
  EXPECT_GT(strict.retry_after("c@x.io", "127.0.0.1", true), 0);
}

}  // namespace
}  // namespace boxoffice
