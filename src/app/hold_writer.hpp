#pragma once
// Places holds in batches. Request threads hand their decided holds to one writer thread, which
// takes everything waiting (up to kMaxBatch) and places it with Storage::insert_holds through a
// connection of its own: one transaction, and on PostgreSQL a handful of round trips, for the
// whole batch, so that a rush costs the database one commit per batch instead of one per hold.
// A caller is answered once its batch has committed, never before: nothing is acknowledged
// before it is durable. Callers do not wait for it, so a batch is not bounded by the number of
// threads that serve requests: during a rush it takes every hold that arrived while the last one
// was being written.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/clock.hpp"
#include "app/storage.hpp"

namespace boxoffice {

class HoldWriter {
 public:
  // Told of each batch that could not be written (its holds are answered storage_unavailable).
  using Report = std::function<void(const std::string& failure)>;
  // The placement's answer: the hold as placed, why it was refused, or storage_unavailable when
  // it could not be written. Runs on the writer's thread, so it must be short and must not throw.
  using Placed = std::function<void(Result<Hold>)>;

  // With a `clock`, each batch's placements are given its time as their `now` (which an extended
  // hold must still be active at); without one, they keep the time they came with.
  HoldWriter(Backend& backend, Report report, const Clock* clock = nullptr);
  // Answers everything handed over before it returns.
  ~HoldWriter();
  HoldWriter(const HoldWriter&) = delete;
  HoldWriter& operator=(const HoldWriter&) = delete;

  // Queues the placement and returns at once; `placed` is called exactly once.
  void place(HoldPlacement placement, Placed placed);

  // Batches written so far, and the holds in them: their ratio is the mean batch, which says how
  // much of a COMMIT each hold pays for.
  std::uint64_t batches() const { return batches_; }
  std::uint64_t holds() const { return holds_; }

 private:
  static constexpr std::size_t kMaxBatch = 256;
  struct Pending {
    HoldPlacement placement;
    Placed placed;
  };
  void loop();
  void write(std::vector<Pending>& batch);

  Backend& backend_;
  Report report_;
  const Clock* clock_;
  // The writer thread's own, opened up front (a bad database fails at start); reopened after a
  // failure.
  std::unique_ptr<Storage> storage_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> holds_{0};
  std::thread thread_;
};

}  // namespace boxoffice
