#pragma once
// Group commit. SQLite runs one writer at a time and pays for every commit (WAL frames, and an
// fsync with sync=full). So every connection of a process writes through one shared connection,
// one write at a time, each write in a SAVEPOINT of a transaction shared with the writes queued
// behind it; the transaction commits when nobody else is waiting, after a short linger for writes
// on their way (or when the batch is full). A write
// that fails rolls back its savepoint only. No write returns before the COMMIT of its batch, so
// everything acknowledged is durable (against a crash; with sync=full, a power cut too).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "storage/sqlite/connection.hpp"

namespace boxoffice::sqlite {

class GroupCommit {
 public:
  // Also starts the checkpointer: a thread that copies the WAL back into the database every
  // 100 ms, so that no write waits for a checkpoint (and its fsyncs) after its commit.
  GroupCommit(const std::string& path, bool full_sync);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Waits for this thread's turn and returns the shared connection inside the open batch.
  Connection& enter();
  // Ends this thread's turn (`broken`: its savepoint could not be undone, so the whole batch must
  // go), then commits the batch or waits for whoever does. True when the batch was committed.
  bool leave(bool broken);

 private:
  static constexpr int kMaxBatch = 256;
  static constexpr std::chrono::microseconds kLinger{300};
  std::mutex mutex_;
  std::condition_variable turn_;
  std::condition_variable arrived_;  // a writer came while the last one lingered
  Connection connection_;
  bool busy_ = false;      // a thread is writing, beginning or committing
  bool in_batch_ = false;  // BEGIN IMMEDIATE done, COMMIT not yet
  bool batch_broken_ = false;
  int waiting_ = 0;
  int members_ = 0;
  std::uint64_t batch_ = 0;     // the open (or last) batch
  std::uint64_t finished_ = 0;  // the last batch committed or rolled back
  std::set<std::uint64_t> failed_;

  void checkpoints(const std::string& path, bool full_sync);
  bool stopping_ = false;
  std::condition_variable stop_;
  std::thread checkpointer_;
};

// One write through the group commit, for a SqliteStorage whose statements go through `db`: for
// its lifetime `db` points at the shared connection. commit() keeps the write; otherwise it is
// rolled back. The destructor returns once the batch is durable, and throws StorageError if the
// batch failed after this write was kept.
class WriteTransaction {
 public:
  WriteTransaction(Connection*& db, GroupCommit& group);
  ~WriteTransaction() noexcept(false);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Connection*& db_;
  Connection* own_;
  GroupCommit& group_;
  bool kept_ = false;
};

}  // namespace boxoffice::sqlite
