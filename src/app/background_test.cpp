// The rules of time that background tasks carry out (holds expire, checkout windows end), driven
// by a ManualClock against a real SQLite database: tasks are wired as main.cpp wires them and run
// by run_due(), so each rule is checked to the second without waiting for it.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "app/accounts.hpp"
#include "app/hold_sweeper.hpp"
#include "app/hold_writer.hpp"
#include "app/holds.hpp"
#include "app/live_inventory.hpp"
#include "app/live_queues.hpp"
#include "app/periodic_tasks.hpp"
#include "app/queue_admitter.hpp"
#include "app/queues.hpp"
#include "storage/open_backend.hpp"
#include "storage_contract/contract.hpp"
#include "support/scratch_database.hpp"

namespace boxoffice {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const TimePoint kStart = at("2026-03-05T10:00:00Z");  // sales of test_event() are open

std::unique_ptr<Backend> migrated(const std::string& url) {
  auto backend = open_backend(url);
  backend->migrate();
  return backend;
}

class BackgroundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.live = &live_;
    env_.queues = &queues_;
    env_.hold_writer = &hold_writer_;
    env_.join_throttle = &throttle_;
    live_.schedule(tasks_, *backend_, milliseconds(20));
    queues_.schedule(tasks_, *backend_, milliseconds(50));
    schedule_hold_expiry(tasks_, *backend_, env_, milliseconds(250),
                         [this](const std::vector<Hold>& expired) {
                           for (const auto& h : expired) expired_.push_back(h.id);
                         });
    admitter_.schedule(tasks_, tasks_, *backend_);
    accounts::schedule_session_purge(tasks_, *backend_, std::chrono::minutes(10));

    const Venue venue{"ven_1", "Arena", "1 Main St", "Europe/Berlin", at("2026-01-02T00:00:00Z")};
    storage_->insert_venue(venue);
    const Layout layout{
        "lay_1",
        venue.id,
        "Concert",
        at("2026-01-03T00:00:00Z"),
        {{1, at("2026-02-01T00:00:00Z"), {seated("a", {{"A", 4}})}, at("2026-01-03T00:00:00Z")}}};
    ASSERT_TRUE(storage_->insert_layout(layout));
    event_ = test_event(venue.id, layout.id);
    event_.queue = queue_;
    storage_->insert_event(event_, layout.versions.back(),
                           {event_.id, event_.created_at, "acc_manager", "create", "created"});
  }

  void TearDown() override {
    tasks_.stop();
    EXPECT_TRUE(failures_.empty()) << failures_.front();
  }

  Account buyer(const std::string& name) {
    auto a = test_account(name);
    EXPECT_TRUE(storage_->insert_account(a));
    return a.account;
  }

  // Moves the clock on by `by` in steps of `step` (by default the shortest period), running what
  // is due after each step, as the tasks' thread would.
  void pass(milliseconds by, milliseconds step = milliseconds(20)) {
    for (auto left = by; left > milliseconds(0); left -= step) {
      clock_.advance(std::min(left, step));
      tasks_.run_due();
    }
  }

  Hold hold(const Account& who, std::vector<std::string> seats, std::string_view token = "") {
    std::promise<Result<Hold>> answer;
    auto answered = answer.get_future();
    holds::place(*storage_, env_, who, {"10.0.0.1", false}, event_.id, {std::move(seats), "", 0},
                 token, {},
                 [&answer](Result<Hold> placed) { answer.set_value(std::move(placed)); });
    auto placed = answered.get();  // once the hold writer's batch has committed
    EXPECT_TRUE(placed.ok()) << (placed.ok() ? "" : placed.error().message);
    return placed.value();
  }

  HoldStatus status_of(const Hold& h) { return storage_->hold(h.id)->status; }

  SeatState seat_in_memory(std::string_view id) {
    return live_.current(*storage_, event_.id)->read([&](const EventInventory& i) {
      return *i.state.seat_state(std::string(id));
    });
  }

  QueueSettings queue_;  // off unless a test's constructor turns it on
  ScratchDatabase scratch_{"sqlite"};
  std::unique_ptr<Backend> backend_ = migrated(scratch_.url());
  std::unique_ptr<Storage> storage_ = backend_->connect();
  ManualClock clock_{kStart};
  LoginThrottle login_throttle_{clock_, {}};
  LoginThrottle throttle_{clock_, {}};
  AppEnv env_{clock_, login_throttle_, is_iana_timezone};
  LiveInventory live_{clock_};
  LiveQueues queues_{clock_};
  HoldWriter hold_writer_{*backend_, [](const std::string&) {}, &clock_};
  QueueAdmitter admitter_{
      env_, {milliseconds(250), "https://tickets.test", nullptr}, [](const std::string&) {}};
  std::vector<std::string> failures_;
  std::vector<std::string> expired_;
  PeriodicTasks tasks_{clock_, [this](std::string_view task, std::string_view failure) {
                         failures_.push_back(std::string(task) + ": " + std::string(failure));
                       }};
  Event event_;
};

TEST_F(BackgroundTest, EndedSessionsAreDeletedWithinTenMinutes) {
  const Account ann = buyer("ann");
  storage_->insert_session({"ended", ann.id, kStart, kStart + seconds(60)});
  storage_->insert_session({"running", ann.id, kStart, kStart + std::chrono::hours(12)});
  pass(seconds(60), seconds(60));
  pass(std::chrono::minutes(10), seconds(30));
  EXPECT_EQ(storage_->delete_expired_sessions(clock_.now()), 0) << "the task deleted it already";
  EXPECT_TRUE(storage_->account_for_session("running", clock_.now()));
}

// A sale's first moments: many requests for an event not yet in memory arrive at once. They wait
// for one load and share it, and each sees what was committed before it asked.
TEST_F(BackgroundTest, FirstReadersOfAnEventAtOnceShareOneLoadAndSeeWhatCameBefore) {
  hold(buyer("ann"), {"a/A/1"});
  LiveInventory cold{clock_};  // this node has not read the event yet
  constexpr int kReaders = 8;
  std::vector<std::unique_ptr<Storage>> connections;
  for (int i = 0; i < kReaders; ++i) connections.push_back(backend_->connect());
  std::vector<std::shared_ptr<LiveEvent>> seen(kReaders);
  std::atomic<int> ready{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i)
    readers.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kReaders) std::this_thread::yield();
      seen[i] = cold.current(*connections[i], event_.id);
    });
  for (auto& r : readers) r.join();
  for (const auto& live : seen) {
    ASSERT_NE(live, nullptr);
    EXPECT_EQ(live, seen[0]) << "every reader gets the one loaded event";
    EXPECT_EQ(live->read([](const EventInventory& i) { return *i.state.seat_state("a/A/1"); }),
              SeatState::held);
  }
  EXPECT_EQ(cold.current(*storage_, "evt_missing"), nullptr);
}

// Open streams re-read the sale status only when its generation moves: on the first tick after a
// load (a stream may have read it just before the moment the tick sees), and when sales open or
// close by the clock; never on a tick that changes nothing.
TEST_F(BackgroundTest, TheSalesGenerationMovesWhenSalesTurnByTheClockAndOnTheFirstTick) {
  auto live = live_.current(*storage_, event_.id);
  int nudges = 0;
  auto watcher = live->watch(live->read([](const EventInventory& i) { return i.state.seq(); }),
                             [&nudges] { ++nudges; });
  const auto loaded = live->sales_generation();
  live->tick(kStart);
  EXPECT_EQ(live->sales_generation(), loaded + 1) << "the first tick after a load";
  EXPECT_EQ(nudges, 1);
  live->tick(kStart + seconds(1));
  EXPECT_EQ(live->sales_generation(), loaded + 1) << "still open: nothing to re-read";
  EXPECT_EQ(nudges, 1);
  live->tick(event_.sales_close_at);
  EXPECT_EQ(live->sales_generation(), loaded + 2) << "sales closed by the clock";
  EXPECT_EQ(nudges, 2);
}

TEST_F(BackgroundTest, AHoldExpiresWhenItsTimeIsUpAndItsSeatsComeBack) {
  const Hold h = hold(buyer("ann"), {"a/A/1", "a/A/2"});
  ASSERT_EQ(h.expires_at, kStart + seconds(900));  // test_event()'s hold_seconds
  auto live = live_.current(*storage_, event_.id);
  auto watcher =
      live->watch(live->read([](const EventInventory& i) { return i.state.seq(); }), [] {});

  pass(seconds(899), seconds(899));
  pass(milliseconds(980));  // sweeps and polls run again: nothing is due before 900 s
  EXPECT_EQ(status_of(h), HoldStatus::active);
  EXPECT_TRUE(expired_.empty());
  EXPECT_TRUE(watcher->take().updates.empty());

  pass(milliseconds(250));  // the first sweep at 900 s or later frees the seats
  EXPECT_EQ(status_of(h), HoldStatus::expired);
  EXPECT_EQ(expired_, std::vector<std::string>{h.id});
  for (const auto& s : storage_->seats(event_.id, "a")) EXPECT_EQ(s.state, SeatState::available);
  // and a poll of the feed tells watchers
  const auto told = watcher->take();
  EXPECT_FALSE(told.resync);
  ASSERT_EQ(told.updates.size(), 1u);
  EXPECT_EQ(told.updates[0]->seats.size(), 2u);
  for (const auto& [seat, state] : told.updates[0]->seats) EXPECT_EQ(state, SeatState::available);
  EXPECT_EQ(seat_in_memory("a/A/2"), SeatState::available);
}

class WindowTest : public BackgroundTest {
 protected:
  WindowTest() { queue_ = {true, 1, 0, 60}; }  // on, one buyer at a time, 60 s to check out

  std::string join(const Account& who) {
    auto joined = queues::join(*storage_, env_, who, event_.id, {}, "127.0.0.1", true);
    EXPECT_TRUE(joined.ok());
    return joined.value().status.token;
  }

  queues::Status status(const std::string& token) {
    return queues::status(*storage_, env_, token).value();
  }
};

TEST_F(WindowTest, AnEndedWindowFreesTheSlotAndEndsTheHoldsMadeInIt) {
  const Account ann = buyer("ann"), bob = buyer("bob");
  const std::string first = join(ann), second = join(bob);
  pass(milliseconds(250));  // the first admission round: one slot
  ASSERT_EQ(status(first).state, "admitted");
  EXPECT_EQ(status(second).state, "waiting");
  const TimePoint until = *status(first).admitted_until;
  EXPECT_EQ(until, kStart + seconds(60));

  pass(seconds(30), seconds(30));
  const Hold h = hold(ann, {"a/A/3"}, first);
  EXPECT_EQ(h.expires_at, until);  // never past the window, though hold_seconds is 900

  pass(seconds(29) + milliseconds(500), seconds(30));  // 59.75 s: a round and a sweep run
  EXPECT_EQ(status(first).state, "admitted");
  EXPECT_EQ(status(second).state, "waiting");
  EXPECT_EQ(status_of(h), HoldStatus::active);

  pass(milliseconds(250));  // 60 s: the window ends, and the round gives its slot to the next
  EXPECT_EQ(status(first).state, "expired");
  EXPECT_EQ(status(second).state, "admitted");
  EXPECT_EQ(*status(second).admitted_until, until + seconds(60));
  EXPECT_EQ(status_of(h), HoldStatus::expired);
  EXPECT_EQ(seat_in_memory("a/A/3"), SeatState::available);
}

}  // namespace
}  // namespace boxoffice
