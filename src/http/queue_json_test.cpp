#include "http/queue_json.hpp"

#include <gtest/gtest.h>

#include "domain/time.hpp"

namespace boxoffice::http {
namespace {

TEST(QueueStatusText, WaitingHasPositionAheadAndEstimate) {
  queues::Status s{.token = "evt_a.7.ab",
                   .event_id = "evt_a",
                   .number = 7,
                   .state = "waiting",
                   .position = 3,
                   .estimated_wait_seconds = 42,
                   .drawn = true};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"evt_a.7.ab","event_id":"evt_a","number":7,"state":"waiting",)"
            R"("drawn":true,"position":3,"estimated_wait_seconds":42,"ahead":2})");
}

TEST(QueueStatusText, AdmittedHasNullsThenItsDeadline) {
  const auto until = from_unix(1'800'000'000);
  queues::Status s{.token = "t",
                   .event_id = "e",
                   .number = 1,
                   .state = "admitted",
                   .admitted_until = until,
                   .started = false};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"t","event_id":"e","number":1,"state":"admitted","drawn":false,)"
            R"("position":null,"estimated_wait_seconds":null,"admitted_until":")" +
                format_rfc3339(until) + R"(","started":false})");
}

TEST(QueueStatusText, EscapesStrings) {
  queues::Status s{
      .token = "a\"b\\c\n", .event_id = "e", .number = 1, .state = "closed", .position = 1};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"a\"b\\c\n","event_id":"e","number":1,"state":"closed","drawn":false,)"
            R"("position":1,"estimated_wait_seconds":null,"ahead":0})");
}

TEST(QueueStatusText, WaitingWithOddsNestsThem) {
  queues::Status s{.token = "t",
                   .event_id = "e",
                   .number = 2,
                   .state = "waiting",
                   .position = 1,
                   .estimated_wait_seconds = 0,
                   .odds = LineOdds{5, 3, Likelihood::likely}};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"t","event_id":"e","number":2,"state":"waiting","drawn":false,)"
            R"("position":1,"estimated_wait_seconds":0,"ahead":0,)"
            R"("odds":{"places_left":5,"buyers_ahead_who_can_buy":3,"likely":"likely"}})");
}

}  // namespace
}  // namespace boxoffice::http
