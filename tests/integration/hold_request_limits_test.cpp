// Limits on hold requests: an answer of bounded size whatever the body holds (naming thousands of
// seats that do not exist gets the first hundred named and the rest summed up, not one error
// each), and a bounded number of holds a minute from one client address, so that scripted
// accounts cannot keep an event's seats held.
#include "integration/event_helpers.hpp"

namespace boxoffice::testing {
namespace {

using HoldRequestLimits = EventFixture;

TEST_F(HoldRequestLimits, ThousandsOfBadSeatsGetABoundedAnswer) {
  const auto event = published_event(make_place(unique_name("Bad seats hall")),
                                     unique_name("Bad seats"), {{"sales_open_at", at(-1)}});
  json::array seats;
  for (int i = 0; i < 20000; ++i) seats.emplace_back("nowhere/Z/" + std::to_string(i));
  seats.emplace_back(42);  // not even a string, and past the hundredth
  auto r = client().post("/api/v1/holds", {{"event_id", event}, {"seats", seats}}, buyer_token());
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
  const auto& fields = r.json().at("error").at("fields").as_object();
  EXPECT_LE(fields.size(), 101u);
  EXPECT_TRUE(fields.contains("seats[99]"));
  EXPECT_FALSE(fields.contains("seats[100]"));
  EXPECT_NE(str(fields, "seats").find("20001"), std::string::npos) << str(fields, "seats");
  EXPECT_LT(r.body.size(), 20000u);
}

TEST_F(HoldRequestLimits, OneAddressPlacesABoundedNumberOfHoldsAMinute) {
  const auto event = published_event(make_place(unique_name("Hoard hall")), unique_name("Hoard"),
                                     {{"sales_open_at", at(-1)}, {"max_tickets_per_buyer", 20}});
  // A node behind a proxy on loopback, on the same database: the client is X-Forwarded-For.
  ServerProcess node(g_server, shared_->db.url(),
                     {"--trusted-proxies", "127.0.0.1/32", "--holds-per-address", "3"});
  const HttpClient c(node.port());
  auto hold_from = [&](const std::string& address, const std::string& seat) {
    const std::string body = R"({"event_id":")" + event + R"(","seats":[")" + seat + R"("]})";
    return c.request("POST", "/api/v1/holds", body,
                     {{"Authorization", "Bearer " + buyer_token()},
                      {"Content-Type", "application/json"},
                      {"X-Forwarded-For", address}});
  };
  for (const char* seat : {"stalls/A/1", "stalls/A/2", "stalls/A/3"})
    EXPECT_EQ(hold_from("203.0.113.9", seat).status, 201) << seat;
  auto refused = hold_from("203.0.113.9", "stalls/A/4");
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(error_code(refused), "too_many_holds");
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_EQ(hold_from("203.0.113.10", "stalls/A/4").status, 201) << "another client is not held up";
}

}  // namespace
}  // namespace boxoffice::testing
