#include "domain/inventory_feed.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

std::shared_ptr<const LayoutVersion> layout(std::vector<Section> sections) {
  auto version = std::make_shared<LayoutVersion>();
  version->sections = std::move(sections);
  return version;
}

// Every seat of `version` stored, available.
InventorySnapshot every_seat(const LayoutVersion& version) {
  InventorySnapshot s;
  s.seats = seats_of(version);
  return s;
}

InventoryState three_seats_and_a_floor() {
  auto version = layout({{"a", "A", SectionKind::seated, {{"A", {"1", "2", "3"}}}, 0, {}},
                         {"floor", "Floor", SectionKind::standing, {}, 100, {}}});
  InventorySnapshot s = every_seat(*version);
  s.seq = 7;
  s.seats[2].state = SeatState::sold;
  s.areas["floor"] = {2, 5, 0};
  return InventoryState(version, std::move(s));
}

// Rows of every kind: numbered from 1, numbered from 101, named seats, and a row with a gap.
InventoryState rows_of_every_kind() {
  auto version = layout(
      {{"a",
        "A",
        SectionKind::seated,
        {{"A", {"1", "2", "3"}}, {"B", {"101", "102"}}, {"C", {"x", "y"}}, {"D", {"1", "2", "4"}}},
        0,
        {}},
       {"b", "B", SectionKind::seated, {{"A", {"1", "2"}}}, 0, {}}});
  return InventoryState(version, every_seat(*version));
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

TEST(InventoryFeed, SeatsAreFoundByTheirPartsInRowsOfEveryKind) {
  auto state = rows_of_every_kind();
  for (const char* id : {"a/A/1", "a/A/3", "a/B/101", "a/B/102", "a/C/x", "a/C/y", "a/D/1", "a/D/2",
                         "a/D/4", "b/A/2"})
    EXPECT_EQ(state.seat_state(id), SeatState::available) << id;
  InventoryUpdate update;
  ASSERT_TRUE(state.apply({seat(1, "a/B/102", SeatState::sold), seat(2, "a/D/4", SeatState::held),
                           seat(3, "a/C/y", SeatState::blocked)},
                          update));
  EXPECT_EQ(state.seat_state("a/B/102"), SeatState::sold);
  EXPECT_EQ(state.seat_state("a/B/101"), SeatState::available) << "its neighbour is untouched";
  EXPECT_EQ(state.seat_state("a/D/4"), SeatState::held);
  EXPECT_EQ(state.seat_state("b/A/2"), SeatState::available) << "the same labels elsewhere";
  const auto seats = state.seats("a");
  ASSERT_EQ(seats.size(), 10u);
  EXPECT_EQ(seats[4].id, "a/B/102");
  EXPECT_EQ(seats[4].row, "B");
  EXPECT_EQ(seats[4].seat, "102");
  EXPECT_EQ(seats[4].state, SeatState::sold);
  EXPECT_EQ(seats[6].state, SeatState::blocked);
  EXPECT_EQ(seats[9].state, SeatState::held);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::available})), 7);
}

TEST(InventoryFeed, UnknownAndMalformedIdsNameNoSeat) {
  auto state = rows_of_every_kind();
  for (const char* id : {"",
                         "a",
                         "a/A",
                         "a/A/",
                         "/A/1",
                         "a//1",
                         "z/A/1",
                         "a/Z/1",
                         "a/A/0",
                         "a/A/4",
                         "a/A/01",
                         "a/A/+1",
                         "a/A/-1",
                         "a/A/1/",
                         "a/A/1/2",
                         "a/B/1",
                         "a/B/100",
                         "a/B/103",
                         "a/C/z",
                         "a/C/X",
                         "a/D/3",
                         "a/D/5",
                         "a/A/99999999999999999999",
                         "floor/A/1"})
    EXPECT_FALSE(state.seat_state(id).has_value()) << id;
  InventoryUpdate update;
  ASSERT_TRUE(state.apply({seat(1, "a/D/3", SeatState::held), seat(2, "a/A/1/2", SeatState::held)},
                          update));
  EXPECT_TRUE(update.seats.empty());
  state.note_held({"h", "e", "b", HoldStatus::active, {}, {}, {{"a", "a/A/7", 1}}});
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::available})), 10);
}

TEST(InventoryFeed, NoteHeldTakesOnlyAvailableSeats) {
  auto state = three_seats_and_a_floor();
  state.note_held(
      {"h", "e", "b", HoldStatus::active, {}, {}, {{"a", "a/A/3", 1}, {"a", "a/A/2", 1}}});
  EXPECT_EQ(state.seat_state("a/A/3"), SeatState::sold) << "a sold seat stays sold";
  EXPECT_EQ(state.seat_state("a/A/2"), SeatState::held);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::available})), 1);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::held})), 1);
  EXPECT_EQ((state.counts().seats.at({"a", SeatState::sold})), 1);
}

TEST(InventoryFeed, ALayoutSeatWithoutAStoredRowIsNotTheEvents) {
  auto version = layout({{"a", "A", SectionKind::seated, {{"A", {"1", "2", "3"}}}, 0, {}}});
  InventorySnapshot s;
  s.seats = {{"a/A/2", "a", "A", "2", SeatState::held}, {"a/Q/1", "a", "Q", "1"}};
  InventoryState state(version, std::move(s));
  EXPECT_FALSE(state.seat_state("a/A/1").has_value());
  EXPECT_EQ(state.seat_state("a/A/2"), SeatState::held);
  ASSERT_EQ(state.seats("a").size(), 1u);
  InventoryUpdate update;
  ASSERT_TRUE(state.apply({seat(1, "a/A/1", SeatState::sold)}, update));
  EXPECT_TRUE(update.seats.empty());
  std::string letters;
  state.visit_states("a", [&](std::optional<SeatState> st) { letters += st ? 'y' : 'n'; });
  EXPECT_EQ(letters, "nyn");
  EXPECT_EQ(state.counts().seats.size(), 1u) << "only the stored seat is counted";
}

}  // namespace
}  // namespace boxoffice
