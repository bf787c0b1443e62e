#include "domain/queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace boxoffice {
namespace {

const TimePoint t0 = from_unix(1'800'000'000);

QueueEntry entry(std::int64_t number, std::int64_t key, std::int64_t seq,
                 QueueState state = QueueState::waiting) {
  QueueEntry e;
  e.event_id = "evt";
  e.number = number;
  e.order_key = key;
  e.seq = seq;
  e.state = state;
  return e;
}

TEST(QueueLine, DrawnEntriesComeBeforeFirstComeOnesInKeyOrder) {
  QueueLine line;
  line.apply(entry(1, drawn_key(900), 1));
  line.apply(entry(2, drawn_key(100), 2));
  line.apply(entry(3, first_come_key(3), 3));
  line.apply(entry(4, drawn_key(500), 4));  // a late drawn key still sorts among the drawn
  EXPECT_EQ(line.ahead(2), 0);
  EXPECT_EQ(line.ahead(4), 1);
  EXPECT_EQ(line.ahead(1), 2);
  EXPECT_EQ(line.ahead(3), 3);
  EXPECT_EQ(line.waiting(), 4);
}

TEST(QueueLine, AdmittedAndDepartedEntriesLeaveTheLine) {
  QueueLine line;
  for (int n = 1; n <= 5; ++n) line.apply(entry(n, first_come_key(n), n));
  auto admitted = entry(1, first_come_key(1), 6, QueueState::admitted);
  admitted.admitted_until = t0;
  line.apply(admitted);
  line.apply(entry(3, first_come_key(3), 7, QueueState::left));
  EXPECT_EQ(line.ahead(1), std::nullopt);
  EXPECT_EQ(line.slot(1)->state, QueueState::admitted);
  EXPECT_EQ(line.slot(1)->admitted_until, to_unix(t0));
  EXPECT_EQ(line.ahead(2), 0);
  EXPECT_EQ(line.ahead(4), 1);
  EXPECT_EQ(line.ahead(5), 2);
  EXPECT_EQ(line.waiting(), 3);
}

TEST(QueueLine, IgnoresChangesOlderThanWhatItHolds) {
  QueueLine line;
  line.apply(entry(1, first_come_key(1), 5, QueueState::left));
  line.apply(entry(1, first_come_key(1), 2));  // the join, read late
  EXPECT_EQ(line.slot(1)->state, QueueState::left);
  EXPECT_EQ(line.waiting(), 0);
}

TEST(QueueLine, EntriesMaySeeTheirNumbersOutOfOrder) {
  QueueLine line;
  line.apply(entry(3, first_come_key(3), 9));
  EXPECT_EQ(line.slot(1), nullptr);
  EXPECT_EQ(line.ahead(3), 0);
  line.apply(entry(1, first_come_key(1), 10));
  EXPECT_EQ(line.ahead(3), 1);
  EXPECT_EQ(line.slot(4), nullptr);
}

TEST(QueueLine, EqualDrawnKeysAreOrderedByNumber) {
  QueueLine line;
  line.apply(entry(2, drawn_key(7), 1));
  line.apply(entry(1, drawn_key(7), 2));
  EXPECT_EQ(line.ahead(1), 0);
  EXPECT_EQ(line.ahead(2), 1);
}

TEST(QueueLine, PositionsOfARandomLineMatchASortedCopy) {
  std::mt19937_64 random(42);
  QueueLine line;
  std::vector<std::pair<std::int64_t, std::int64_t>> keys;
  for (int n = 1; n <= 2000; ++n) {
    const auto key = drawn_key(random());
    keys.emplace_back(key, n);
    line.apply(entry(n, key, n));
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i < keys.size(); ++i)
    ASSERT_EQ(line.ahead(keys[i].second), static_cast<std::int64_t>(i));
}

// Joins (drawn keys before the sales open, some equal, then first-come ones), admissions, leaves
// and changes read late or twice, over more entries than a block of the line holds, compared with
// a plain copy of the entries after every change.
TEST(QueueLine, RandomChangesMatchAPlainCopyOfTheEntries) {
  std::mt19937_64 random(7);
  QueueLine line;
  std::vector<QueueEntry> entries;  // [number - 1]: the newest change of each
  std::int64_t seq = 0;
  const auto ahead = [&entries](std::int64_t number) -> std::optional<std::int64_t> {
    const auto& e = entries[static_cast<std::size_t>(number - 1)];
    if (e.state != QueueState::waiting) return std::nullopt;
    return std::count_if(entries.begin(), entries.end(), [&e](const QueueEntry& other) {
      return other.state == QueueState::waiting &&
             std::pair(other.order_key, other.number) < std::pair(e.order_key, e.number);
    });
  };
  for (int step = 0; step < 8000; ++step) {
    const auto dice = random() % 10;
    if (dice < 6 || entries.empty()) {
      const auto number = static_cast<std::int64_t>(entries.size()) + 1;
      const auto key = step < 4000 ? drawn_key(random() % 500) : first_come_key(number);
      entries.push_back(entry(number, key, ++seq));
      line.apply(entries.back());
    } else {
      auto& e = entries[random() % entries.size()];
      if (dice < 9) {
        const QueueEntry before = e;
        e.state = dice < 8 ? QueueState::admitted : QueueState::left;
        if (e.state == QueueState::admitted) {
          e.admitted_at = t0;
          e.admitted_until = t0 + std::chrono::seconds(600);
        }
        e.seq = ++seq;
        line.apply(e);
        line.apply(before);  // read late: ignored
      } else {
        line.apply(e);  // read twice: changes nothing
      }
    }
    const auto number = static_cast<std::int64_t>(random() % entries.size()) + 1;
    ASSERT_EQ(line.ahead(number), ahead(number)) << "step " << step;
    ASSERT_EQ(line.slot(number)->state, entries[static_cast<std::size_t>(number - 1)].state);
  }
  const auto waiting = std::count_if(entries.begin(), entries.end(), [](const QueueEntry& e) {
    return e.state == QueueState::waiting;
  });
  EXPECT_EQ(line.waiting(), waiting);
  for (std::int64_t number = 1; number <= line.last_number(); ++number)
    ASSERT_EQ(line.ahead(number), ahead(number)) << "number " << number;
}

TEST(QueuePolicy, AdmitsNoMoreThanMaxActiveNorPlacesLeft) {
  QueueSettings s;
  s.max_active = 100;
  EXPECT_EQ(admissions(s, 0, 1000), 100);
  EXPECT_EQ(admissions(s, 60, 1000), 40);
  EXPECT_EQ(admissions(s, 0, 30), 30);
  EXPECT_EQ(admissions(s, 20, 30), 10);
  EXPECT_EQ(admissions(s, 40, 30), 0);  // more shopping than places: nobody new
  EXPECT_EQ(admissions(s, 100, 1000), 0);
  EXPECT_EQ(admissions(s, 0, 0), 0);  // sold out
}

TEST(QueuePolicy, AnAdmittedBuyerMustStartSoonAndTheirFirstHoldOpensTheWholeWindow) {
  QueueRoom room;
  room.waiting = 2;
  std::vector<QueueEntry> next{entry(1, first_come_key(1), 1), entry(2, first_come_key(2), 2)};
  const CheckoutWindow window{std::chrono::minutes(30), std::chrono::minutes(5)};
  admit(room, next, t0, window);
  EXPECT_EQ(room.admitted, 2);
  EXPECT_EQ(next[0].admitted_until, t0 + std::chrono::minutes(5));
  EXPECT_FALSE(whole_window(next[0], window.whole));

  const auto seq = room.seq;
  EXPECT_FALSE(start_shopping(room, next[1], window.whole, t0 + std::chrono::minutes(5)))
      << "too late: the turn is lost";
  EXPECT_EQ(next[1].admitted_until, t0 + std::chrono::minutes(5));
  EXPECT_TRUE(start_shopping(room, next[0], window.whole, t0 + std::chrono::minutes(4)));
  EXPECT_EQ(next[0].admitted_until, t0 + std::chrono::minutes(30));  // from admission, not now
  EXPECT_EQ(next[0].seq, seq + 1);
  EXPECT_TRUE(whole_window(next[0], window.whole));
  EXPECT_FALSE(start_shopping(room, next[0], window.whole, t0 + std::chrono::minutes(6)));
  EXPECT_EQ(room.seq, seq + 1);

  QueueLine line;
  line.apply(next[0]);
  line.apply(next[1]);
  EXPECT_EQ(line.slot(1)->granted, 30 * 60);
  EXPECT_EQ(line.slot(2)->granted, 5 * 60);

  auto waiting = entry(3, first_come_key(3), 9);
  EXPECT_FALSE(start_shopping(room, waiting, window.whole, t0));  // not admitted: nothing to open
  EXPECT_FALSE(waiting.admitted_until);
}

TEST(QueuePolicy, AWindowShorterThanTheTimeToStartIsWholeFromAdmission) {
  QueueRoom room;
  room.waiting = 1;
  std::vector<QueueEntry> next{entry(1, first_come_key(1), 1)};
  admit(room, next, t0, {std::chrono::minutes(2), std::chrono::minutes(5)});
  EXPECT_EQ(next[0].admitted_until, t0 + std::chrono::minutes(2));
  EXPECT_TRUE(whole_window(next[0], std::chrono::minutes(2)));
}

TEST(QueuePolicy, ActivatesWhenEnabledOnDemandOrForAWaitingListAfterASellOut) {
  QueueSettings s;
  EXPECT_FALSE(should_activate(s, 500, 100, 0));  // no threshold set
  s.auto_threshold = 200;
  EXPECT_FALSE(should_activate(s, 199, 100, 0));
  EXPECT_TRUE(should_activate(s, 200, 100, 0));
  s.auto_threshold = 0;
  EXPECT_FALSE(should_activate(s, 10, 0, 0));
  EXPECT_TRUE(should_activate(s, 10, 0, 1));
  s.enabled = true;
  EXPECT_TRUE(should_activate(s, 0, 100, 0));
}

TEST(QueuePolicy, ActiveWhenEnabledOrSwitchedOn) {
  Event e;
  QueueRoom room;
  EXPECT_FALSE(queue_active(e, room));
  room.active_since = t0;
  EXPECT_TRUE(queue_active(e, room));
  room.active_since.reset();
  e.queue.enabled = true;
  EXPECT_TRUE(queue_active(e, room));
}

TEST(QueueEstimate, UsesTheMeasuredRateElseTheWindowTurnover) {
  QueueSettings s;
  s.max_active = 100;
  s.window_seconds = 1000;  // 0.1 admissions per second before any are measured
  EXPECT_EQ(estimated_wait_seconds(0, std::nullopt, s), 0);
  EXPECT_EQ(estimated_wait_seconds(10, std::nullopt, s), 100);
  EXPECT_EQ(estimated_wait_seconds(10, 2.0, s), 5);
  EXPECT_EQ(estimated_wait_seconds(3, 2.0, s), 2);
}

TEST(AdmissionRate, CountsTheLastTenMinutesOverAtLeastAMinute) {
  AdmissionRate rate;
  EXPECT_EQ(rate.per_second(t0), std::nullopt);
  rate.record(t0, 120);
  EXPECT_DOUBLE_EQ(*rate.per_second(t0), 2.0);  // spread over a minute, not one second
  rate.record(t0 + std::chrono::seconds(120), 60);
  EXPECT_DOUBLE_EQ(*rate.per_second(t0 + std::chrono::seconds(180)), 1.0);
  EXPECT_EQ(rate.per_second(t0 + std::chrono::minutes(20)), std::nullopt);
}

}  // namespace
}  // namespace boxoffice
