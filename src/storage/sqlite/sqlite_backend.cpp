#include "storage/sqlite/sqlite_backend.hpp"

#include <mutex>
#include <set>

#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice {
namespace {

using sqlite::Connection;
using sqlite::Transaction;

class SqliteBackend final : public Backend {
 public:
  SqliteBackend(std::string path, bool full_sync) : path_(std::move(path)), full_sync_(full_sync) {}

  std::string_view name() const override { return "sqlite"; }

  void migrate() override {
    Connection db(path_, full_sync_);
    Transaction tx(db, Transaction::write);
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    // Each migration not applied yet, not only those above the newest applied: branches that
    // each added one may land in any order.
    for (const auto& m : sqlite_migrations()) {
      auto applied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
      if (applied.bind(1, std::int64_t{m.version}).step()) continue;
      db.exec(std::string(m.sql).c_str());
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, unixepoch())")
          .bind(1, std::int64_t{m.version})
          .run();
    }
    tx.commit();
  }

  std::unique_ptr<Storage> connect() override {
    std::shared_ptr<sqlite::GroupCommit> writer;
    {
      std::lock_guard lock(mutex_);
      if (!writer_) writer_ = std::make_shared<sqlite::GroupCommit>(path_, full_sync_);
      writer = writer_;
    }
    return std::make_unique<sqlite::SqliteStorage>(path_, full_sync_, std::move(writer));
  }

 private:
  std::string path_;
  bool full_sync_;
  std::mutex mutex_;
  std::shared_ptr<sqlite::GroupCommit> writer_;  // every connection of this process writes here
};

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend(const std::string& spec) {
  const auto q = spec.find('?');
  const std::string path = spec.substr(0, q);
  const std::string options = q == std::string::npos ? "" : spec.substr(q + 1);
  if (path.empty()) throw StorageError("sqlite: needs a file path, e.g. sqlite:data/boxoffice.db");
  if (!options.empty() && options != "sync=full" && options != "sync=normal")
    throw StorageError("unknown SQLite option '" + options + "': use ?sync=full or ?sync=normal");
  return std::make_unique<SqliteBackend>(path, options == "sync=full");
}

}  // namespace boxoffice
