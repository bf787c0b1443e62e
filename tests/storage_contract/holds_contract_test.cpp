// The storage contract for holds: the same cases on every backend, including buyers racing for the
// same places over connections of their own. Part of storage_contract_test, whose main() reads
// `--backend=sqlite|postgres`.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/security.hpp"
#include "storage_contract/places_fixture.hpp"

namespace boxoffice {
namespace {

using HoldsContract = PlacesContract;

TEST_F(HoldsContract, HoldsRoundTripWithTheirItemsInOrder) {
  auto e = add_event();
  auto seats = make_hold(e, buyer_, {seat("a", "a/B/2"), seat("a", "a/A/3"), seat("a", "a/A/1")});
  auto placed = storage_->insert_hold(seats, kNoLimit);
  ASSERT_TRUE(placed) << placed.error().message;
  EXPECT_EQ(placed->id, seats.id);
  auto area = make_hold(e, buyer_, {places("floor", 3)}, at("2026-03-05T10:01:00Z"));
  ASSERT_TRUE(storage_->insert_hold(area, kNoLimit));

  auto loaded = storage_->hold(seats.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, seats.id);
  EXPECT_EQ(loaded->event_id, e.id);
  EXPECT_EQ(loaded->account_id, buyer_);
  EXPECT_EQ(loaded->status, HoldStatus::active);
  EXPECT_EQ(loaded->created_at, seats.created_at);
  EXPECT_EQ(loaded->expires_at, seats.expires_at);
  ASSERT_EQ(loaded->items.size(), 3u);
  EXPECT_EQ(loaded->items[0].seat_id, "a/B/2");
  EXPECT_EQ(loaded->items[1].seat_id, "a/A/3");
  EXPECT_EQ(loaded->items[2].seat_id, "a/A/1");
  for (const auto& item : loaded->items) {
    EXPECT_EQ(item.section, "a");
    EXPECT_EQ(item.quantity, 1);
  }
  EXPECT_EQ(loaded->places(), 3);

  auto floor = storage_->hold(area.id);
  ASSERT_TRUE(floor);
  ASSERT_EQ(floor->items.size(), 1u);
  EXPECT_EQ(floor->items[0].section, "floor");
  EXPECT_EQ(floor->items[0].seat_id, "");
  EXPECT_EQ(floor->items[0].quantity, 3);

  EXPECT_FALSE(storage_->hold("hld_missing"));
}

TEST_F(HoldsContract, ANewHoldEndsWithTheBuyersEarlierActiveHolds) {
  auto e = add_event();
  auto first = make_hold(e, buyer_, {seat("a", "a/A/1")}, at("2026-03-05T10:00:00Z"));
  ASSERT_TRUE(storage_->insert_hold(first, kNoLimit));
  auto later = make_hold(e, buyer_, {seat("a", "a/A/2")}, at("2026-03-05T10:10:00Z"));
  auto placed = storage_->insert_hold(later, kNoLimit);
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed.value().expires_at, first.expires_at);
  EXPECT_EQ(storage_->hold(later.id)->expires_at, first.expires_at);
  auto someone_else = make_hold(e, other_, {seat("a", "a/A/3")}, at("2026-03-05T10:10:00Z"));
  EXPECT_EQ(storage_->insert_hold(someone_else, kNoLimit).value().expires_at,
            someone_else.expires_at);
  ASSERT_TRUE(storage_->end_hold(first.id, HoldStatus::released));
  ASSERT_TRUE(storage_->end_hold(later.id, HoldStatus::released));
  auto fresh = make_hold(e, buyer_, {seat("a", "a/A/4")}, at("2026-03-05T10:20:00Z"));
  EXPECT_EQ(storage_->insert_hold(fresh, kNoLimit).value().expires_at, fresh.expires_at);
}

TEST_F(HoldsContract, HeldPlacesShowInSeatsAndCounts) {
  auto e = add_event();
  ASSERT_TRUE(
      storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")}), 10));
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {places("floor", 4)}), 10));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::held);
  EXPECT_EQ(state_of(e, "a", "a/A/3"), SeatState::available);
  const auto taken = storage_->taken_seats(e.id);
  EXPECT_EQ(taken, (std::vector<std::string>{"a/A/1", "a/A/2"}));
  EXPECT_EQ(counts(e, "a").held, 2);
  EXPECT_EQ(counts(e, "a").available(), 6);
  EXPECT_EQ(counts(e, "floor").held, 4);
  EXPECT_EQ(counts(e, "floor").available(), 6);
  EXPECT_EQ(counts(e, "r").held, 0);
}

TEST_F(HoldsContract, OneTakenSeatHoldsNothing) {
  auto e = add_event();
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/A/2")}), kNoLimit));
  auto wanted = make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2"), seat("a", "a/A/3")});
  auto refused = storage_->insert_hold(wanted, kNoLimit);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_EQ(refused.error().code, "seats_unavailable");
  EXPECT_EQ(refused.error().fields.size(), 1u);
  EXPECT_TRUE(refused.error().fields.count("a/A/2"));

  EXPECT_FALSE(storage_->hold(wanted.id));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::available);
  EXPECT_EQ(state_of(e, "a", "a/A/3"), SeatState::available);
  EXPECT_EQ(counts(e, "a").held, 1);
  EXPECT_TRUE(storage_->active_holds(e.id, buyer_).empty());

  // A blocked seat is just as unavailable, and a seat the event does not have cannot be held.
  ASSERT_TRUE(storage_->insert_block({security::new_id("blk"),
                                      e.id,
                                      "a",
                                      {"a/B/1"},
                                      0,
                                      "camera",
                                      at("2026-03-02T00:00:00Z"),
                                      "acc_manager"}));
  auto blocked = storage_->insert_hold(
      make_hold(e, buyer_, {seat("a", "a/B/1"), seat("a", "a/B/9"), seat("a", "a/B/2")}), kNoLimit);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "seats_unavailable");
  EXPECT_EQ(blocked.error().fields.size(), 2u);
  EXPECT_TRUE(blocked.error().fields.count("a/B/1"));
  EXPECT_TRUE(blocked.error().fields.count("a/B/9"));
  EXPECT_EQ(state_of(e, "a", "a/B/2"), SeatState::available);
}

TEST_F(HoldsContract, StandingHoldsRespectCapsAndBlocks) {
  auto e = add_event({{"floor", 8}});
  ASSERT_TRUE(storage_->insert_block({security::new_id("blk"),
                                      e.id,
                                      "floor",
                                      {},
                                      1,
                                      "desk",
                                      at("2026-03-02T00:00:00Z"),
                                      "acc_manager"}));
  EXPECT_EQ(counts(e, "floor").available(), 8);  // min(10 - 1, 8)
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {places("floor", 5)}), kNoLimit));
  auto full = storage_->insert_hold(make_hold(e, other_, {places("floor", 4)}), kNoLimit);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().kind, ErrorKind::conflict);
  EXPECT_TRUE(full.error().fields.count("floor"));
  EXPECT_EQ(counts(e, "floor").held, 5);
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {places("floor", 3)}), kNoLimit));
  EXPECT_EQ(counts(e, "floor").available(), 0);
  EXPECT_FALSE(storage_->insert_hold(make_hold(e, other_, {places("floor", 1)}), kNoLimit));

  // Without a cap, the blocks alone set the limit.
  auto uncapped = add_event();
  ASSERT_TRUE(storage_->insert_block({security::new_id("blk"),
                                      uncapped.id,
                                      "floor",
                                      {},
                                      4,
                                      "desk",
                                      at("2026-03-02T00:00:00Z"),
                                      "acc_manager"}));
  EXPECT_FALSE(storage_->insert_hold(make_hold(uncapped, buyer_, {places("floor", 7)}), kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(make_hold(uncapped, buyer_, {places("floor", 6)}), kNoLimit));
  EXPECT_EQ(counts(uncapped, "floor").held, 6);
  EXPECT_EQ(counts(uncapped, "floor").available(), 0);
}

TEST_F(HoldsContract, BuyerLimitCountsEveryActiveHoldOfTheEvent) {
  auto e = add_event();
  auto elsewhere = add_event();
  ASSERT_TRUE(
      storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")}), 4));
  auto floor = make_hold(e, buyer_, {places("floor", 2)});
  ASSERT_TRUE(storage_->insert_hold(floor, 4));
  auto over = storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/3")}), 4);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, ErrorKind::conflict);
  EXPECT_EQ(over.error().code, "limit_exceeded");
  EXPECT_EQ(state_of(e, "a", "a/A/3"), SeatState::available);
  // Other buyers, and the same buyer at another event, have limits of their own.
  EXPECT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/A/3")}), 4));
  EXPECT_TRUE(storage_->insert_hold(make_hold(elsewhere, buyer_, {places("floor", 4)}), 4));
  // A hold that ended no longer counts.
  ASSERT_TRUE(storage_->end_hold(floor.id, HoldStatus::released));
  auto again = make_hold(e, buyer_, {places("floor", 2)});
  EXPECT_TRUE(storage_->insert_hold(again, 4));
  EXPECT_FALSE(storage_->insert_hold(make_hold(e, buyer_, {places("floor", 1)}), 4));
  // Places let go from a hold no longer count either.
  ASSERT_TRUE(storage_->release_part(again.id, {{}, {places("floor", 1)}}, again.created_at));
  EXPECT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {places("floor", 1)}), 4));
  EXPECT_FALSE(storage_->insert_hold(make_hold(e, buyer_, {places("floor", 1)}), 4));
}

TEST_F(HoldsContract, EndHoldFreesItsPlacesExactlyOnce) {
  auto e = add_event();
  auto h = make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  auto area = make_hold(e, buyer_, {places("floor", 3)});
  ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(area, kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {places("floor", 2)}), kNoLimit));

  EXPECT_TRUE(storage_->end_hold(h.id, HoldStatus::released));
  EXPECT_TRUE(storage_->end_hold(area.id, HoldStatus::expired));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::available);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(counts(e, "a").held, 0);
  EXPECT_EQ(counts(e, "floor").held, 2);
  EXPECT_EQ(storage_->hold(h.id)->status, HoldStatus::released);
  EXPECT_EQ(storage_->hold(area.id)->status, HoldStatus::expired);

  EXPECT_FALSE(storage_->end_hold(h.id, HoldStatus::released));
  EXPECT_FALSE(storage_->end_hold(area.id, HoldStatus::expired));
  EXPECT_FALSE(storage_->end_hold("hld_missing", HoldStatus::released));
  EXPECT_EQ(counts(e, "floor").held, 2);
  EXPECT_EQ(storage_->hold(h.id)->status, HoldStatus::released);

  // The freed seat can be held again, and ending the old hold again does not free the new one.
  auto again = make_hold(e, other_, {seat("a", "a/A/1")});
  ASSERT_TRUE(storage_->insert_hold(again, kNoLimit));
  EXPECT_FALSE(storage_->end_hold(h.id, HoldStatus::released));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);
}

TEST_F(HoldsContract, ExpireHoldsTakesOnlyDueHolds) {
  auto e = add_event();
  const auto t0 = at("2026-03-05T10:00:00Z");
  auto first = make_hold(e, buyer_, {seat("a", "a/A/1")}, t0, std::chrono::seconds(60));
  auto second = make_hold(e, other_, {places("floor", 2)}, t0, std::chrono::seconds(120));
  auto later = make_hold(e, add_account("late"), {seat("a", "a/A/2"), places("floor", 1)}, t0,
                         std::chrono::seconds(600));
  auto released = make_hold(e, other_, {seat("a", "a/A/3")}, t0, std::chrono::seconds(30));
  for (const auto* h : {&first, &second, &later, &released})
    ASSERT_TRUE(storage_->insert_hold(*h, kNoLimit));
  ASSERT_TRUE(storage_->end_hold(released.id, HoldStatus::released));

  EXPECT_TRUE(storage_->expire_holds(t0 + std::chrono::seconds(59), 10).empty());
  auto expired = storage_->expire_holds(t0 + std::chrono::seconds(120), 10);
  ASSERT_EQ(expired.size(), 2u);
  std::set<std::string> ids{expired[0].id, expired[1].id};
  EXPECT_EQ(ids, (std::set<std::string>{first.id, second.id}));
  for (const auto& h : expired) {
    EXPECT_EQ(h.status, HoldStatus::active);  // as they were
    EXPECT_FALSE(h.items.empty());
    EXPECT_EQ(storage_->hold(h.id)->status, HoldStatus::expired);
  }
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::available);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::held);
  EXPECT_EQ(counts(e, "floor").held, 1);
  EXPECT_EQ(storage_->hold(later.id)->status, HoldStatus::active);
  EXPECT_EQ(storage_->hold(released.id)->status, HoldStatus::released);
  EXPECT_TRUE(storage_->expire_holds(t0 + std::chrono::seconds(599), 10).empty());
  EXPECT_FALSE(storage_->end_hold(first.id, HoldStatus::released));

  // At most `max` at a time.
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(storage_->insert_hold(
        make_hold(e, buyer_, {places("floor", 1)}, t0, std::chrono::seconds(10)), kNoLimit));
  EXPECT_EQ(storage_->expire_holds(t0 + std::chrono::hours(1), 2).size(), 2u);
  EXPECT_EQ(storage_->expire_holds(t0 + std::chrono::hours(1), 10).size(), 4u);  // with `later`
  EXPECT_EQ(counts(e, "floor").held, 0);
  EXPECT_EQ(counts(e, "a").held, 0);
}

TEST_F(HoldsContract, ActiveHoldsListsTheAccountsActiveHoldsOfTheEvent) {
  auto e = add_event();
  auto elsewhere = add_event();
  auto one = make_hold(e, buyer_, {seat("a", "a/A/1")}, at("2026-03-05T10:00:00Z"));
  auto two = make_hold(e, buyer_, {places("floor", 2)}, at("2026-03-05T10:02:00Z"));
  auto ended = make_hold(e, buyer_, {seat("a", "a/A/2")}, at("2026-03-05T10:01:00Z"));
  auto theirs = make_hold(e, other_, {seat("a", "a/A/3")});
  auto other_event = make_hold(elsewhere, buyer_, {seat("a", "a/A/1")});
  for (const auto* h : {&two, &one, &ended, &theirs, &other_event})
    ASSERT_TRUE(storage_->insert_hold(*h, kNoLimit));
  ASSERT_TRUE(storage_->end_hold(ended.id, HoldStatus::released));

  const auto active = storage_->active_holds(e.id, buyer_);
  ASSERT_EQ(active.size(), 2u);
  EXPECT_EQ(active[0].id, one.id);  // oldest first
  EXPECT_EQ(active[1].id, two.id);
  EXPECT_EQ(active[0].items.size(), 1u);
  EXPECT_EQ(active[1].items.at(0).quantity, 2);
  EXPECT_EQ(storage_->active_holds(e.id, other_).size(), 1u);
  EXPECT_TRUE(storage_->active_holds(elsewhere.id, other_).empty());
  EXPECT_TRUE(storage_->active_holds("evt_missing", buyer_).empty());
}

TEST_F(HoldsContract, ReleasingPartOfAHoldFreesOnlyThosePlaces) {
  auto e = add_event();
  auto h = make_hold(
      e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2"), places("floor", 4), seat("a", "a/A/3")});
  ASSERT_TRUE(storage_->insert_hold(h, 7));
  const auto now = h.created_at + std::chrono::minutes(1);

  auto after = storage_->release_part(h.id, {{"a/A/2"}, {places("floor", 3)}}, now);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->status, HoldStatus::active);
  EXPECT_EQ(after->expires_at, h.expires_at);
  EXPECT_EQ(after->places(), 3);
  auto loaded = storage_->hold(h.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->status, HoldStatus::active);
  EXPECT_EQ(loaded->created_at, h.created_at);
  EXPECT_EQ(loaded->expires_at, h.expires_at);
  ASSERT_EQ(loaded->items.size(), 3u);  // what is left, in its order
  EXPECT_EQ(loaded->items[0].seat_id, "a/A/1");
  EXPECT_EQ(loaded->items[1].section, "floor");
  EXPECT_EQ(loaded->items[1].quantity, 1);
  EXPECT_EQ(loaded->items[2].seat_id, "a/A/3");

  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(state_of(e, "a", "a/A/3"), SeatState::held);
  EXPECT_EQ(counts(e, "a").held, 2);
  EXPECT_EQ(counts(e, "floor").held, 1);
  // The freed seat is anyone's, and the buyer's limit counts only what is still held.
  EXPECT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/A/2")}), kNoLimit));
  EXPECT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {places("floor", 4)}), 7));

  // Ending the smaller hold frees what it still holds, and no more.
  ASSERT_TRUE(storage_->end_hold(h.id, HoldStatus::released));
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::held);
  EXPECT_EQ(counts(e, "a").held, 1);
  EXPECT_EQ(counts(e, "floor").held, 4);
}

TEST_F(HoldsContract, AnInvalidReleaseChangesNothing) {
  auto e = add_event();
  auto h = make_hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 2)});
  ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/B/1")}), kNoLimit));
  const auto now = h.created_at + std::chrono::minutes(1);

  auto bad = storage_->release_part(h.id, {{"a/A/1", "a/B/1"}, {places("floor", 3)}}, now);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
  EXPECT_EQ(bad.error().fields.size(), 2u);
  EXPECT_TRUE(bad.error().fields.count("seats[1]"));
  EXPECT_TRUE(bad.error().fields.count("items[0].quantity"));
  auto not_standing = storage_->release_part(h.id, {{}, {places("a", 1)}}, now);
  ASSERT_FALSE(not_standing);
  EXPECT_TRUE(not_standing.error().fields.count("items[0].section"));

  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);
  EXPECT_EQ(state_of(e, "a", "a/B/1"), SeatState::held);
  EXPECT_EQ(counts(e, "a").held, 2);
  EXPECT_EQ(counts(e, "floor").held, 2);
  EXPECT_EQ(storage_->hold(h.id)->items.size(), 2u);
}

TEST_F(HoldsContract, ReleasingEveryPlaceEndsTheHold) {
  auto e = add_event();
  auto h = make_hold(e, buyer_, {seat("a", "a/A/1"), places("floor", 2), seat("a", "a/A/2")});
  ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
  const auto now = h.created_at + std::chrono::minutes(1);
  ASSERT_TRUE(storage_->release_part(h.id, {{"a/A/1"}, {}}, now));

  auto ended = storage_->release_part(h.id, {{"a/A/2"}, {places("floor", 2)}}, now);
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(ended->status, HoldStatus::released);
  EXPECT_EQ(ended->places(), 3);  // what it held when it ended, as a released hold shows
  auto loaded = storage_->hold(h.id);
  EXPECT_EQ(loaded->status, HoldStatus::released);
  EXPECT_EQ(loaded->places(), 3);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(counts(e, "a").held, 0);
  EXPECT_EQ(counts(e, "floor").held, 0);
  EXPECT_TRUE(storage_->active_holds(e.id, buyer_).empty());

  // Ended: nothing more to release, and nothing freed twice.
  auto again = storage_->release_part(h.id, {{}, {places("floor", 1)}}, now);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "hold_not_active");
  EXPECT_FALSE(storage_->end_hold(h.id, HoldStatus::released));
  EXPECT_EQ(counts(e, "floor").held, 0);
}

TEST_F(HoldsContract, OnlyAnActiveHoldCanBeReleasedInPart) {
  auto e = add_event();
  auto ended = make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  auto lapsed = make_hold(e, buyer_, {seat("a", "a/B/1"), places("floor", 2)});
  ASSERT_TRUE(storage_->insert_hold(ended, kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(lapsed, kNoLimit));
  ASSERT_TRUE(storage_->end_hold(ended.id, HoldStatus::released));
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/A/1")}), kNoLimit));

  auto refused = storage_->release_part(ended.id, {{"a/A/1"}, {}}, ended.created_at);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_EQ(refused.error().code, "hold_not_active");
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::held);  // the other buyer's now

  // Still active in storage, but its time is up: the sweeper's to end, not the buyer's to shrink.
  auto late = storage_->release_part(lapsed.id, {{"a/B/1"}, {}}, lapsed.expires_at);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "hold_not_active");
  EXPECT_EQ(state_of(e, "a", "a/B/1"), SeatState::held);
  EXPECT_EQ(counts(e, "floor").held, 2);

  auto missing = storage_->release_part("hld_missing", {{"a/A/1"}, {}}, ended.created_at);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

// Connections of their own release parts of one hold at once, some the same seat, while others
// place holds on the freed seats: each place is freed once, and counts match what the holds have.
TEST_F(HoldsContract, ConcurrentPartialReleasesFreeEachPlaceOnce) {
  auto e = add_event();
  std::vector<HoldItem> items;
  for (int n = 1; n <= 6; ++n) items.push_back(seat("r", "r/A/" + std::to_string(n)));
  items.push_back(places("big", 12));
  auto h = make_hold(e, buyer_, items);
  ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
  const auto now = h.created_at + std::chrono::minutes(1);

  constexpr int kThreads = 12;
  std::atomic<int> released{0}, refused{0}, bad{0}, taken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      const std::string id = "r/A/" + std::to_string(t % 6 + 1);
      auto r = connection->release_part(h.id, {{id}, {places("big", 1)}}, now);
      if (r) {
        ++released;
        if (r->status != HoldStatus::active) ++bad;
        // Whoever freed the seat cannot lose it to a second release; another buyer may take it.
        if (connection->insert_hold(make_hold(e, other_, {seat("r", id)}), kNoLimit)) ++taken;
      } else if (r.error().kind == ErrorKind::invalid && r.error().fields.count("seats[0]")) {
        ++refused;
      } else {
        ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(released.load(), 6);
  EXPECT_EQ(refused.load(), 6);
  EXPECT_EQ(taken.load(), 6);
  auto left = storage_->hold(h.id);
  ASSERT_TRUE(left);
  ASSERT_EQ(left->items.size(), 1u);
  EXPECT_EQ(left->items[0].section, "big");
  EXPECT_EQ(left->items[0].quantity, 6);
  EXPECT_EQ(counts(e, "big").held, 6);
  EXPECT_EQ(counts(e, "r").held, 6);  // the other buyer's now
  for (const auto& s : storage_->seats(e.id, "r"))
    EXPECT_EQ(s.state, s.id.starts_with("r/A/") ? SeatState::held : SeatState::available) << s.id;

  // Releases racing the end of the hold: whichever comes first, the area ends up empty.
  std::vector<std::thread> enders;
  std::atomic<int> ended{0};
  for (int t = 0; t < 4; ++t) {
    enders.emplace_back([&, t] {
      auto connection = backend_->connect();
      if (t == 0) {
        if (connection->end_hold(h.id, HoldStatus::released)) ++ended;
        return;
      }
      auto r = connection->release_part(h.id, {{}, {places("big", 1)}}, now);
      if (!r && r.error().code != "hold_not_active") ++bad;
    });
  }
  for (auto& t : enders) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(ended.load(), 1);
  EXPECT_EQ(storage_->hold(h.id)->status, HoldStatus::released);
  EXPECT_EQ(counts(e, "big").held, 0);
}

// Many buyers on connections of their own hold overlapping pairs of seats of a small section and
// release some again: a seat is never in two holds, and the seats' states match the holds.
TEST_F(HoldsContract, ConcurrentHoldsNeverShareASeat) {
  auto e = add_event();
  std::vector<std::string> all;
  for (const auto& s : storage_->seats(e.id, "r")) all.push_back(s.id);
  ASSERT_EQ(all.size(), 12u);
  constexpr int kThreads = 16, kAttempts = 30;
  std::vector<std::string> accounts;
  for (int t = 0; t < kThreads; ++t) accounts.push_back(add_account("racer"));
  std::mutex mutex;
  std::vector<std::string> placed;
  std::atomic<int> bad{0}, held{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      for (int i = 0; i < kAttempts; ++i) {
        const auto k = static_cast<std::size_t>(t * 5 + i * 7);
        const std::vector<std::string> pair{all[k % all.size()], all[(k + 1) % all.size()]};
        auto h = make_hold(e, accounts[t], {seat("r", pair[0]), seat("r", pair[1])});
        auto r = connection->insert_hold(h, kNoLimit);
        if (r) {
          ++held;
          // Release every other success so that seats change hands during the race.
          if (i % 2 == 0) {
            if (!connection->end_hold(h.id, HoldStatus::released)) ++bad;
          } else {
            std::lock_guard lock(mutex);
            placed.push_back(h.id);
          }
          continue;
        }
        ++refused;
        if (r.error().code != "seats_unavailable" || r.error().fields.empty()) ++bad;
        for (const auto& [id, why] : r.error().fields)
          if (id != pair[0] && id != pair[1]) ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(held.load(), 0);
  EXPECT_GT(refused.load(), 0);

  std::map<std::string, std::string> holder;  // seat -> hold
  for (const auto& id : placed) {
    auto h = storage_->hold(id);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->status, HoldStatus::active);
    EXPECT_EQ(h->items.size(), 2u);
    for (const auto& s : seats_of_hold(*h))
      EXPECT_TRUE(holder.emplace(s, id).second) << s << " is in two holds";
  }
  std::set<std::string> active_seats;
  for (const auto& account : accounts)
    for (const auto& h : storage_->active_holds(e.id, account)) {
      EXPECT_TRUE(std::find(placed.begin(), placed.end(), h.id) != placed.end()) << h.id;
      for (const auto& s : seats_of_hold(h)) active_seats.insert(s);
    }
  for (const auto& s : storage_->seats(e.id, "r")) {
    EXPECT_EQ(s.state == SeatState::held, holder.count(s.id) == 1) << s.id;
    EXPECT_EQ(s.state == SeatState::held, active_seats.count(s.id) == 1) << s.id;
  }
  EXPECT_EQ(counts(e, "r").held, static_cast<std::int64_t>(2 * placed.size()));
}

// Many buyers hold one to three places of a standing area for 50 at once: the area never holds
// more than 50, and what it holds is exactly what the active holds have.
TEST_F(HoldsContract, ConcurrentStandingHoldsStopAtCapacity) {
  auto e = add_event();
  constexpr int kThreads = 16, kAttempts = 12;
  std::vector<std::string> accounts;
  for (int t = 0; t < kThreads; ++t) accounts.push_back(add_account("floor"));
  std::atomic<int> bad{0}, refused{0};
  std::atomic<std::int64_t> kept{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      for (int i = 0; i < kAttempts; ++i) {
        const std::int64_t n = 1 + (t + i) % 3;
        auto h = make_hold(e, accounts[t], {places("big", n)});
        auto r = connection->insert_hold(h, kNoLimit);
        if (!r) {
          ++refused;
          if (r.error().kind != ErrorKind::conflict || !r.error().fields.count("big")) ++bad;
          continue;
        }
        if (i % 3 == 0) {
          if (!connection->end_hold(h.id, HoldStatus::released)) ++bad;
        } else {
          kept += n;
        }
        const auto now = counts_of(connection->section_counts(e.id), "big");
        if (now.held > 50) ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(refused.load(), 0);
  std::int64_t active = 0;
  for (const auto& account : accounts)
    for (const auto& h : storage_->active_holds(e.id, account)) active += h.places();
  const auto big = counts(e, "big");
  EXPECT_LE(big.held, 50);
  EXPECT_EQ(big.held, active);
  EXPECT_EQ(big.held, kept.load());
}

// Several nodes expire the same due holds at once: each hold expires once and its places are freed
// once.
TEST_F(HoldsContract, ConcurrentExpiryFreesEachHoldOnce) {
  auto e = add_event();
  const auto t0 = at("2026-03-05T10:00:00Z");
  std::set<std::string> due;
  for (int i = 0; i < 8; ++i) {
    const auto id = i < 6 ? "r/A/" + std::to_string(i + 1) : "r/B/" + std::to_string(i - 5);
    auto h =
        make_hold(e, buyer_, {seat("r", id), places("big", 2)}, t0, std::chrono::seconds(10 + i));
    ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
    due.insert(h.id);
  }
  for (int i = 0; i < 12; ++i) {
    auto h = make_hold(e, other_, {places("big", 1)}, t0, std::chrono::seconds(5 + i));
    ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
    due.insert(h.id);
  }
  auto staying = make_hold(e, add_account("stayer"), {places("big", 3)}, t0, std::chrono::hours(2));
  ASSERT_TRUE(storage_->insert_hold(staying, kNoLimit));

  std::mutex mutex;
  std::vector<std::string> expired;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto connection = backend_->connect();
      for (;;) {
        auto batch = connection->expire_holds(t0 + std::chrono::hours(1), 3);
        if (batch.empty()) break;
        std::lock_guard lock(mutex);
        for (const auto& h : batch) expired.push_back(h.id);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(expired.size(), due.size());
  EXPECT_EQ(std::set<std::string>(expired.begin(), expired.end()), due);
  EXPECT_EQ(counts(e, "big").held, 3);
  EXPECT_EQ(counts(e, "r").held, 0);
  EXPECT_EQ(storage_->hold(staying.id)->status, HoldStatus::active);
}

}  // namespace
}  // namespace boxoffice
