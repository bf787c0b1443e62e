#include "storage/migrations.hpp"

#include <array>

namespace boxoffice::embedded {
extern const std::string_view sqlite_001_init;
extern const std::string_view sqlite_002_events;
extern const std::string_view postgres_001_init;
extern const std::string_view postgres_002_events;
}  // namespace boxoffice::embedded

namespace boxoffice {

std::span<const Migration> sqlite_migrations() {
  static const std::array list{Migration{1, embedded::sqlite_001_init},
                               Migration{2, embedded::sqlite_002_events}};
  return list;
}

std::span<const Migration> postgres_migrations() {
  static const std::array list{Migration{1, embedded::postgres_001_init},
                               Migration{2, embedded::postgres_002_events}};
  return list;
}

}  // namespace boxoffice
