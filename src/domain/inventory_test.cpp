#include "domain/inventory.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

LayoutVersion version(int n, std::int64_t floor) {
  Section a{"a", "A", SectionKind::seated, {{"A", {"1", "2", "3"}}}, 0, {}};
  Section f{"floor", "Floor", SectionKind::standing, {}, floor, {}};
  return {n, {}, {a, f}, {}};
}

TEST(Inventory, SeatsAreLaidOutFrontRowFirst) {
  auto seats = seats_of(version(1, 10));
  ASSERT_EQ(seats.size(), 3u);
  EXPECT_EQ(seats[0].id, "a/A/1");
  EXPECT_EQ(seats[2].state, SeatState::available);
}

TEST(Inventory, AvailableRespectsBlocksCapsHoldsAndSales) {
  SectionCounts c{"a", SectionKind::seated, 500, std::nullopt, 10, 20, 250};
  EXPECT_EQ(c.available(), 220);
  c.cap = 300;
  EXPECT_EQ(c.available(), 30);
  c.cap = 200;
  EXPECT_EQ(c.available(), 0);
}

TEST(Inventory, CountsFollowTheLayoutOrderWithCaps) {
  StoredCounts stored;
  stored.seats[{"a", SeatState::blocked}] = 1;
  stored.seats[{"a", SeatState::sold}] = 1;
  stored.areas["floor"] = {2, 3, 1};
  auto counts = count_sections(version(1, 10), {{"floor", 8}}, stored);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].available(), 1);
  EXPECT_EQ(counts[1].held, 2);
  EXPECT_EQ(counts[1].available(), 3);  // cap 8 - 2 held - 3 sold
}

TEST(Inventory, MovingVersionsMustNotLoseHeldOrSoldPlaces) {
  auto counts = count_sections(version(1, 10), {}, {{}, {{"floor", {2, 3, 0}}}});
  EXPECT_TRUE(places_lost(version(2, 5), {"a/A/1"}, counts).empty());
  Section a{"a", "A", SectionKind::seated, {{"A", {"2", "3"}}}, 0, {}};
  LayoutVersion smaller{3, {}, {a, {"floor", "F", SectionKind::standing, {}, 4, {}}}, {}};
  auto reasons = places_lost(smaller, {"a/A/1"}, counts);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_NE(reasons[0].find("a/A/1"), std::string::npos);
  EXPECT_NE(reasons[1].find("floor"), std::string::npos);
}

TEST(Inventory, CapsBelowWhatIsSoldAreRefused) {
  auto counts = count_sections(version(1, 10), {}, {{}, {{"floor", {2, 3, 0}}}});
  EXPECT_TRUE(caps_below_sales({{"floor", 5}}, counts).empty());
  EXPECT_EQ(caps_below_sales({{"floor", 4}}, counts).size(), 1u);
}

TEST(Inventory, BlocksNameRealSeatsOrAStandingQuantity) {
  const auto v = version(1, 10);
  Block seats{"", "e", "a", {"a/A/1", "a/A/9", "a/A/1"}, 0, "", {}, ""};
  auto e = validate_block(seats, v);
  EXPECT_TRUE(e.count("seats[1]"));
  EXPECT_TRUE(e.count("seats[2]"));
  Block standing{"", "e", "floor", {}, 11, "", {}, ""};
  EXPECT_TRUE(validate_block(standing, v).count("quantity"));
  standing.quantity = 10;
  EXPECT_TRUE(validate_block(standing, v).empty());
  EXPECT_TRUE(validate_block({"", "e", "zz", {}, 1, "", {}, ""}, v).count("section"));
}

}  // namespace
}  // namespace boxoffice
