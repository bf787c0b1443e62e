#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace boxoffice {

struct VenueInput {
  std::string name;
  std::string address;
  std::string timezone;  // IANA name, e.g. "Europe/Berlin"
};

struct Venue {
  std::string id;
  std::string name;
  std::string address;
  std::string timezone;
  TimePoint created_at;
};

// The time zone database is outside the domain, so the caller says which names exist.
using TimeZoneCheck = std::function<bool(std::string_view)>;

FieldErrors validate_venue(const VenueInput& venue, const TimeZoneCheck& known_timezone);

}  // namespace boxoffice
