#include "storage/sqlite/group_commit.hpp"

#include <chrono>
#include <exception>
#include <memory>

#include "app/storage.hpp"

namespace boxoffice::sqlite {

GroupCommit::GroupCommit(const std::string& path, bool full_sync) : connection_(path, full_sync) {
  connection_.exec("PRAGMA wal_autocheckpoint = 0");
  checkpointer_ = std::thread([this, path, full_sync] { checkpoints(path, full_sync); });
}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  checkpointer_.join();
}

void GroupCommit::checkpoints(const std::string& path, bool full_sync) {
  std::unique_ptr<Connection> db;
  std::unique_lock lock(mutex_);
  while (!stop_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; })) {
    lock.unlock();
    try {
      if (!db) db = std::make_unique<Connection>(path, full_sync);
      db->exec("PRAGMA wal_checkpoint(PASSIVE)");  // never waits for writers or readers
    } catch (const StorageError&) {
      db.reset();  // try again with a fresh connection next time
    }
    lock.lock();
  }
}

Connection& GroupCommit::enter() {
  std::unique_lock lock(mutex_);
  ++waiting_;
  arrived_.notify_one();
  turn_.wait(lock, [this] { return !busy_; });
  --waiting_;
  busy_ = true;
  if (!in_batch_) {
    lock.unlock();
    try {
      connection_.run("BEGIN IMMEDIATE");  // waits (busy timeout) for writers of other processes
    } catch (...) {
      lock.lock();
      busy_ = false;
      turn_.notify_all();
      throw;
    }
    lock.lock();
    in_batch_ = true;
    ++batch_;
  }
  return connection_;
}

bool GroupCommit::leave(bool broken) {
  std::unique_lock lock(mutex_);
  batch_broken_ = batch_broken_ || broken;
  const auto mine = batch_;
  ++members_;
  // A moment's wait for the writes that are on their way costs little latency and saves a
  // commit for each of them.
  if (waiting_ == 0 && members_ < kMaxBatch && !batch_broken_)
    arrived_.wait_for(lock, kLinger, [this] { return waiting_ > 0; });
  if (waiting_ > 0 && members_ < kMaxBatch && !batch_broken_) {
    busy_ = false;
    turn_.notify_all();
    turn_.wait(lock, [&] { return finished_ >= mine; });
    return !failed_.count(mine);
  }
  bool ok = !batch_broken_;
  lock.unlock();  // still busy_: nobody writes while the batch ends
  try {
    connection_.run(ok ? "COMMIT" : "ROLLBACK");
  } catch (const StorageError&) {
    ok = false;
    try {
      connection_.run("ROLLBACK");
    } catch (const StorageError&) {
      // Nothing more can be done; a failed COMMIT already ended the transaction in most cases.
    }
  }
  lock.lock();
  if (!ok) {
    failed_.insert(mine);
    if (failed_.size() > 1024) failed_.erase(failed_.begin());
  }
  in_batch_ = false;
  batch_broken_ = false;
  members_ = 0;
  finished_ = mine;
  busy_ = false;
  turn_.notify_all();
  return ok;
}

WriteTransaction::WriteTransaction(Connection*& db, GroupCommit& group)
    : db_(db), own_(db), group_(group) {
  Connection& shared = group_.enter();
  try {
    shared.run("SAVEPOINT write");
  } catch (...) {
    group_.leave(true);
    throw;
  }
  db_ = &shared;
}

void WriteTransaction::commit() {
  db_->run("RELEASE write");
  kept_ = true;
}

WriteTransaction::~WriteTransaction() noexcept(false) {
  bool broken = false;
  if (!kept_) {
    try {
      db_->run("ROLLBACK TO write");
      db_->run("RELEASE write");
    } catch (const StorageError&) {
      broken = true;
    }
  }
  db_ = own_;
  const bool committed = group_.leave(broken);
  if (kept_ && !committed && std::uncaught_exceptions() == 0)
    throw StorageError("SQLite: the batch this write was in could not be committed");
}

}  // namespace boxoffice::sqlite
