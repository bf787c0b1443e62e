#include "app/hold_writer.hpp"

#include <exception>

namespace boxoffice {

HoldWriter::HoldWriter(Backend& backend) : backend_(backend) {
  thread_ = std::thread([this] { loop(); });
}

HoldWriter::~HoldWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<Hold> HoldWriter::place(HoldPlacement placement) {
  auto pending = std::make_unique<Pending>(Pending{std::move(placement), {}});
  auto answer = pending->answer.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw StorageError("the hold writer has stopped");
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return answer.get();
}

void HoldWriter::loop() {
  std::unique_ptr<Storage> storage;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything asked for has been answered
    std::vector<std::unique_ptr<Pending>> batch;
    const auto n = std::min(queue_.size(), kMaxBatch);
    batch.insert(batch.end(), std::make_move_iterator(queue_.begin()),
                 std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    try {
      if (!storage) storage = backend_.connect();
      write(*storage, batch);
    } catch (const std::exception&) {
      storage.reset();  // a fresh connection for the next batch
      for (auto& p : batch) {
        try {
          p->answer.set_exception(std::current_exception());
        } catch (const std::future_error&) {
          // Answered before the failure.
        }
      }
    }
    lock.lock();
  }
}

void HoldWriter::write(Storage& storage, std::vector<std::unique_ptr<Pending>>& batch) {
  std::vector<HoldPlacement> placements;
  placements.reserve(batch.size());
  for (auto& p : batch) placements.push_back(p->placement);
  std::vector<Result<Hold>> placed;
  try {
    placed = storage.insert_holds(placements);
  } catch (const StorageError&) {
    if (batch.size() == 1) throw;
    // Whatever broke the batch breaks only its own hold: each is tried again alone.
    for (auto& p : batch) {
      try {
        p->answer.set_value(std::move(storage.insert_holds({p->placement}).front()));
      } catch (const std::exception&) {
        p->answer.set_exception(std::current_exception());
      }
    }
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->answer.set_value(std::move(placed[i]));
}

}  // namespace boxoffice
