#pragma once
// The schema of each backend as numbered SQL scripts (embedded from */migrations/*.sql).
#include <span>
#include <string_view>

namespace boxoffice {

struct Migration {
  int version;
  std::string_view sql;
};

std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();

}  // namespace boxoffice
