#include "app/periodic_tasks.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

namespace boxoffice {
namespace {

using std::chrono::milliseconds;

const TimePoint kStart = *parse_rfc3339("2026-03-05T10:00:00Z");

struct Failure {
  std::string task, what;
};

class PeriodicTasksTest : public ::testing::Test {
 protected:
  ManualClock clock_{kStart};
  std::vector<Failure> failures_;
  PeriodicTasks tasks_{clock_, [this](std::string_view task, std::string_view what) {
                         failures_.push_back({std::string(task), std::string(what)});
                       }};
};

TEST_F(PeriodicTasksTest, ATaskIsDueOncePerPeriodOnTheClock) {
  std::vector<TimePoint> runs;
  tasks_.add("count", milliseconds(250), [&](TimePoint now) { runs.push_back(now); });
  EXPECT_EQ(tasks_.run_due(), 0u);
  clock_.advance(milliseconds(249));
  EXPECT_EQ(tasks_.run_due(), 0u);
  clock_.advance(milliseconds(1));
  EXPECT_EQ(tasks_.run_due(), 1u);
  EXPECT_EQ(tasks_.run_due(), 0u);  // the next period starts when a run ends
  clock_.advance(milliseconds(800));
  EXPECT_EQ(tasks_.run_due(), 1u);  // runs missed while the clock jumped are not made up
  EXPECT_EQ(tasks_.run_due(), 0u);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0], kStart);  // the clock's time in whole seconds
  EXPECT_EQ(runs[1], kStart + std::chrono::seconds(1));
}

TEST_F(PeriodicTasksTest, TasksKeepTheirOwnPeriodsAndTheirOrder) {
  std::vector<std::string> runs;
  tasks_.add("fast", milliseconds(20), [&](TimePoint) { runs.push_back("fast"); });
  tasks_.add("slow", milliseconds(50), [&](TimePoint) { runs.push_back("slow"); });
  for (int i = 0; i < 5; ++i) {
    clock_.advance(milliseconds(20));
    tasks_.run_due();
  }
  EXPECT_EQ(runs, (std::vector<std::string>{"fast", "fast", "fast", "slow", "fast", "fast"}));
}

TEST_F(PeriodicTasksTest, AFailingTaskIsReportedAndRunsAgainNextPeriod) {
  int attempts = 0, others = 0;
  tasks_.add("flaky", milliseconds(100), [&](TimePoint) {
    if (++attempts == 1) throw std::runtime_error("database is down");
  });
  tasks_.add("other", milliseconds(100), [&](TimePoint) { ++others; });
  clock_.advance(milliseconds(100));
  EXPECT_EQ(tasks_.run_due(), 2u);
  ASSERT_EQ(failures_.size(), 1u);
  EXPECT_EQ(failures_[0].task, "flaky");
  EXPECT_EQ(failures_[0].what, "database is down");
  EXPECT_EQ(others, 1);
  clock_.advance(milliseconds(99));
  EXPECT_EQ(tasks_.run_due(), 0u);  // not retried at once: a period later
  clock_.advance(milliseconds(1));
  EXPECT_EQ(tasks_.run_due(), 2u);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(failures_.size(), 1u);
}

TEST_F(PeriodicTasksTest, NothingRunsAfterStop) {
  int runs = 0;
  tasks_.add("count", milliseconds(10), [&](TimePoint) { ++runs; });
  tasks_.stop();
  clock_.advance(milliseconds(10));
  EXPECT_EQ(tasks_.run_due(), 0u);
  EXPECT_EQ(runs, 0);
}

// The one test with a thread and a real clock: start() runs the tasks, and stop() lets the
// running one finish, runs nothing more, and returns.
TEST(PeriodicTasksThread, RunsOnItsOwnThreadAndStopsAfterTheRunningTask) {
  SystemClock clock;
  PeriodicTasks tasks(clock, [](std::string_view, std::string_view) {});
  std::atomic<int> started{0}, finished{0};
  tasks.add("slow", milliseconds(1), [&](TimePoint) {
    ++started;
    std::this_thread::sleep_for(milliseconds(30));
    ++finished;
  });
  tasks.start();
  for (int i = 0; i < 500 && started < 2; ++i) std::this_thread::sleep_for(milliseconds(5));
  ASSERT_GE(started, 2);
  tasks.stop();
  EXPECT_EQ(finished.load(), started.load());
  const int after_stop = started;
  std::this_thread::sleep_for(milliseconds(20));
  EXPECT_EQ(started.load(), after_stop);
}

}  // namespace
}  // namespace boxoffice
