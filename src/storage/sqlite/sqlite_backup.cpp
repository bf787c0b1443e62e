#include "storage/sqlite/sqlite_backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "app/storage.hpp"

namespace boxoffice {
namespace {

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Database open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Database owned(db, &sqlite3_close);
  if (rc != SQLITE_OK)
    throw StorageError("cannot open SQLite database '" + path +
                       "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
  // Writers hold the lock only for a commit; the backup waits for them rather than failing.
  sqlite3_busy_timeout(db, 10'000);
  return owned;
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw StorageError(std::string("SQLite backup: ") + why);
  }
}

// "ok", or the first problem PRAGMA integrity_check names.
std::string integrity(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK)
    throw StorageError(std::string("SQLite backup: ") + sqlite3_errmsg(db));
  std::string first = "no answer";
  if (sqlite3_step(stmt) == SQLITE_ROW)
    first = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return first;
}

// Copies in steps of this many pages (4 MiB of 4 KiB pages), so that no single call holds the
// source's lock for long.
constexpr int kPagesPerStep = 1024;

}  // namespace

SqliteBackupResult backup_sqlite(const std::string& source, const std::string& destination) {
  // Without SQLITE_OPEN_CREATE: a mistyped path must fail, not back up a new empty database.
  auto from = open(source, SQLITE_OPEN_READWRITE);
  // A read transaction held across every step pins one snapshot of the WAL database: the servers
  // keep committing (WAL writers do not wait for readers) and the backup neither sees their pages
  // nor restarts because of them, as it would between steps of its own short reads.
  exec(from.get(), "BEGIN; SELECT count(*) FROM sqlite_schema;");

  const std::string partial = destination + ".partial";
  std::filesystem::remove(partial);
  SqliteBackupResult result;
  {
    auto to = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!backup) throw StorageError(std::string("SQLite backup: ") + sqlite3_errmsg(to.get()));
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      rc = sqlite3_backup_step(backup, kPagesPerStep);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    result.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      const std::string why = sqlite3_errstr(rc);
      to.reset();
      std::filesystem::remove(partial);
      throw StorageError("SQLite backup of '" + source + "' failed: " + why);
    }
    // The copy is one self-contained file: a backup moved alone must not miss a -wal beside it.
    exec(to.get(), "PRAGMA journal_mode = DELETE");
    const std::string check = integrity(to.get());
    if (check != "ok") {
      to.reset();
      std::filesystem::remove(partial);
      throw StorageError("SQLite backup of '" + source + "' fails its integrity check: " + check);
    }
  }
  exec(from.get(), "COMMIT");
  std::filesystem::rename(partial, destination);
  result.bytes = static_cast<std::int64_t>(std::filesystem::file_size(destination));
  return result;
}

}  // namespace boxoffice
