#include "app/login_throttle.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

TEST(LoginThrottle, LocksAnAccountAfterTooManyFailuresUntilTheWindowMoves) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle throttle(clock, {3, 100, std::chrono::seconds(60), false});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0);
    clock.advance(std::chrono::seconds(10));
  }
  // Failures at 0 s, 10 s and 20 s; now 30 s: the first leaves the window at 60 s.
  EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 30);
  EXPECT_EQ(throttle.begin("b@x.io", "10.0.0.1", false), 0);
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0);
}

TEST(LoginThrottle, AStrangersFailuresDoNotLockTheOwnerOut) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle throttle(clock, {2, 100, std::chrono::seconds(60), false, 5});
  EXPECT_EQ(throttle.begin("a@x.io", "10.6.6.6", false), 0);
  EXPECT_EQ(throttle.begin("a@x.io", "10.6.6.6", false), 0);
  EXPECT_GT(throttle.begin("a@x.io", "10.6.6.6", false), 0) << "the guesser is stopped";
  EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0) << "the owner is not";
  throttle.succeeded("a@x.io", "10.0.0.1", false);
  // Spread over many addresses, guesses stop at the account's total.
  for (const char* from : {"10.7.0.1", "10.7.0.2", "10.7.0.3"})
    EXPECT_EQ(throttle.begin("a@x.io", from, false), 0) << from;
  EXPECT_GT(throttle.begin("a@x.io", "10.7.0.4", false), 0);
}

TEST(LoginThrottle, ParallelAttemptsAreCountedBeforeTheyAreChecked) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle throttle(clock, {3, 100, std::chrono::seconds(60), false});
  // Three attempts begun together, none finished: a fourth must wait.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0);
  EXPECT_GT(throttle.begin("a@x.io", "10.0.0.1", false), 0);
}

TEST(LoginThrottle, SuccessClearsTheAccountFromThatAddressButNotTheAddress) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle throttle(clock, {2, 3, std::chrono::seconds(60), false});
  EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0);
  EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0);
  throttle.succeeded("a@x.io", "10.0.0.1", false);  // the second attempt was right
  EXPECT_EQ(throttle.begin("a@x.io", "10.0.0.1", false), 0);
  EXPECT_EQ(throttle.begin("c@x.io", "10.0.0.1", false), 0);
  EXPECT_GT(throttle.begin("d@x.io", "10.0.0.1", false), 0);  // 3 failures from that address
}

TEST(LoginThrottle, LoopbackIsExemptFromTheAddressLimitUnlessConfigured) {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  LoginThrottle lenient(clock, {100, 2, std::chrono::seconds(60), false});
  LoginThrottle strict(clock, {100, 2, std::chrono::seconds(60), true});
  for (auto* t : {&lenient, &strict}) {
    EXPECT_EQ(t->begin("a@x.io", "127.0.0.1", true), 0);
    EXPECT_EQ(t->begin("b@x.io", "127.0.0.1", true), 0);
  }
  EXPECT_EQ(lenient.begin("c@x.io", "127.0.0.1", true), 0);
  EXPECT_GT(strict.begin("c@x.io", "127.0.0.1", true), 0);
}

}  // namespace
}  // namespace boxoffice
