#include "app/storage_workers.hpp"

namespace boxoffice {

StorageWorkers::StorageWorkers(Backend& backend, int threads) {
  for (int i = 0; i < threads; ++i) connections_.push_back(backend.connect());
  for (auto& connection : connections_)
    threads_.emplace_back([this, storage = connection.get()] { loop(*storage); });
}

StorageWorkers::~StorageWorkers() {
  stop();
}

void StorageWorkers::push(std::unique_ptr<TaskBase> task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void StorageWorkers::loop(Storage& storage) {
  for (;;) {
    std::unique_ptr<TaskBase> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    task->run(storage);
    task.reset();
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    idle_.notify_all();
  }
}

void StorageWorkers::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
}

void StorageWorkers::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  connections_.clear();
}

}  // namespace boxoffice
