#pragma once
// The threads that talk to the database, each with its own connection, so that no I/O thread
// ever waits on storage. Work is queued and run in order of arrival.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "app/storage.hpp"

namespace boxoffice {

class StorageWorkers {
 public:
  // Opens one connection per thread up front, so a bad database fails at start, not later.
  StorageWorkers(Backend& backend, int threads);
  ~StorageWorkers();
  StorageWorkers(const StorageWorkers&) = delete;
  StorageWorkers& operator=(const StorageWorkers&) = delete;

  // Runs `job(storage)` on a worker; `job` may be move-only and must not throw.
  template <class Job>
  void post(Job job) {
    push(std::make_unique<Task<Job>>(std::move(job)));
  }

  // Returns once nothing is queued or running (tasks and their captures are gone).
  void wait_idle();

  // Finishes the queued work, then joins the threads.
  void stop();

 private:
  struct TaskBase {
    virtual ~TaskBase() = default;
    virtual void run(Storage& storage) = 0;
  };
  template <class Job>
  struct Task final : TaskBase {
    explicit Task(Job j) : job(std::move(j)) {}
    void run(Storage& storage) override { job(storage); }
    Job job;
  };

  void push(std::unique_ptr<TaskBase> task);
  void loop(Storage& storage);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable idle_;
  int running_ = 0;
  std::deque<std::unique_ptr<TaskBase>> queue_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Storage>> connections_;
  std::vector<std::thread> threads_;
};

}  // namespace boxoffice
