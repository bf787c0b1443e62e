#include "http/request_log.hpp"

#include <gtest/gtest.h>

namespace boxoffice::http {
namespace {

TEST(RequestLog, TokensInTheQueryAreRedacted) {
  EXPECT_EQ(loggable_target("/queue.html?token=q_secret"), "/queue.html?token=REDACTED");
  EXPECT_EQ(loggable_target("/api/v1/events/e1/updates?after=3&queue_token=q_secret&x=1"),
            "/api/v1/events/e1/updates?after=3&queue_token=REDACTED&x=1");
  EXPECT_EQ(loggable_target("/x?Token=a&token=b"), "/x?Token=REDACTED&token=REDACTED");
}

TEST(RequestLog, EverythingElseIsKept) {
  EXPECT_EQ(loggable_target("/api/v1/events?venue_id=v1&limit=5"),
            "/api/v1/events?venue_id=v1&limit=5");
  EXPECT_EQ(loggable_target("/healthz"), "/healthz");
  EXPECT_EQ(loggable_target("/x?"), "/x?");
  EXPECT_EQ(loggable_target("/x?token"), "/x?token");  // a name without a value gives nothing away
}

}  // namespace
}  // namespace boxoffice::http
