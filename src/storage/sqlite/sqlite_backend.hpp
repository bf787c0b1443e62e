#pragma once
#include <memory>
#include <string>

#include "app/storage.hpp"

namespace boxoffice {

struct SqliteSpec {
  std::string path;
  bool full_sync = false;
};

// `spec` is a file path, optionally followed by "?sync=full" or "?sync=normal". Throws
// StorageError for an empty path or another option.
SqliteSpec parse_sqlite_spec(const std::string& spec);

// `spec` is a file path, optionally followed by "?sync=full" to fsync every commit (survives a
// power cut) instead of the default "normal" (survives a crash of the process).
std::unique_ptr<Backend> make_sqlite_backend(const std::string& spec);

}  // namespace boxoffice
