#pragma once
// The backend the storage contract runs against, from `--backend=sqlite|postgres`.
#include <string>
#include <utility>
#include <vector>

#include "domain/layout.hpp"

namespace boxoffice {

const std::string& contract_backend();

// Shared helpers of the contract suites.
inline TimePoint at(const char* rfc3339) {
  return *parse_rfc3339(rfc3339);
}

// A seated section with rows of "1".."n" seats, e.g. {{"A", 10}, {"B", 12}}.
inline Section seated(std::string key, const std::vector<std::pair<std::string, int>>& rows) {
  Section s{key, "Section " + key, SectionKind::seated, {}, 0, std::nullopt};
  for (const auto& [label, seats] : rows) {
    Row row{label, {}};
    for (int n = 1; n <= seats; ++n) row.seats.push_back(std::to_string(n));
    s.rows.push_back(row);
  }
  return s;
}

inline Section standing(std::string key, std::int64_t capacity) {
  return {key, "Floor " + key, SectionKind::standing, {}, capacity, std::nullopt};
}

}  // namespace boxoffice
