#include "domain/hold.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

Section section(std::vector<std::pair<std::string, int>> rows) {
  Section s{"s", "S", SectionKind::seated, {}, 0, {}};
  for (auto& [label, n] : rows) {
    Row r{label, {}};
    for (int i = 1; i <= n; ++i) r.seats.push_back(std::to_string(i));
    s.rows.push_back(r);
  }
  return s;
}

std::vector<Seat> states(const Section& s, std::vector<std::string> taken) {
  LayoutVersion v{1, {}, {s}, {}};
  auto seats = seats_of(v);
  for (auto& seat : seats)
    if (std::find(taken.begin(), taken.end(), seat.id) != taken.end()) seat.state = SeatState::sold;
  return seats;
}

TEST(BestAvailable, FrontRowTogetherNearTheMiddle) {
  auto s = section({{"A", 10}, {"B", 10}});
  EXPECT_EQ(best_available(s, states(s, {}), 2), (std::vector<std::string>{"s/A/5", "s/A/6"}));
}

TEST(BestAvailable, NeverStrandsASingleSeatWhenAnotherChoiceExists) {
  auto s = section({{"A", 4}, {"B", 6}});
  // Row A has 1, 2, 3 free: two seats there strand one; row B has room without stranding.
  auto picked = best_available(s, states(s, {"s/A/4"}), 2);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0].substr(0, 4), "s/B/");
  // Exactly three free in A and a request for three: takes them all, nothing stranded.
  EXPECT_EQ(best_available(s, states(s, {"s/A/4"}), 3),
            (std::vector<std::string>{"s/A/1", "s/A/2", "s/A/3"}));
}

TEST(BestAvailable, FallsBackToTheFrontWhenStrandingIsUnavoidable) {
  auto s = section({{"A", 3}});
  EXPECT_EQ(best_available(s, states(s, {}), 2).size(), 2u);
}

TEST(BestAvailable, SplitsAcrossRowsOnlyWhenNoRowHasRoom) {
  auto s = section({{"A", 3}, {"B", 3}});
  auto picked = best_available(s, states(s, {"s/A/2", "s/B/2"}), 3);
  EXPECT_EQ(picked, (std::vector<std::string>{"s/A/1", "s/A/3", "s/B/1"}));
  EXPECT_TRUE(best_available(s, states(s, {"s/A/2", "s/B/2"}), 5).empty());
}

TEST(Holds, ANewHoldEndsWithTheBuyersEarlierOnes) {
  Hold h;
  h.expires_at = *parse_rfc3339("2026-03-05T10:30:00Z");
  end_with_earlier_holds(h, std::nullopt);
  EXPECT_EQ(format_rfc3339(h.expires_at), "2026-03-05T10:30:00Z");
  end_with_earlier_holds(h, *parse_rfc3339("2026-03-05T10:40:00Z"));
  EXPECT_EQ(format_rfc3339(h.expires_at), "2026-03-05T10:30:00Z");
  end_with_earlier_holds(h, *parse_rfc3339("2026-03-05T10:12:00Z"));
  EXPECT_EQ(format_rfc3339(h.expires_at), "2026-03-05T10:12:00Z");
}

TEST(HoldRequests, NameEveryProblem) {
  LayoutVersion v{
      1, {}, {section({{"A", 2}}), {"floor", "F", SectionKind::standing, {}, 10, {}}}, {}};
  EXPECT_TRUE(validate_hold_request({{"s/A/1"}, {}, 0}, v).empty());
  EXPECT_TRUE(validate_hold_request({{}, "floor", 3}, v).empty());
  auto e = validate_hold_request({{"s/A/1", "s/A/9", "s/A/1"}, {}, 0}, v);
  EXPECT_TRUE(e.count("seats[1]") && e.count("seats[2]"));
  EXPECT_TRUE(validate_hold_request({{}, "nowhere", 0}, v).count("section"));
  EXPECT_TRUE(validate_hold_request({{}, "floor", 0}, v).count("quantity"));
  EXPECT_TRUE(validate_hold_request({{"s/A/1"}, "floor", 1}, v).count("seats"));
}

TEST(HoldRequests, BuyerLimitCountsHeldAndBought) {
  EXPECT_TRUE(within_buyer_limit(2, 2, 4));
  auto over = within_buyer_limit(3, 2, 4);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, "limit_exceeded");
}

// A hold of two seats and four standing places, placed at noon for a quarter of an hour.
Hold two_seats_and_floor() {
  const auto noon = *parse_rfc3339("2026-03-05T12:00:00Z");
  return {"hld_1",
          "evt_1",
          "acc_1",
          HoldStatus::active,
          noon,
          noon + std::chrono::minutes(15),
          {{"s", "s/A/1", 1}, {"floor", "", 4}, {"s", "s/A/2", 1}}};
}

TimePoint during(const Hold& h) {
  return h.created_at + std::chrono::minutes(1);
}

TEST(PartialRelease, KeepsTheOtherItemsInOrderAndTheTime) {
  const auto h = two_seats_and_floor();
  auto seat = after_release(h, {{"s/A/1"}, {}}, during(h));
  ASSERT_TRUE(seat) << seat.error().message;
  EXPECT_EQ(seat->status, HoldStatus::active);
  EXPECT_EQ(seat->expires_at, h.expires_at);
  ASSERT_EQ(seat->items.size(), 2u);
  EXPECT_EQ(seat->items[0].section, "floor");
  EXPECT_EQ(seat->items[1].seat_id, "s/A/2");
  EXPECT_EQ(seat->places(), 5);

  auto floor = after_release(h, {{}, {{"floor", "", 3}}}, during(h));
  ASSERT_TRUE(floor) << floor.error().message;
  ASSERT_EQ(floor->items.size(), 3u);
  EXPECT_EQ(floor->items[1].quantity, 1);
  EXPECT_EQ(floor->places(), 3);

  // Seats and every standing place at once: only the other seat is left.
  auto both = after_release(h, {{"s/A/2"}, {{"floor", "", 4}}}, during(h));
  ASSERT_TRUE(both);
  ASSERT_EQ(both->items.size(), 1u);
  EXPECT_EQ(both->items[0].seat_id, "s/A/1");
}

TEST(PartialRelease, LettingEverythingGoReleasesTheHoldWithItsItems) {
  const auto h = two_seats_and_floor();
  auto all = after_release(h, {{"s/A/2", "s/A/1"}, {{"floor", "", 4}}}, during(h));
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->status, HoldStatus::released);
  EXPECT_EQ(all->items.size(), 3u);
  EXPECT_EQ(all->places(), 6);
  EXPECT_EQ(all->expires_at, h.expires_at);
}

TEST(PartialRelease, NamesEveryBadFieldAndLetsNothingGo) {
  const auto h = two_seats_and_floor();
  auto bad = after_release(
      h,
      {{"s/A/1", "s/A/3", "s/A/1"},
       {{"floor", "", 5}, {"s", "", 1}, {"", "", 1}, {"balcony", "", 1}, {"floor", "", 0}}},
      during(h));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
  const FieldErrors expected{{"seats[1]", "is not in this hold"},
                             {"seats[2]", "is named twice"},
                             {"items[0].quantity", "must be between 1 and the 4 places held"},
                             {"items[1].section", "is not a standing area of this hold"},
                             {"items[2].section", "is required"},
                             {"items[3].section", "is not a standing area of this hold"},
                             {"items[4].quantity", "must be between 1 and the 4 places held"}};
  EXPECT_EQ(bad.error().fields, expected);

  auto twice = after_release(h, {{}, {{"floor", "", 1}, {"floor", "", 1}}}, during(h));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().fields, (FieldErrors{{"items[1].section", "is named twice"}}));

  auto nothing = after_release(h, {}, during(h));
  ASSERT_FALSE(nothing);
  EXPECT_TRUE(nothing.error().fields.count("seats"));
}

TEST(PartialRelease, OnlyWhileTheHoldIsActive) {
  auto h = two_seats_and_floor();
  auto late = after_release(h, {{"s/A/1"}, {}}, h.expires_at);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind, ErrorKind::conflict);
  EXPECT_EQ(late.error().code, "hold_not_active");
  EXPECT_NE(late.error().message.find("expired"), std::string::npos);
  for (auto status : {HoldStatus::released, HoldStatus::expired, HoldStatus::purchased}) {
    h.status = status;
    auto ended = after_release(h, {{"s/A/1"}, {}}, during(h));
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.error().code, "hold_not_active");
    EXPECT_NE(ended.error().message.find(to_string(status)), std::string::npos);
  }
}

}  // namespace
}  // namespace boxoffice
