// The storage contract for the change feed: the database records every change of a seat, a
// standing area and the event, numbered in commit order, so that a reader that follows the feed
// from a snapshot always ends where the tables are, however many writers race.
#include <atomic>
#include <thread>

#include "storage_contract/places_fixture.hpp"

namespace boxoffice {
namespace {

using FeedContract = PlacesContract;

std::vector<InventoryChange> changes_after(Storage& storage, const Event& e, std::int64_t seq) {
  return storage.inventory_changes(e.id, seq, 10'000);
}

// What the tables say now, as comparable values: every seat's state and every area's counts.
std::map<std::string, std::string> tables(Storage& storage, const Event& e) {
  std::map<std::string, std::string> out;
  auto snap = storage.inventory_snapshot(e.id);
  for (const auto& s : snap->seats) out[s.id] = std::string(to_string(s.state));
  for (const auto& [key, a] : snap->areas)
    out[key] =
        std::to_string(a.held) + "/" + std::to_string(a.sold) + "/" + std::to_string(a.blocked);
  return out;
}

std::map<std::string, std::string> replayed(const InventoryState& state,
                                            const std::map<std::string, std::string>& like) {
  std::map<std::string, std::string> out;
  for (const auto& section : {"a", "r"})
    for (const auto& s : state.seats(section)) out[s.id] = std::string(to_string(s.state));
  for (const auto& [key, a] : state.counts().areas)
    out[key] =
        std::to_string(a.held) + "/" + std::to_string(a.sold) + "/" + std::to_string(a.blocked);
  for (const auto& [key, value] : like)
    if (!out.count(key)) out[key] = "<missing>";
  return out;
}

TEST_F(FeedContract, ASnapshotHasEveryPlaceAndTheSeqOfItsLastChange) {
  auto e = add_event();
  EXPECT_FALSE(storage_->inventory_snapshot("evt_missing"));
  auto before = storage_->inventory_snapshot(e.id);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->seats.size(), 8u + 12u);
  EXPECT_EQ(before->areas.size(), 2u);
  EXPECT_TRUE(changes_after(*storage_, e, before->seq).empty());

  ASSERT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/1")}), kNoLimit));
  auto after = storage_->inventory_snapshot(e.id);
  EXPECT_GT(after->seq, before->seq);
  EXPECT_TRUE(changes_after(*storage_, e, after->seq).empty());
  const auto changes = changes_after(*storage_, e, before->seq);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].seq, after->seq);
}

TEST_F(FeedContract, EveryChangeComesInOrderWithTheStateItLeft) {
  auto e = add_event();
  auto other = add_event();
  const auto start = storage_->inventory_snapshot(e.id)->seq;
  auto h = make_hold(e, buyer_, {seat("a", "a/A/1"), seat("a", "a/A/2"), places("floor", 3)});
  ASSERT_TRUE(storage_->insert_hold(h, kNoLimit));
  ASSERT_TRUE(storage_->insert_hold(make_hold(other, buyer_, {seat("a", "a/B/1")}), kNoLimit));
  ASSERT_TRUE(storage_->end_hold(h.id, HoldStatus::released));

  const auto changes = changes_after(*storage_, e, start);
  for (std::size_t i = 1; i < changes.size(); ++i) EXPECT_GT(changes[i].seq, changes[i - 1].seq);
  std::vector<std::string> seen;
  for (const auto& c : changes) {
    if (c.kind == InventoryChange::Kind::seat)
      seen.push_back(c.item + "=" + std::string(to_string(c.state)));
    if (c.kind == InventoryChange::Kind::area)
      seen.push_back(c.item + "=" + std::to_string(c.area.held));
  }
  // The feed is of this event only; a hold's seats and area change in one commit, in any order.
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.begin() + 3),
            (std::set<std::string>{"a/A/1=held", "a/A/2=held", "floor=3"}));
  EXPECT_EQ(std::set<std::string>(seen.begin() + 3, seen.end()),
            (std::set<std::string>{"a/A/1=available", "a/A/2=available", "floor=0"}));
}

TEST_F(FeedContract, ChangesOfTheEventAndItsPricesAreInTheFeed) {
  auto e = add_event();
  auto seq = storage_->inventory_snapshot(e.id)->seq;
  Event changed = e;
  changed.name = "Renamed";
  ASSERT_TRUE(storage_->update_event(changed, e.revision, nullptr,
                                     {e.id, e.created_at, "acc_manager", "update", "name"}));
  auto changes = changes_after(*storage_, e, seq);
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.back().kind, InventoryChange::Kind::event);

  seq = changes.back().seq;
  TicketType type;
  type.id = security::new_id("tt");
  type.event_id = e.id;
  type.name = "Standard";
  type.price = 4500;
  type.sections = {"a"};
  type.created_at = e.created_at;
  storage_->insert_ticket_type(type);
  changes = changes_after(*storage_, e, seq);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, InventoryChange::Kind::event);
}

// Writers on connections of their own hold and release while a reader follows the feed from a
// snapshot. Changes are numbered in commit order, so the reader can never skip one that commits
// late: when the writers stop, what it has replayed is exactly what the tables hold.
TEST_F(FeedContract, AReaderFollowingTheFeedEndsWhereTheTablesAre) {
  auto e = add_event();
  std::vector<std::string> all;
  for (const auto& s : storage_->seats(e.id, "r")) all.push_back(s.id);
  InventoryState state(std::make_shared<const LayoutVersion>(layout_.versions.back()),
                       *storage_->inventory_snapshot(e.id));
  std::atomic<bool> writing{true};
  std::atomic<int> replays{0};
  std::thread reader([&] {
    auto connection = backend_->connect();
    while (writing) {
      InventoryUpdate update;
      ASSERT_TRUE(state.apply(changes_after(*connection, e, state.seq()), update));
      ++replays;
    }
  });
  constexpr int kThreads = 8, kAttempts = 40;
  std::vector<std::string> accounts;
  for (int t = 0; t < kThreads; ++t) accounts.push_back(add_account("writer"));
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      auto connection = backend_->connect();
      for (int i = 0; i < kAttempts; ++i) {
        const auto k = static_cast<std::size_t>(t * 3 + i * 5);
        auto h = make_hold(e, accounts[t],
                           {seat("r", all[k % all.size()]), places("big", 1 + (t + i) % 3)});
        if (connection->insert_hold(h, kNoLimit) && i % 3 != 0)
          connection->end_hold(h.id, HoldStatus::released);
      }
    });
  }
  for (auto& w : writers) w.join();
  writing = false;
  reader.join();
  InventoryUpdate update;
  ASSERT_TRUE(state.apply(changes_after(*storage_, e, state.seq()), update));
  EXPECT_GT(replays.load(), 1);
  const auto now = tables(*storage_, e);
  EXPECT_EQ(replayed(state, now), now);
  EXPECT_EQ(state.seq(), storage_->inventory_snapshot(e.id)->seq);
}

TEST_F(FeedContract, PruningForgetsOldChangesOnly) {
  auto e = add_event();
  const auto start = storage_->inventory_snapshot(e.id)->seq;
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/1")}), kNoLimit));
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  EXPECT_EQ(storage_->prune_inventory_changes(now - std::chrono::hours(1)), 0);
  EXPECT_EQ(changes_after(*storage_, e, start).size(), 1u);
  EXPECT_GE(storage_->prune_inventory_changes(now + std::chrono::hours(1)), 1);
  EXPECT_TRUE(changes_after(*storage_, e, start).empty());
  ASSERT_TRUE(storage_->insert_hold(make_hold(e, buyer_, {seat("a", "a/A/2")}), kNoLimit));
  const auto later = changes_after(*storage_, e, start);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].item, "a/A/2");
}

}  // namespace
}  // namespace boxoffice
