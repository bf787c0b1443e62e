#pragma once
// Ends holds whose time is up, without waiting for a request: every `period` it asks a storage
// worker to expire what is due. Every node runs one; expiring is conditional, so two nodes
// never free the same places twice.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/app_env.hpp"
#include "app/storage_workers.hpp"

namespace boxoffice {

class HoldSweeper {
 public:
  using Report = std::function<void(const std::vector<Hold>& expired, const char* failure)>;
  HoldSweeper(StorageWorkers& workers, const AppEnv& env, std::chrono::milliseconds period,
              Report report);
  ~HoldSweeper();
  HoldSweeper(const HoldSweeper&) = delete;
  HoldSweeper& operator=(const HoldSweeper&) = delete;

 private:
  void loop();

  StorageWorkers& workers_;
  const AppEnv& env_;
  std::chrono::milliseconds period_;
  Report report_;
  std::atomic<bool> busy_{false};  // one sweep at a time: a slow database must not pile them up
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace boxoffice
