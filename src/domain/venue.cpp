#include "domain/venue.hpp"

namespace boxoffice {

FieldErrors validate_venue(const VenueInput& v, const TimeZoneCheck& known_timezone) {
  FieldErrors errors;
  if (v.name.empty()) {
    errors["name"] = "is required";
  } else if (v.name.size() > 200) {
    errors["name"] = "must have at most 200 characters";
  }
  if (v.address.size() > 500) errors["address"] = "must have at most 500 characters";
  if (v.timezone.empty()) {
    errors["timezone"] = "is required (an IANA time zone such as Europe/Berlin)";
  } else if (!known_timezone(v.timezone)) {
    errors["timezone"] = "'" + v.timezone + "' is not an IANA time zone (e.g. America/New_York)";
  }
  return errors;
}

}  // namespace boxoffice
