#pragma once
// Places holds in batches. Request threads hand their decided holds to one writer thread, which
// takes everything waiting (up to kMaxBatch) and places it with Storage::insert_holds through a
// connection of its own: one transaction, and on PostgreSQL a handful of round trips, for the
// whole batch, so that a rush costs the database one commit per batch instead of one per hold.
// Each caller waits until its batch has committed: nothing is answered before it is durable.
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "app/storage.hpp"

namespace boxoffice {

class HoldWriter {
 public:
  explicit HoldWriter(Backend& backend);
  ~HoldWriter();
  HoldWriter(const HoldWriter&) = delete;
  HoldWriter& operator=(const HoldWriter&) = delete;

  // The placement's answer once its batch has committed; throws StorageError when it could not be
  // written.
  Result<Hold> place(HoldPlacement placement);

 private:
  static constexpr std::size_t kMaxBatch = 256;
  struct Pending {
    HoldPlacement placement;
    std::promise<Result<Hold>> answer;
  };
  void loop();
  void write(Storage& storage, std::vector<std::unique_ptr<Pending>>& batch);

  Backend& backend_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace boxoffice
