#include "app/periodic_tasks.hpp"

#include <algorithm>
#include <exception>

namespace boxoffice {
namespace {

constexpr std::chrono::milliseconds kLongestWait(1000);

}  // namespace

PeriodicTasks::PeriodicTasks(const Clock& clock, Report report)
    : clock_(clock), report_(std::move(report)) {}

PeriodicTasks::~PeriodicTasks() {
  stop();
}

void PeriodicTasks::add(std::string name, std::chrono::milliseconds period, Task task) {
  std::lock_guard lock(run_mutex_);
  entries_.push_back({std::move(name), period, std::move(task), clock_.steady() + period});
}

std::size_t PeriodicTasks::run_due() {
  std::lock_guard lock(run_mutex_);
  std::size_t ran = 0;
  for (auto& entry : entries_) {
    if (entry.due > clock_.steady()) continue;
    {
      std::lock_guard state(mutex_);
      if (stopping_) break;
    }
    try {
      entry.task(clock_.now());
    } catch (const std::exception& e) {
      report_(entry.name, e.what());
    } catch (...) {
      report_(entry.name, "unknown exception");
    }
    entry.due = clock_.steady() + entry.period;
    ++ran;
  }
  return ran;
}

std::chrono::milliseconds PeriodicTasks::next_due() {
  std::lock_guard lock(run_mutex_);
  auto next = std::chrono::milliseconds::max();
  for (const auto& entry : entries_) next = std::min(next, entry.due);
  return next;
}

void PeriodicTasks::start() {
  thread_ = std::thread([this] { loop(); });
}

void PeriodicTasks::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTasks::loop() {
  for (;;) {
    run_due();
    // The wait is real time, the due times the clock's: on waking, run_due() asks the clock
    // again. Never longer than a second, so that no clock can make the thread sleep for good.
    const auto wait = std::min(next_due() - clock_.steady(), kLongestWait);
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
  }
}

}  // namespace boxoffice
