// The storage contract for batches of holds (Storage::insert_holds): each hold of a batch is
// decided on the rows as the transaction finds them and granted or refused alone, on every
// backend, also when batches of several connections race for the same places.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "app/security.hpp"
#include "storage_contract/places_fixture.hpp"

namespace boxoffice {
namespace {

using HoldBatchContract = PlacesContract;

HoldPlacement placement(Hold h, int limit = kNoLimit) {
  return {std::move(h), limit, {}, nullptr, {}, {}};
}

// More places for `stored` (one basket), decided by the batch at `now`.
HoldPlacement addition(const Hold& stored, std::vector<HoldItem> items, TimePoint now,
                       int limit = kNoLimit) {
  Hold h = stored;
  h.items = std::move(items);
  return {std::move(h), limit, {}, nullptr, stored.id, now};
}

TEST_F(HoldBatchContract, EachHoldOfABatchIsGrantedOrRefusedAlone) {
  auto e = add_event();
  auto both = make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  auto same_seat = make_hold(e, other_, {seat("a", "a/A/2"), seat("a", "a/A/3")});
  auto most_of_floor = make_hold(e, other_, {places("floor", 8)});
  auto too_much_floor = make_hold(e, buyer_, {seat("a", "a/B/4"), places("floor", 3)});
  auto later_seat = make_hold(e, buyer_, {seat("a", "a/B/1")});
  auto placed =
      storage_->insert_holds({placement(both), placement(same_seat), placement(most_of_floor),
                              placement(too_much_floor), placement(later_seat)});
  ASSERT_EQ(placed.size(), 5u);
  EXPECT_TRUE(placed[0]);
  ASSERT_FALSE(placed[1]);
  EXPECT_EQ(placed[1].error().code, "seats_unavailable");
  EXPECT_EQ(placed[1].error().fields.count("a/A/2"), 1u);
  EXPECT_EQ(placed[1].error().fields.count("a/A/3"), 0u);
  EXPECT_TRUE(placed[2]);
  ASSERT_FALSE(placed[3]);
  EXPECT_EQ(placed[3].error().code, "seats_unavailable");
  EXPECT_TRUE(placed[4]);

  // Only what was granted is stored: a refused hold leaves no row and frees what it asked for.
  EXPECT_TRUE(storage_->hold(both.id));
  EXPECT_FALSE(storage_->hold(same_seat.id));
  EXPECT_FALSE(storage_->hold(too_much_floor.id));
  const auto counts = storage_->section_counts(e.id);
  EXPECT_EQ(counts_of(counts, "a").held, 3);
  EXPECT_EQ(counts_of(counts, "floor").held, 8);
  EXPECT_EQ(storage_->taken_seats(e.id).size(), 3u);
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/A/3")}), kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, other_, {seat("a", "a/B/4")}), kNoLimit));
}

TEST_F(HoldBatchContract, TheBuyerLimitCountsEarlierHoldsOfTheSameBatch) {
  auto e = add_event();
  auto first = make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2")});
  ASSERT_TRUE(storage_->insert_hold(first, 4));
  auto second =
      make_hold(e, buyer_, {places("floor", 2)}, first.created_at + std::chrono::minutes(5));
  auto third = make_hold(e, buyer_, {seat("a", "a/A/3")});
  auto someone_else = make_hold(e, other_, {places("floor", 4)});
  auto placed = storage_->insert_holds(
      {placement(second, 4), placement(third, 4), placement(someone_else, 4)});
  ASSERT_TRUE(placed[0]);
  EXPECT_EQ(placed[0].value().expires_at, first.expires_at);  // never later than the first
  EXPECT_EQ(storage_->hold(second.id)->expires_at, first.expires_at);
  ASSERT_FALSE(placed[1]);
  EXPECT_EQ(placed[1].error().code, "limit_exceeded");
  EXPECT_TRUE(placed[2]);
}

TEST_F(HoldBatchContract, StoppedSalesRefuseTheirEventsHoldsOnly) {
  auto paused = add_event();
  auto open = add_event();
  Event stopped = paused;
  stopped.status = EventStatus::paused;
  stopped.revision = paused.revision + 1;
  ASSERT_TRUE(storage_->update_event(stopped, paused.revision, nullptr,
                                     {paused.id, paused.created_at, "acc_manager", "pause", ""}));
  auto placed =
      storage_->insert_holds({placement(make_hold(paused, buyer_, {seat("a", "a/A/1")})),
                              placement(make_hold(open, buyer_, {seat("a", "a/A/1")})),
                              placement(make_hold(paused, other_, {places("floor", 1)}))});
  ASSERT_FALSE(placed[0]);
  EXPECT_EQ(placed[0].error().code, "sales_paused");
  EXPECT_TRUE(placed[1]);
  ASSERT_FALSE(placed[2]);
  EXPECT_EQ(placed[2].error().code, "sales_paused");
  EXPECT_EQ(counts_of(storage_->section_counts(paused.id), "floor").held, 0);

  Event missing = open;
  missing.id = "evt_missing";
  auto none = storage_->insert_holds({placement(make_hold(missing, buyer_, {seat("a", "a/A/2")}))});
  ASSERT_FALSE(none[0]);
  EXPECT_EQ(none[0].error().kind, ErrorKind::not_found);
}

// Batches over connections of their own, as several processes would send them, each decided on
// what it believed free (stale by the time it runs): every seat is granted once, and exactly the
// holds refused are missing from the database.
TEST_F(HoldBatchContract, RacingBatchesGrantEachSeatOnceAndRefuseExactlyTheRest) {
  auto e = add_event();
  constexpr int kThreads = 6, kBatches = 10, kPerBatch = 8;
  std::mutex mutex;
  std::map<std::string, std::string> granted_seat;  // seat -> hold
  std::vector<std::string> granted, refused;
  std::atomic<int> bad{0};
  std::vector<std::string> accounts;
  for (int t = 0; t < kThreads; ++t) accounts.push_back(add_account("racer"));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      for (int b = 0; b < kBatches; ++b) {
        std::vector<HoldPlacement> batch;
        for (int i = 0; i < kPerBatch; ++i) {
          // Two seats of section r (12 seats), overlapping between threads and within batches.
          const int n = (t * 7 + b * 3 + i * 5) % 12;
          const std::string row = n < 6 ? "A" : "B";
          const std::string first = "r/" + row + "/" + std::to_string(n % 6 + 1);
          const std::string second = "r/" + row + "/" + std::to_string((n + 1) % 6 + 1);
          batch.push_back(placement(make_hold(
              e, accounts[t], {seat("r", first), seat("r", second), places("floor", 1)})));
        }
        auto placed = connection->insert_holds(batch);
        std::lock_guard lock(mutex);
        for (std::size_t i = 0; i < batch.size(); ++i) {
          if (placed[i]) {
            granted.push_back(batch[i].hold.id);
            for (const auto& s : seats_of_hold(batch[i].hold))
              if (!granted_seat.emplace(s, batch[i].hold.id).second) ++bad;
          } else if (placed[i].error().code == "seats_unavailable") {
            refused.push_back(batch[i].hold.id);
          } else {
            ++bad;
          }
        }
        // Let the granted holds of this batch go, so that later batches find seats free again.
        for (std::size_t i = 0; i < batch.size(); ++i)
          if (placed[i] && (b + static_cast<int>(i)) % 2 == 0) {
            connection->end_hold(batch[i].hold.id, HoldStatus::released);
            for (const auto& s : seats_of_hold(batch[i].hold)) granted_seat.erase(s);
          }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_FALSE(granted.empty());
  EXPECT_FALSE(refused.empty());
  for (const auto& id : refused) EXPECT_FALSE(storage_->hold(id)) << id;
  std::int64_t active_floor = 0;
  for (const auto& id : granted) {
    auto h = storage_->hold(id);
    ASSERT_TRUE(h) << id;
    if (h->status == HoldStatus::active) ++active_floor;
  }
  // The database agrees with the answers: the seats held are exactly those granted and not let go.
  std::set<std::string> held_now;
  for (const auto& [s, hold] : granted_seat) held_now.insert(s);
  auto taken = storage_->taken_seats(e.id);
  EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()), held_now);
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "floor").held, active_floor);
}

// One basket: the batch adds places to a hold on its row as locked, with the rules of a new hold,
// and answers the whole hold, which keeps its end.
TEST_F(HoldBatchContract, AnAdditionJoinsTheHoldWhichKeepsItsEnd) {
  auto e = add_event();
  auto stored = make_hold(e, buyer_, {seat("r", "r/A/1"), places("floor", 2)});
  ASSERT_TRUE(storage_->insert_hold(stored, kNoLimit));
  const auto now = stored.created_at + std::chrono::seconds(60);
  auto placed = storage_->insert_holds(
      {addition(stored, {seat("r", "r/A/2"), seat("r", "r/A/3")}, now, 6),
       addition(stored, {places("floor", 1)}, now, 6),
       addition(stored, {seat("r", "r/A/4")}, now, 6)});  // past the limit of 6 with the others
  ASSERT_TRUE(placed[0]) << placed[0].error().message;
  ASSERT_TRUE(placed[1]) << placed[1].error().message;
  ASSERT_FALSE(placed[2]);
  EXPECT_EQ(placed[2].error().code, "limit_exceeded");
  EXPECT_EQ(placed[1].value().places(), 6);
  EXPECT_EQ(placed[1].value().expires_at, stored.expires_at);

  auto h = storage_->hold(stored.id);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->places(), 6);
  EXPECT_EQ(h->expires_at, stored.expires_at);
  ASSERT_EQ(h->items.size(), 4u);  // the floor's places in one item
  EXPECT_EQ(h->items[1].quantity, 3);
  EXPECT_EQ(seats_of_hold(*h), (std::set<std::string>{"r/A/1", "r/A/2", "r/A/3"}));
  EXPECT_EQ(h->items[3].seat_id, "r/A/3");  // after the hold's own items
  EXPECT_EQ(state_of(e, "r", "r/A/3"), SeatState::held);
  EXPECT_EQ(state_of(e, "r", "r/A/4"), SeatState::available);
  EXPECT_EQ(counts(e, "floor").held, 3);
  EXPECT_EQ(counts(e, "r").held, 3);

  // Its places go as one when it ends.
  ASSERT_TRUE(storage_->end_hold(stored.id, HoldStatus::released));
  EXPECT_EQ(state_of(e, "r", "r/A/3"), SeatState::available);
  EXPECT_EQ(counts(e, "floor").held, 0);
}

// Memory may think a hold active when the database knows better: the batch refuses to extend an
// expired, released or bought hold, or another buyer's, and writes nothing of the addition.
TEST_F(HoldBatchContract, TheBatchRefusesToExtendAHoldThatHasEndedOrIsAnothers) {
  auto e = add_event();
  auto stored = make_hold(e, buyer_, {seat("r", "r/A/1")});
  ASSERT_TRUE(storage_->insert_hold(stored, kNoLimit));
  auto ended = make_hold(e, buyer_, {seat("r", "r/B/1")});
  ASSERT_TRUE(storage_->insert_hold(ended, kNoLimit));
  ASSERT_TRUE(storage_->end_hold(ended.id, HoldStatus::released));

  auto foreign = addition(stored, {seat("r", "r/A/6")}, stored.created_at);
  foreign.hold.account_id = other_;
  auto unknown = addition(stored, {seat("r", "r/A/5")}, stored.created_at);
  unknown.extends = "hld_none";
  unknown.hold.id = "hld_none";
  auto placed = storage_->insert_holds(
      {addition(stored, {seat("r", "r/A/2")}, stored.expires_at),  // its time is up
       addition(ended, {seat("r", "r/A/3")}, ended.created_at), foreign, unknown,
       addition(stored, {seat("r", "r/A/4")}, stored.expires_at - std::chrono::seconds(1))});
  ASSERT_FALSE(placed[0]);
  EXPECT_EQ(placed[0].error().code, "hold_not_active");
  ASSERT_FALSE(placed[1]);
  EXPECT_EQ(placed[1].error().code, "hold_not_active");
  ASSERT_FALSE(placed[2]);
  EXPECT_EQ(placed[2].error().kind, ErrorKind::forbidden);
  ASSERT_FALSE(placed[3]);
  EXPECT_EQ(placed[3].error().kind, ErrorKind::not_found);
  ASSERT_TRUE(placed[4]) << placed[4].error().message;  // the last second still counts
  for (const char* id : {"r/A/2", "r/A/3", "r/A/5", "r/A/6"})
    EXPECT_EQ(state_of(e, "r", id), SeatState::available) << id;
  EXPECT_EQ(storage_->hold(stored.id)->places(), 2);
  EXPECT_EQ(storage_->hold(ended.id)->places(), 1);
  EXPECT_EQ(storage_->hold(ended.id)->status, HoldStatus::released);

  // Once expired by the sweeper, it is refused whatever time the batch is given.
  EXPECT_EQ(storage_->expire_holds(stored.expires_at, 10).size(), 1u);
  auto late = storage_->insert_holds({addition(stored, {seat("r", "r/A/2")}, stored.created_at)});
  ASSERT_FALSE(late[0]);
  EXPECT_EQ(late[0].error().code, "hold_not_active");
  EXPECT_EQ(state_of(e, "r", "r/A/2"), SeatState::available);
}

}  // namespace
}  // namespace boxoffice
