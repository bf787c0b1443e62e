#include "http/queue_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "domain/time.hpp"

namespace boxoffice::http {
namespace {

// Moved in from std::strings: GCC 12 warns falsely (-Wrestrict) on short literals assigned to them.
queues::Status status(std::string token, std::string event_id, std::int64_t number,
                      std::string state) {
  queues::Status s;
  s.token = std::move(token);
  s.event_id = std::move(event_id);
  s.number = number;
  s.state = std::move(state);
  return s;
}

TEST(QueueStatusText, WaitingHasPositionAheadAndEstimate) {
  auto s = status("evt_a.7.ab", "evt_a", 7, "waiting");
  s.position = 3;
  s.estimated_wait_seconds = 42;
  s.drawn = true;
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"evt_a.7.ab","event_id":"evt_a","number":7,"state":"waiting",)"
            R"("drawn":true,"position":3,"estimated_wait_seconds":42,"ahead":2})");
}

TEST(QueueStatusText, AdmittedHasNullsThenItsDeadline) {
  const auto until = from_unix(1'800'000'000);
  auto s = status("t", "e", 1, "admitted");
  s.admitted_until = until;
  s.started = false;
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"t","event_id":"e","number":1,"state":"admitted","drawn":false,)"
            R"("position":null,"estimated_wait_seconds":null,"admitted_until":")" +
                format_rfc3339(until) + R"(","started":false})");
}

TEST(QueueStatusText, EscapesStrings) {
  auto s = status("a\"b\\c\n", "e", 1, "closed");
  s.position = 1;
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"a\"b\\c\n","event_id":"e","number":1,"state":"closed","drawn":false,)"
            R"("position":1,"estimated_wait_seconds":null,"ahead":0})");
}

TEST(QueueStatusText, EscapesEveryByteAsTheRestOfTheApi) {
  std::string every;
  for (int byte = 0; byte < 256; ++byte) every += static_cast<char>(byte);
  const auto text = queue_status_text(status(every, "e", 1, "waiting"));
  EXPECT_EQ(text.substr(0, text.find(R"(,"event_id")")),
            R"({"token":)" + boost::json::serialize(std::string_view(every)));
}

TEST(QueueStatusText, WaitingWithOddsNestsThem) {
  auto s = status("t", "e", 2, "waiting");
  s.position = 1;
  s.estimated_wait_seconds = 0;
  s.odds = LineOdds{5, 3, Likelihood::likely};
  EXPECT_EQ(queue_status_text(s),
            R"({"token":"t","event_id":"e","number":2,"state":"waiting","drawn":false,)"
            R"("position":1,"estimated_wait_seconds":0,"ahead":0,)"
            R"("odds":{"places_left":5,"buyers_ahead_who_can_buy":3,"likely":"likely"}})");
}

}  // namespace
}  // namespace boxoffice::http
