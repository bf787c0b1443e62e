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

TEST(ExtendHold, AddsTheGrantedPlacesToTheHoldWhichKeepsItsIdAndEnd) {
  auto g = ground();
  g.buyers["b1"] = {2, kNow + std::chrono::minutes(5)};  // an earlier hold ends sooner
  auto stored = hold_of("b1", {seat("a/A/1"), standing(1)});
  g.seats["a/A/1"] = SeatState::held;
  Hold addition = hold_of("b1", {seat("a/A/2"), standing(2)});
  addition.id = "other";
  addition.expires_at = kNow + std::chrono::hours(1);
  auto whole = extend_hold(stored, addition, 10, g, kNow);
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_EQ(whole.value().id, stored.id);
  EXPECT_EQ(whole.value().expires_at, stored.expires_at);
  EXPECT_EQ(whole.value().created_at, stored.created_at);
  ASSERT_EQ(whole.value().items.size(), 3u);  // one item per standing area
  EXPECT_EQ(whole.value().items[1].quantity, 3);
  EXPECT_EQ(whole.value().items[2].seat_id, "a/A/2");
  EXPECT_EQ(whole.value().places(), 5);
  EXPECT_EQ(g.seats["a/A/2"], SeatState::held);
  EXPECT_EQ(g.areas["floor"].held, 6);
  EXPECT_EQ(g.buyers["b1"].held_or_bought, 5);
}

TEST(ExtendHold, TheLimitCountsWhatTheBuyerAlreadyHolds) {
  auto g = ground();
  g.buyers["b1"] = {3, kNow + std::chrono::minutes(10)};
  auto stored = hold_of("b1", {standing(3)});
  auto refused = extend_hold(stored, hold_of("b1", {seat("a/A/1"), seat("a/A/2")}), 4, g, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "limit_exceeded");
  EXPECT_EQ(g.seats["a/A/1"], SeatState::available);
  EXPECT_TRUE(extend_hold(stored, hold_of("b1", {seat("a/A/1")}), 4, g, kNow));
}

TEST(ExtendHold, AllOrNothing) {
  auto g = ground();
  auto stored = hold_of("b1", {seat("a/A/1")});
  auto refused = extend_hold(stored, hold_of("b1", {seat("a/A/2"), seat("a/A/3")}), 10, g, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "seats_unavailable");
  EXPECT_EQ(refused.error().fields.count("a/A/3"), 1u);
  EXPECT_EQ(g.seats["a/A/2"], SeatState::available);
}

TEST(ExtendHold, RefusesAnEndedExpiredForeignOrOtherEventsHold) {
  auto g = ground();
  auto stored = hold_of("b1", {seat("a/A/1")});
  const auto addition = hold_of("b1", {seat("a/A/2")});
  auto expired = extend_hold(stored, addition, 10, g, stored.expires_at);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "hold_not_active");
  stored.status = HoldStatus::released;
  auto released = extend_hold(stored, addition, 10, g, kNow);
  ASSERT_FALSE(released);
  EXPECT_EQ(released.error().code, "hold_not_active");
  stored.status = HoldStatus::purchased;
  EXPECT_EQ(extend_hold(stored, addition, 10, g, kNow).error().code, "hold_not_active");
  stored.status = HoldStatus::active;
  auto foreign = extend_hold(stored, hold_of("b2", {seat("a/A/2")}), 10, g, kNow);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().kind, ErrorKind::forbidden);
  auto other_event = addition;
  other_event.event_id = "e2";
  EXPECT_EQ(extend_hold(stored, other_event, 10, g, kNow).error().code, "wrong_event");
  EXPECT_EQ(g.seats["a/A/2"], SeatState::available);  // nothing was taken
}

TEST(ExtendHold, AHoldHasAtMostTheMostPlacesOfOneHold) {
  auto g = ground();
  g.areas["floor"].places = 1000;
  auto stored = hold_of("b1", {standing(kMaxPlacesPerHold - 1)});
  EXPECT_EQ(extend_hold(stored, hold_of("b1", {standing(2)}), 1000, g, kNow).error().code,
            "limit_exceeded");
  EXPECT_TRUE(extend_hold(stored, hold_of("b1", {standing(1)}), 1000, g, kNow));
}

}  // namespace
}  // namespace boxoffice
