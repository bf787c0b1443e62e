#pragma once
// Times cross every boundary as whole UTC seconds; RFC 3339 is their only text form.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace boxoffice {

using TimePoint = std::chrono::sys_seconds;

// Accepts "2027-06-01T19:30:00Z", an optional fraction (dropped) and a numeric offset
// ("+02:00"); returns nothing for anything else, including impossible dates.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// Always UTC with a "Z": "2027-06-01T19:30:00Z".
std::string format_rfc3339(TimePoint t);

inline TimePoint from_unix(long long seconds) {
  return TimePoint{std::chrono::seconds{seconds}};
}
inline long long to_unix(TimePoint t) {
  return t.time_since_epoch().count();
}

}  // namespace boxoffice
