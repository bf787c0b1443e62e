#include "app/hold_sweeper.hpp"

#include "app/holds.hpp"

namespace boxoffice {

HoldSweeper::HoldSweeper(StorageWorkers& workers, const AppEnv& env,
                         std::chrono::milliseconds period, Report report)
    : workers_(workers), env_(env), period_(period), report_(std::move(report)) {
  thread_ = std::thread([this] { loop(); });
}

HoldSweeper::~HoldSweeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  while (busy_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void HoldSweeper::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
    if (busy_.exchange(true)) continue;
    workers_.post([this](Storage& storage) {
      try {
        auto expired = holds::expire_due(storage, env_);
        if (!expired.empty()) report_(expired, nullptr);
      } catch (const std::exception& e) {
        report_({}, e.what());
      }
      busy_ = false;
    });
  }
}

}  // namespace boxoffice
