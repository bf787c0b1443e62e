#include "http/queue_json.hpp"

#include <gtest/gtest.h>

#include "domain/time.hpp"

namespace boxoffice::http {
namespace {

TEST(QueueStatusText, WaitingHasPositionAheadAndEstimate) {
  queues::Status s{"evt_a.7.ab", "evt_a", 7, "waiting", 3, 42, std::nullopt, true};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"evt_a.7.ab","event_id":"evt_a","number":7,"state":"waiting",)"
            R"("drawn":true,"position":3,"estimated_wait_seconds":42,"ahead":2})");
}

TEST(QueueStatusText, AdmittedHasNullsThenItsDeadline) {
  const auto until = from_unix(1'800'000'000);
  queues::Status s{"t", "e", 1, "admitted", std::nullopt, std::nullopt, until, false};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"t","event_id":"e","number":1,"state":"admitted","drawn":false,)"
            R"("position":null,"estimated_wait_seconds":null,"admitted_until":")" +
                format_rfc3339(until) + R"("})");
}

TEST(QueueStatusText, EscapesStrings) {
  queues::Status s{"a\"b\\c\n", "e", 1, "closed", 1, std::nullopt, std::nullopt, false};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"a\"b\\c\n","event_id":"e","number":1,"state":"closed","drawn":false,)"
            R"("position":1,"estimated_wait_seconds":null,"ahead":0})");
}

}  // namespace
}  // namespace boxoffice::http
