#include "domain/inventory_feed.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

InventoryState three_seats_and_a_floor() {
  InventorySnapshot s;
  s.seq = 7;
  for (const char* n : {"1", "2", "3"}) s.seats.push_back({seat_id("a", "A", n), "a", "A", n});
  s.seats[2].state = SeatState::sold;
  s.areas["floor"] = {2, 5, 0};
  return InventoryState(std::move(s));
}

InventoryChange seat(std::int64_t seq, const char* id, SeatState state) {
  return {seq, InventoryChange::Kind::seat, id, state, {}};
}

TEST(InventoryFeed, SnapshotCountsSeatsByState) {
  auto state = three_seats_and_a_floor();
  EXPECT_EQ(state.seq(), 7);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::available})), 2);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::sold})), 1);
  EXPECT_EQ(state.seats("a").size(), 3u);
  EXPECT_TRUE(state.seats("floor").empty());
}

TEST(InventoryFeed, ChangesMoveCountsAndNameWhatChanged) {
  auto state = three_seats_and_a_floor();
  InventoryUpdate update;
  ASSERT_TRUE(state.apply({seat(8, "a/A/1", SeatState::held),
                           seat(9, "a/A/1", SeatState::sold),
                           {10, InventoryChange::Kind::area, "floor", {}, {1, 6, 0}}},
                          update));
  EXPECT_EQ(update.seq, 10);
  EXPECT_EQ(state.seq(), 10);
  ASSERT_EQ(update.seats.size(), 2u);
  EXPECT_EQ(update.seats[1].second, SeatState::sold);
  EXPECT_EQ(update.sections, (std::set<std::string>{"a", "floor"}));
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::available})), 1);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::held})), 0);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::sold})), 2);
  EXPECT_EQ(state.counts().areas.at("floor").sold, 6);
  EXPECT_EQ(state.seats("a")[0].state, SeatState::sold);
}

TEST(InventoryFeed, AHoldJustWrittenIsHeldUntilTheFeedBringsItAndTheFeedAgrees) {
  auto state = three_seats_and_a_floor();
  const Hold hold{"h", "e", "b", HoldStatus::active, {}, {}, {{"a", "a/A/1", 1}, {"floor", "", 2}}};
  state.note_held(hold);
  EXPECT_EQ(state.seat_state("a/A/1"), SeatState::held);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::held})), 1);
  EXPECT_EQ(state.counts().areas.at("floor").held, 2) << "standing places are left to the feed";
  InventoryUpdate update;
  ASSERT_TRUE(state.apply(
      {seat(8, "a/A/1", SeatState::held), {9, InventoryChange::Kind::area, "floor", {}, {4, 5, 0}}},
      update));
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::held})), 1);
  EXPECT_EQ(state.counts().areas.at("floor").held, 4);
  EXPECT_EQ(update.seats.size(), 1u) << "watchers still hear of it from the feed";
}

TEST(InventoryFeed, AChangeOfTheEventAsksForAFreshSnapshot) {
  auto state = three_seats_and_a_floor();
  InventoryUpdate update;
  EXPECT_FALSE(state.apply(
      {seat(8, "a/A/1", SeatState::held), {9, InventoryChange::Kind::event, "", {}, {}}}, update));
  EXPECT_EQ(state.seq(), 7);
  EXPECT_EQ(state.seats("a")[0].state, SeatState::available);
}

TEST(InventoryFeed, SeatsOfAnotherLayoutAreIgnored) {
  auto state = three_seats_and_a_floor();
  InventoryUpdate update;
  ASSERT_TRUE(state.apply({seat(8, "b/Z/9", SeatState::held)}, update));
  EXPECT_TRUE(update.seats.empty());
  EXPECT_EQ(state.seq(), 8);
}

}  // namespace
}  // namespace boxoffice
