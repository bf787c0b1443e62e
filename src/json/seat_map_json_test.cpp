#include "json/seat_map_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace boxoffice::json {
namespace {

TEST(CompactRowJson, NumberedRowsBecomeRangesOthersListTheirSeats) {
  EXPECT_EQ(boost::json::serialize(compact_row_json({"A", {"3", "4", "5"}})),
            R"({"label":"A","from":3,"to":5})");
  for (const Row& row : {Row{"B", {"1", "3"}}, Row{"C", {"01", "02"}}, Row{"D", {"1", "2a"}},
                         Row{"E", {"5", "4"}}, Row{"F", {}}})
    EXPECT_TRUE(compact_row_json(row).contains("seats")) << row.label;
}

// Two sections, one of them standing; the second row of the seated one is not numbered.
EventInventory stadium_in_small() {
  auto version = std::make_shared<LayoutVersion>();
  version->version = 3;
  version->sections = {
      {"a", "Block A", SectionKind::seated, {{"A", {"1", "2", "3"}}, {"B", {"x", "y"}}}, 0, {}},
      {"floor", "Floor", SectionKind::standing, {}, 100, {}}};
  InventorySnapshot snapshot;
  snapshot.seq = 42;
  for (auto [row, seat, state] : {std::tuple{"A", "1", SeatState::available},
                                  {"A", "2", SeatState::held},
                                  {"A", "3", SeatState::sold},
                                  {"B", "x", SeatState::blocked},
                                  {"B", "y", SeatState::available}})
    snapshot.seats.push_back({seat_id("a", row, seat), "a", row, seat, state});
  Event event;
  event.id = "evt_1";
  event.layout_id = "lay_1";
  return {event, version, {}, InventoryState(version, std::move(snapshot))};
}

TEST(SeatMapJson, OneLetterPerSeatInRowOrderWithTheLayoutsRows) {
  const auto map = seat_map_json(stadium_in_small());
  EXPECT_EQ(map.at("seq").as_int64(), 42);
  EXPECT_EQ(map.at("layout_version").as_int64(), 3);
  const auto& sections = map.at("sections").as_array();
  ASSERT_EQ(sections.size(), 1u) << "standing areas are counted in /availability";
  EXPECT_EQ(sections[0].at("states").as_string(), "ahsba");
  EXPECT_EQ(boost::json::serialize(sections[0].at("rows")),
            R"([{"label":"A","from":1,"to":3},{"label":"B","seats":["x","y"]}])");
}

TEST(SeatMapJson, SeatsStoredOutOfOrderAreStillPutOnTheirPlace) {
  auto inventory = stadium_in_small();
  InventorySnapshot shuffled;
  shuffled.seq = 43;
  shuffled.seats = {{"a/B/y", "a", "B", "y", SeatState::sold},
                    {"a/A/1", "a", "A", "1", SeatState::held},
                    {"a/A/2", "a", "A", "2", SeatState::available},
                    {"a/A/3", "a", "A", "3", SeatState::available},
                    {"a/B/x", "a", "B", "x", SeatState::available}};
  inventory.state = InventoryState(inventory.version, std::move(shuffled));
  const auto map = seat_map_json(inventory);
  EXPECT_EQ(map.at("sections").as_array()[0].at("states").as_string(), "haaas");
}

TEST(SeatMapJson, ASeatTheEventHasNoRowForIsNotForSale) {
  auto inventory = stadium_in_small();
  InventorySnapshot partial;
  partial.seats = {{"a/A/2", "a", "A", "2", SeatState::held}};
  inventory.state = InventoryState(inventory.version, std::move(partial));
  const auto map = seat_map_json(inventory);
  EXPECT_EQ(map.at("sections").as_array()[0].at("states").as_string(), "bhbbb");
}

}  // namespace
}  // namespace boxoffice::json
