#include "storage/open_backend.hpp"

#include "storage/postgres/postgres_backend.hpp"
#include "storage/sqlite/sqlite_backend.hpp"

namespace boxoffice {

std::unique_ptr<Backend> open_backend(const std::string& url) {
  if (url.starts_with("sqlite:")) return make_sqlite_backend(url.substr(7));
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return make_postgres_backend(url);
  throw StorageError("unknown database '" + url +
                     "': use sqlite:PATH or postgresql://USER@HOST[:PORT]/DATABASE");
}

}  // namespace boxoffice
