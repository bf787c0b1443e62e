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

}  // namespace
}  // namespace boxoffice
