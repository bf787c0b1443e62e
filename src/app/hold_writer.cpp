#include "app/hold_writer.hpp"

#include <exception>

namespace boxoffice {

HoldWriter::HoldWriter(Backend& backend, Report report, const Clock* clock)
    : backend_(backend), report_(std::move(report)), clock_(clock), storage_(backend.connect()) {
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

void HoldWriter::place(HoldPlacement placement, Placed placed) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back({std::move(placement), std::move(placed)});
      wake_.notify_one();
      return;
    }
  }
  placed(storage_unavailable_error());
}

void HoldWriter::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything handed over has been answered
    std::vector<Pending> batch;
    const auto n = std::min(queue_.size(), kMaxBatch);
    batch.insert(batch.end(), std::make_move_iterator(queue_.begin()),
                 std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    write(batch);
    ++batches_;
    holds_ += batch.size();
    lock.lock();
  }
}

void HoldWriter::write(std::vector<Pending>& batch) {
  std::vector<HoldPlacement> placements;
  placements.reserve(batch.size());
  for (auto& p : batch) placements.push_back(std::move(p.placement));
  if (clock_)
    for (auto& p : placements) p.now = clock_->now();
  std::vector<Result<Hold>> placed;
  try {
    if (!storage_) storage_ = backend_.connect();
    placed = storage_->insert_holds(placements);
  } catch (const std::exception& e) {
    // Whatever broke the batch breaks only its own hold: each is tried again alone, on a fresh
    // connection if the old one is gone.
    report_(e.what());
    placed.clear();
    for (auto& placement : placements) {
      try {
        if (!storage_) storage_ = backend_.connect();
        placed.push_back(std::move(storage_->insert_holds({placement}).front()));
      } catch (const std::exception& alone) {
        if (batch.size() > 1) report_(alone.what());
        storage_.reset();
        placed.push_back(storage_unavailable_error());
      }
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].placed(std::move(placed[i]));
}

}  // namespace boxoffice
