#include "app/session_cache.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

using std::chrono::milliseconds;

Account buyer(std::string id) {
  return {std::move(id), id + "@example.test", "Buyer", Role::buyer, {}};
}

TEST(SessionCache, KeepsAnAccountForAMomentOnly) {
  ManualClock clock(from_unix(1'800'000'000));
  SessionCache cache(clock, milliseconds(2000), 10);
  EXPECT_FALSE(cache.find("h1"));
  cache.keep("h1", buyer("a1"));
  clock.advance(milliseconds(1999));
  ASSERT_TRUE(cache.find("h1"));
  EXPECT_EQ(cache.find("h1")->id, "a1");
  clock.advance(milliseconds(1));
  EXPECT_FALSE(cache.find("h1")) << "after `keep` the database is asked again";
}

TEST(SessionCache, SigningOutForgetsAtOnce) {
  ManualClock clock(from_unix(1'800'000'000));
  SessionCache cache(clock, milliseconds(2000), 10);
  cache.keep("h1", buyer("a1"));
  cache.forget("h1");
  EXPECT_FALSE(cache.find("h1"));
}

TEST(SessionCache, StaysWithinItsSize) {
  ManualClock clock(from_unix(1'800'000'000));
  SessionCache cache(clock, milliseconds(2000), 3);
  cache.keep("h1", buyer("a1"));
  clock.advance(milliseconds(2000));
  cache.keep("h2", buyer("a2"));
  cache.keep("h3", buyer("a3"));
  cache.keep("h4", buyer("a4"));  // full: h1 is stale and goes
  EXPECT_FALSE(cache.find("h1"));
  EXPECT_TRUE(cache.find("h2"));
  EXPECT_TRUE(cache.find("h4"));
  cache.keep("h5", buyer("a5"));  // full of fresh ones: all go
  EXPECT_FALSE(cache.find("h2"));
  EXPECT_TRUE(cache.find("h5"));
}

}  // namespace
}  // namespace boxoffice
