#include <date/tz.h>

#include "app/app_env.hpp"

namespace boxoffice {

bool is_iana_timezone(std::string_view name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace boxoffice
