#pragma once
// The background work of a node (following the change feeds, expiring holds, admission rounds,
// notices) as tasks that run every so often, driven by the Clock port.
//
// A task is due once its period has passed on the clock's steady reading since its last run
// ended (since it was added, for the first run), and runs with the clock's `now()`: so a test with
// a ManualClock calls run_due() after advance() and sees exactly the runs a real node would make,
// without a thread or a sleep. start() gives the tasks one thread of their own, which runs
// run_due() and then sleeps until the next task is due (or until stop()).
//
// Tasks of one PeriodicTasks run one after the other, never at the same time: a task that waits
// long (on a mail server, say) delays the others, so such work gets a PeriodicTasks of its own.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/clock.hpp"
#include "app/storage.hpp"

namespace boxoffice {

class PeriodicTasks {
 public:
  using Task = std::function<void(TimePoint now)>;
  // Told of every task that threw; the task runs again a period later.
  using Report = std::function<void(std::string_view task, std::string_view failure)>;

  PeriodicTasks(const Clock& clock, Report report);
  ~PeriodicTasks();  // stop()
  PeriodicTasks(const PeriodicTasks&) = delete;
  PeriodicTasks& operator=(const PeriodicTasks&) = delete;

  // Adds a task, first due one `period` from now. Add every task before start().
  void add(std::string name, std::chrono::milliseconds period, Task task);

  // Runs every task that is due, in the order they were added, and returns how many ran. Not at
  // the same time as the thread of start(): tests call it instead.
  std::size_t run_due();

  void start();
  // Lets the running task finish, runs nothing more and ends the thread. Idempotent.
  void stop();

 private:
  struct Entry {
    std::string name;
    std::chrono::milliseconds period;
    Task task;
    std::chrono::milliseconds due;  // on clock_.steady()
  };
  void loop();
  std::chrono::milliseconds next_due();

  const Clock& clock_;
  Report report_;
  std::mutex run_mutex_;  // one run_due() at a time; guards entries_
  std::vector<Entry> entries_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// A task's own connection to the database: opened when the task is added, so that a bad database
// fails at start and a node's descriptors are all taken before it serves (one opened later could
// find none left after a flood of connections); dropped when a use throws, and opened again by the
// next run. Used by one PeriodicTasks' thread only.
class TaskConnection {
 public:
  explicit TaskConnection(Backend& backend) : backend_(backend), storage_(backend.connect()) {}

  template <class Use>
  void use(Use&& use) {
    try {
      if (!storage_) storage_ = backend_.connect();
      use(*storage_);
    } catch (...) {
      storage_.reset();
      throw;
    }
  }

 private:
  Backend& backend_;
  std::unique_ptr<Storage> storage_;
};

// A task that calls `work(storage, now)` through a TaskConnection of its own.
template <class Work>
PeriodicTasks::Task with_connection(Backend& backend, Work work) {
  return [work = std::move(work), connection = std::make_shared<TaskConnection>(backend)](
             TimePoint now) { connection->use([&](Storage& storage) { work(storage, now); }); };
}

}  // namespace boxoffice
