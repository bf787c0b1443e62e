#pragma once
#include <cstdint>
#include <string>

namespace boxoffice {

struct SqliteBackupResult {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
};

// Copies the SQLite database at `source` (a file path, as in "sqlite:PATH") to `destination` while
// servers keep writing to it, with SQLite's online backup API. The copy is one consistent
// snapshot: every transaction committed before the call began is in it, none half-written. It is
// written beside `destination` first, checked with PRAGMA integrity_check and then renamed into
// place, so that `destination` is never a partial copy. Throws StorageError on any failure (a
// missing source, a full disk, a failed check).
SqliteBackupResult backup_sqlite(const std::string& source, const std::string& destination);

}  // namespace boxoffice
