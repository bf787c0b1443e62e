#include "storage/migrations.hpp"

#include <array>

namespace boxoffice::embedded {
extern const std::string_view sqlite_001_init;
extern const std::string_view postgres_001_init;
}  // namespace boxoffice::embedded

namespace boxoffice {

std::span<const Migration> sqlite_migrations() {
  static const std::array list{Migration{1, embedded::sqlite_001_init}};
  return list;
}

std::span<const Migration> postgres_migrations() {
  static const std::array list{Migration{1, embedded::postgres_001_init}};
  return list;
}

}  // namespace boxoffice
