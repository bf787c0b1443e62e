// The waiting-room part of the storage contract, run against both backends.
#include <algorithm>
#include <set>
#include <thread>

#include "storage_contract/places_fixture.hpp"

namespace boxoffice {
namespace {

const TimePoint kNow = at("2026-03-05T10:00:00Z");

class QueueContract : public PlacesContract {
 protected:
  void SetUp() override {
    PlacesContract::SetUp();
    event_ = add_event();
    room_ = storage_->queue_room(event_.id, [] {
      return QueueRoom{"", "seed", "commitment", "key", 0, 0, 0, 0, std::nullopt};
    });
  }

  QueueEntry join(std::optional<std::string> account = std::nullopt, std::string email = "") {
    QueueEntry e;
    e.event_id = event_.id;
    e.account_id = std::move(account);
    e.joined_at = kNow;
    e.notify_email = std::move(email);
    return storage_->join_queue(e, first_come_key).first;
  }

  Storage::QueueRound admit(std::int64_t how_many, TimePoint now = kNow) {
    return storage_->admit_from_queue(event_.id, now, kWindow,
                                      [&](const QueueRoom&) { return how_many; });
  }
  Result<QueueEntry> claim(std::int64_t number, const std::string& account, TimePoint now = kNow) {
    return storage_->claim_queue_entry(event_.id, number, account, kWindow.whole, now);
  }

  static constexpr CheckoutWindow kWindow{std::chrono::seconds(1800), std::chrono::seconds(300)};

  QueueRoom room() { return storage_->queue_changes(event_.id, 0, 0)->room; }

  Event event_;
  QueueRoom room_;
};

TEST_F(QueueContract, TheFirstRoomStoredIsTheOneEveryoneGets) {
  EXPECT_EQ(room_.event_id, event_.id);
  EXPECT_EQ(room_.seed, "seed");
  auto again = storage_->queue_room(
      event_.id, [] { return QueueRoom{"", "other", "other", "other", 0, 0, 0, 0, std::nullopt}; });
  EXPECT_EQ(again.seed, "seed");
  EXPECT_EQ(again.token_key, "key");
}

TEST_F(QueueContract, JoinsAreNumberedInOrderWithTheirOrderKeys) {
  QueueEntry e;
  e.event_id = event_.id;
  e.joined_at = kNow;
  auto [first, created] = storage_->join_queue(e, [](std::int64_t n) { return 1000 - n; });
  EXPECT_TRUE(created);
  EXPECT_EQ(first.number, 1);
  EXPECT_EQ(first.order_key, 999);
  auto second = storage_->join_queue(e, [](std::int64_t n) { return 1000 - n; }).first;
  EXPECT_EQ(second.number, 2);
  EXPECT_GT(second.seq, first.seq);
  const auto stored = storage_->queue_entry(event_.id, 2);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->order_key, 998);
  EXPECT_EQ(stored->state, QueueState::waiting);
  EXPECT_EQ(stored->joined_at, kNow);
  const auto r = room();
  EXPECT_EQ(r.joined, 2);
  EXPECT_EQ(r.waiting, 2);
}

TEST_F(QueueContract, AnAccountHasOneLiveEntryPerEvent) {
  const auto first = join(buyer_);
  QueueEntry again;
  again.event_id = event_.id;
  again.account_id = buyer_;
  again.joined_at = kNow;
  auto [entry, created] = storage_->join_queue(again, first_come_key);
  EXPECT_FALSE(created);
  EXPECT_EQ(entry.number, first.number);
  ASSERT_TRUE(storage_->leave_queue(event_.id, first.number));
  auto [after_leaving, created_now] = storage_->join_queue(again, first_come_key);
  EXPECT_TRUE(created_now);
  EXPECT_EQ(after_leaving.number, first.number + 1);
}

TEST_F(QueueContract, AdmitsTheNextInLineByOrderKeyThenNumber) {
  QueueEntry e;
  e.event_id = event_.id;
  e.joined_at = kNow;
  const std::vector<std::int64_t> keys{50, 10, 30, 10, 20};
  for (auto key : keys) storage_->join_queue(e, [key](std::int64_t) { return key; });
  const auto round = admit(3);
  std::set<std::int64_t> admitted;
  for (const auto& a : round.admitted) {
    admitted.insert(a.number);
    EXPECT_EQ(a.state, QueueState::admitted);
    EXPECT_EQ(a.admitted_until, kNow + kWindow.start_within);
  }
  EXPECT_EQ(admitted, (std::set<std::int64_t>{2, 4, 5}));  // keys 10, 10, 20
  const auto r = room();
  EXPECT_EQ(r.waiting, 2);
  EXPECT_EQ(r.admitted, 3);
  EXPECT_EQ(storage_->queue_entry(event_.id, 4)->state, QueueState::admitted);
  EXPECT_EQ(storage_->queue_entry(event_.id, 3)->state, QueueState::waiting);
}

TEST_F(QueueContract, ARoundSeesTheRoomAfterExpiryAndWritesNothingWhenIdle) {
  for (int i = 0; i < 3; ++i) join();
  admit(2);
  const auto seq = room().seq;
  EXPECT_TRUE(admit(0).admitted.empty());
  EXPECT_EQ(room().seq, seq);  // nothing changed, nothing written

  std::int64_t admitted_seen = -1;
  const auto later = kNow + std::chrono::seconds(300);  // nobody started in time
  const auto round = storage_->admit_from_queue(event_.id, later, kWindow, [&](const QueueRoom& r) {
    admitted_seen = r.admitted;
    return 5;
  });
  EXPECT_EQ(round.expired, 2);
  EXPECT_EQ(admitted_seen, 0);
  ASSERT_EQ(round.admitted.size(), 1u);
  EXPECT_EQ(storage_->queue_entry(event_.id, 1)->state, QueueState::expired);
  EXPECT_EQ(room().admitted, 1);
  EXPECT_EQ(room().waiting, 0);
}

TEST_F(QueueContract, CompletingOrLeavingFreesTheSlot) {
  join(buyer_);
  join(other_);
  admit(2);
  EXPECT_TRUE(storage_->complete_queue_entry(event_.id, buyer_));
  EXPECT_EQ(storage_->queue_entry(event_.id, 1)->state, QueueState::completed);
  EXPECT_TRUE(storage_->leave_queue(event_.id, 2));
  EXPECT_FALSE(storage_->leave_queue(event_.id, 2));
  EXPECT_EQ(storage_->queue_entry(event_.id, 2)->state, QueueState::left);
  EXPECT_EQ(room().admitted, 0);
  EXPECT_FALSE(storage_->complete_queue_entry(event_.id, other_));  // nothing admitted
  EXPECT_EQ(storage_->queue_entry(event_.id, 2)->state, QueueState::left);
}

TEST_F(QueueContract, ATokenIsBoundToTheFirstAccountThatUsesIt) {
  const auto anonymous = join();
  const auto mine = claim(anonymous.number, buyer_);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine.value().account_id, buyer_);
  EXPECT_TRUE(claim(anonymous.number, buyer_));
  const auto theirs = claim(anonymous.number, other_);
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, "queue_token_taken");

  join(other_);
  const auto second = join();
  const auto twice = claim(second.number, other_);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "queue_entry_exists");
  EXPECT_FALSE(claim(99, buyer_));
}

TEST_F(QueueContract, AnAdmittedBuyerWhoStartsInTimeGetsTheWholeWindow) {
  join(buyer_);
  join(other_);
  join(std::nullopt);
  admit(3);
  const auto start_by = kNow + kWindow.start_within;
  EXPECT_EQ(storage_->queue_entry(event_.id, 1)->admitted_until, start_by);

  const auto seq = room().seq;
  const auto started = claim(1, buyer_, kNow + std::chrono::seconds(60));
  ASSERT_TRUE(started);
  EXPECT_EQ(started.value().admitted_until, kNow + kWindow.whole);
  EXPECT_EQ(storage_->queue_entry(event_.id, 1)->admitted_until, kNow + kWindow.whole);
  EXPECT_EQ(room().seq, seq + 1);  // other nodes learn the new end from the change feed
  EXPECT_TRUE(claim(1, buyer_, kNow + std::chrono::seconds(90)));
  EXPECT_EQ(room().seq, seq + 1);  // once only: a started entry costs no write

  // An anonymous entry is claimed and started by one write.
  const auto claimed = claim(3, add_account("third"), kNow + std::chrono::seconds(60));
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed.value().admitted_until, kNow + kWindow.whole);

  // Too late: the turn is not revived, and the next round ends it.
  const auto late = claim(2, other_, start_by);
  ASSERT_TRUE(late);
  EXPECT_EQ(late.value().admitted_until, start_by);
  EXPECT_EQ(admit(0, start_by).expired, 1);
  EXPECT_EQ(storage_->queue_entry(event_.id, 2)->state, QueueState::expired);
  EXPECT_EQ(storage_->queue_entry(event_.id, 1)->state, QueueState::admitted);
}

TEST_F(QueueContract, ActivationStaysOn) {
  EXPECT_FALSE(room().active_since);
  storage_->activate_queue(event_.id, kNow);
  storage_->activate_queue(event_.id, kNow + std::chrono::hours(1));
  EXPECT_EQ(room().active_since, kNow);
}

TEST_F(QueueContract, ChangesComeBySeqWithTheRoomAndOnlyBusyRoomsAreListed) {
  EXPECT_EQ(storage_->busy_queue_rooms(), std::vector<std::string>{});
  for (int i = 0; i < 5; ++i) join();
  auto first = storage_->queue_changes(event_.id, 0, 3);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->through, 3);
  EXPECT_EQ(first->entries.size(), 3u);
  admit(2);  // entries 1 and 2 move to seq 6
  auto rest = storage_->queue_changes(event_.id, first->through, 100);
  EXPECT_EQ(rest->through, 6);
  std::vector<std::int64_t> numbers;
  for (const auto& e : rest->entries) numbers.push_back(e.number);
  std::sort(numbers.begin(), numbers.end());
  EXPECT_EQ(numbers, (std::vector<std::int64_t>{1, 2, 4, 5}));
  EXPECT_EQ(rest->room.admitted, 2);
  EXPECT_EQ(storage_->busy_queue_rooms(), std::vector<std::string>{event_.id});
  EXPECT_FALSE(storage_->queue_changes("evt_none", 0, 10));
  const auto log = storage_->queue_log(event_.id, 2, 2);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].number, 3);
  EXPECT_EQ(log[1].number, 4);
}

TEST_F(QueueContract, NoticesAreOwedForAdmittedEntriesAndClaimedOnce) {
  join(std::nullopt, "fan@example.com");
  join();
  admit(2);
  auto claimed = storage_->claim_queue_notices(kNow, std::chrono::seconds(60), 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].address, "fan@example.com");
  EXPECT_EQ(claimed[0].channel, "email");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_TRUE(storage_->claim_queue_notices(kNow, std::chrono::seconds(60), 10).empty());
  storage_->finish_queue_notice(claimed[0].id, false, kNow + std::chrono::seconds(30), "down");
  EXPECT_TRUE(storage_->claim_queue_notices(kNow, std::chrono::seconds(60), 10).empty());
  const auto retry = kNow + std::chrono::seconds(30);
  auto again = storage_->claim_queue_notices(retry, std::chrono::seconds(60), 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
  storage_->finish_queue_notice(again[0].id, true, retry, "");
  EXPECT_TRUE(
      storage_->claim_queue_notices(retry + std::chrono::hours(1), std::chrono::seconds(60), 10)
          .empty());
}

TEST_F(QueueContract, RacingJoinsAndRoundsNeverAdmitPastTheLimitAndCountsAddUp) {
  constexpr int kThreads = 6, kJoinsEach = 40;
  constexpr std::int64_t kMaxActive = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto storage = backend_->connect();
      QueueEntry e;
      e.event_id = event_.id;
      e.joined_at = kNow;
      for (int i = 0; i < kJoinsEach; ++i) {
        storage->join_queue(e, first_come_key);
        storage->admit_from_queue(event_.id, kNow, kWindow,
                                  [&](const QueueRoom& r) { return kMaxActive - r.admitted; });
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto r = room();
  EXPECT_EQ(r.joined, kThreads * kJoinsEach);
  EXPECT_EQ(r.admitted, kMaxActive);
  EXPECT_EQ(r.waiting, kThreads * kJoinsEach - kMaxActive);
  const auto all = storage_->queue_log(event_.id, 0, 10'000);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kJoinsEach));
  std::int64_t admitted = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].number, static_cast<std::int64_t>(i + 1));
    if (all[i].state == QueueState::admitted) {
      ++admitted;
      EXPECT_LE(all[i].number, kMaxActive);  // first come, first served
    }
  }
  EXPECT_EQ(admitted, kMaxActive);
  // A reader following the room by seq ends exactly where the table is.
  QueueLine line;
  std::int64_t through = 0;
  for (;;) {
    auto changes = storage_->queue_changes(event_.id, through, 7);
    for (const auto& e : changes->entries) line.apply(e);
    through = changes->through;
    if (through == changes->room.seq) break;
  }
  EXPECT_EQ(line.waiting(), r.waiting);
  for (const auto& e : all) EXPECT_EQ(line.slot(e.number)->state, e.state);
}

TEST_F(QueueContract, AdmittedEntriesComeBackInLineOrderAndOnlyTheyAreOwedNotices) {
  QueueEntry e;
  e.event_id = event_.id;
  e.joined_at = kNow;
  e.notify_email = "fan@example.com";
  e.notify_phone = "+4915100000000";
  for (auto key : {50, 10, 30, 10, 20})
    storage_->join_queue(e, [key](std::int64_t) -> std::int64_t { return key; });
  admit(1);  // number 2 (key 10)
  const auto later = kNow + std::chrono::seconds(1800);
  const auto round = admit(3, later);  // number 2 expires; 4, 5, 3 are admitted, in that order
  EXPECT_EQ(round.expired, 1);
  std::vector<std::int64_t> numbers;
  for (const auto& a : round.admitted) numbers.push_back(a.number);
  EXPECT_EQ(numbers, (std::vector<std::int64_t>{4, 5, 3}));
  std::multiset<std::pair<std::int64_t, std::string>> owed;
  for (const auto& n : storage_->claim_queue_notices(later, std::chrono::seconds(60), 100))
    owed.insert({n.number, n.channel});
  EXPECT_EQ(owed, (std::multiset<std::pair<std::int64_t, std::string>>{
                      {2, "email"},
                      {2, "sms"},  // from the first round
                      {3, "email"},
                      {3, "sms"},
                      {4, "email"},
                      {4, "sms"},
                      {5, "email"},
                      {5, "sms"}}));
}

TEST_F(QueueContract, OnlyAnAdmittedEntryCompletesAndActivationIsOneChange) {
  join(buyer_);
  const auto seq = room().seq;
  EXPECT_FALSE(storage_->complete_queue_entry(event_.id, buyer_));  // waiting, not admitted
  EXPECT_EQ(storage_->queue_entry(event_.id, 1)->state, QueueState::waiting);
  EXPECT_EQ(room().seq, seq);
  storage_->activate_queue(event_.id, kNow);
  EXPECT_EQ(room().seq, seq + 1);  // followers see the switch as a change of the room
  storage_->activate_queue(event_.id, kNow + std::chrono::hours(1));
  EXPECT_EQ(room().seq, seq + 1);
  EXPECT_EQ(room().waiting, 1);
}

TEST_F(QueueContract, RacingRoomsClaimsAndJoinsKeepOneRoomOneHolderAndOneLiveEntry) {
  constexpr int kThreads = 6;
  const auto fresh = add_event();
  const auto anonymous = join();
  std::vector<std::string> accounts;
  for (int t = 0; t < kThreads; ++t) accounts.push_back(add_account("racer" + std::to_string(t)));
  std::vector<std::string> seeds(kThreads);
  std::vector<int> claimed(kThreads), joined(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto storage = backend_->connect();
      seeds[t] = storage
                     ->queue_room(fresh.id,
                                  [t] {
                                    const auto s = "seed" + std::to_string(t);
                                    return QueueRoom{"", s, s, s, 0, 0, 0, 0, std::nullopt};
                                  })
                     .seed;
      // Every account claims the one anonymous token, then joins with a token of its own: only
      // the account whose claim won may not join.
      claimed[t] =
          storage->claim_queue_entry(event_.id, anonymous.number, accounts[t], kWindow.whole, kNow)
              .ok();
      QueueEntry e;
      e.event_id = event_.id;
      e.account_id = accounts[t];
      e.joined_at = kNow;
      joined[t] = storage->join_queue(e, first_come_key).second;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::set<std::string>(seeds.begin(), seeds.end()).size(), 1u);
  EXPECT_EQ(storage_->queue_room(fresh.id, [] { return QueueRoom{}; }).seed, seeds[0]);
  int winners = 0;
  for (int t = 0; t < kThreads; ++t) {
    winners += claimed[t];
    EXPECT_NE(claimed[t], joined[t]) << t;
  }
  EXPECT_EQ(winners, 1);
  const auto r = room();
  EXPECT_EQ(r.joined, 1 + kThreads - 1);
  EXPECT_EQ(r.waiting, r.joined);
}

}  // namespace
}  // namespace boxoffice
