#include "domain/hold_decision.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

const TimePoint kNow = from_unix(1'800'000'000);

Hold hold_of(std::string account, std::vector<HoldItem> items) {
  return {"h-" + account,     "e",  std::move(account),
          HoldStatus::active, kNow, kNow + std::chrono::minutes(10),
          std::move(items)};
}

HoldItem seat(std::string id) {
  return {"a", std::move(id), 1};
}
HoldItem standing(std::int64_t n) {
  return {"floor", "", n};
}

HoldGround ground() {
  HoldGround g;
  g.seats = {
      {"a/A/1", SeatState::available}, {"a/A/2", SeatState::available}, {"a/A/3", SeatState::sold}};
  SectionCounts floor;
  floor.key = "floor";
  floor.kind = SectionKind::standing;
  floor.places = 10;
  floor.held = 4;
  g.areas["floor"] = floor;
  return g;
}

TEST(DecideHold, GrantsAndTakesThePlacesFromTheGround) {
  auto g = ground();
  auto granted = decide_hold(hold_of("b1", {seat("a/A/1"), standing(3)}), 10, g);
  ASSERT_TRUE(granted);
  EXPECT_EQ(g.seats["a/A/1"], SeatState::held);
  EXPECT_EQ(g.areas["floor"].held, 7);
  // The next hold of the same batch finds them gone.
  auto second = decide_hold(hold_of("b2", {seat("a/A/1")}), 10, g);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "seats_unavailable");
  EXPECT_EQ(second.error().fields.count("a/A/1"), 1u);
  EXPECT_FALSE(decide_hold(hold_of("b2", {standing(4)}), 10, g));
  EXPECT_TRUE(decide_hold(hold_of("b2", {standing(3)}), 10, g));
}

TEST(DecideHold, AllOrNothingLeavesTheGroundAsItWas) {
  auto g = ground();
  auto refused = decide_hold(hold_of("b1", {seat("a/A/1"), seat("a/A/3")}), 10, g);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.size(), 1u);  // only the sold seat is named
  EXPECT_EQ(g.seats["a/A/1"], SeatState::available);

  auto full = decide_hold(hold_of("b1", {seat("a/A/2"), standing(7)}), 10, g);
  ASSERT_FALSE(full);
  EXPECT_EQ(g.seats["a/A/2"], SeatState::available);
  EXPECT_EQ(g.areas["floor"].held, 4);
}

TEST(DecideHold, ASeatNamedTwiceIsUnavailableTheSecondTimeAndGivenBack) {
  auto g = ground();
  auto twice = decide_hold(hold_of("b1", {seat("a/A/1"), seat("a/A/1")}), 10, g);
  ASSERT_FALSE(twice);
  EXPECT_EQ(g.seats["a/A/1"], SeatState::available);
}

TEST(DecideHold, UnknownSeatsAndAreasHaveNoRoom) {
  auto g = ground();
  EXPECT_FALSE(decide_hold(hold_of("b1", {seat("a/Z/9")}), 10, g));
  EXPECT_FALSE(decide_hold(hold_of("b1", {{"pit", "", 1}}), 10, g));
}

TEST(DecideHold, BuyerLimitCountsEarlierHoldsOfTheBatchAndEndsWithTheEarliest) {
  auto g = ground();
  const auto earlier_end = kNow + std::chrono::minutes(4);
  g.buyers["b1"] = {2, earlier_end};
  auto first = decide_hold(hold_of("b1", {standing(1)}), 4, g);
  ASSERT_TRUE(first);
  EXPECT_EQ(first.value().expires_at, earlier_end);
  auto over = decide_hold(hold_of("b1", {standing(2)}), 4, g);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, "limit_exceeded");
  EXPECT_EQ(g.areas["floor"].held, 5);
  // A buyer the ground does not know is not checked: memory does not count buyers' places.
  EXPECT_TRUE(decide_hold(hold_of("b9", {standing(5)}), 4, g));
}

TEST(SalesNotStopped, RefusesPausedClosedAndCancelledOnly) {
  EXPECT_TRUE(sales_not_stopped(EventStatus::on_sale));
  EXPECT_TRUE(sales_not_stopped(EventStatus::draft));
  EXPECT_EQ(sales_not_stopped(EventStatus::paused).error().code, "sales_paused");
  EXPECT_EQ(sales_not_stopped(EventStatus::closed).error().code, "sales_closed");
  EXPECT_EQ(sales_not_stopped(EventStatus::cancelled).error().code, "event_cancelled");
}

TEST(SeatsInFlight, CountAsTakenUntilTheyLand) {
  SeatsInFlight in_flight;
  const Hold first = hold_of("b1", {seat("a/A/1"), standing(5)});
  in_flight.add(first);
  auto g = ground();
  in_flight.take_from(g);
  EXPECT_EQ(g.seats["a/A/1"], SeatState::held);
  EXPECT_EQ(g.seats["a/A/3"], SeatState::sold);
  EXPECT_EQ(g.areas["floor"].held, 4) << "standing places are not counted in flight";
  auto refused = decide_hold(hold_of("b2", {seat("a/A/1")}), 10, g);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "seats_unavailable");

  std::vector<Seat> seats{{"a/A/1", "a", "A", "1"}, {"a/A/2", "a", "A", "2"}};
  in_flight.take_from(seats);
  EXPECT_EQ(seats[0].state, SeatState::held);
  EXPECT_EQ(seats[1].state, SeatState::available);

  in_flight.remove(first);
  EXPECT_FALSE(in_flight.has("a/A/1"));
}

}  // namespace
}  // namespace boxoffice
