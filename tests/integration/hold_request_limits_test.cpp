// A hold request is answered in bounded size whatever its body holds: naming thousands of seats
// that do not exist gets the first hundred named and the rest summed up, not one error each.
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

}  // namespace
}  // namespace boxoffice::testing
