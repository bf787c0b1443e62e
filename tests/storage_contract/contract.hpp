#pragma once
// The backend the storage contract runs against, from `--backend=sqlite|postgres`.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/security.hpp"
#include "app/storage.hpp"
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

// A buyer account with a unique e-mail, ready to insert.
inline StoredAccount test_account(const std::string& name) {
  return {{security::new_id("acc"), name + "." + security::new_id("x") + "@example.com", name,
           Role::buyer, at("2026-01-04T00:00:00Z")},
          "not-a-real-hash"};
}

// An event on sale from March to its show on 2026-06-01, pinned to version 1, ready to insert.
inline Event test_event(const std::string& venue_id, const std::string& layout_id,
                        std::map<std::string, std::int64_t> caps = {}) {
  Event e;
  e.id = security::new_id("evt");
  e.name = "Show";
  e.starts_at = at("2026-06-01T19:30:00Z");
  e.doors_at = e.starts_at - std::chrono::hours(1);
  e.venue_id = venue_id;
  e.layout_id = layout_id;
  e.sales_open_at = at("2026-03-01T10:00:00Z");
  e.sales_close_at = e.starts_at;
  e.max_tickets_per_buyer = 6;
  e.currency = "EUR";
  e.hold_seconds = 900;
  e.layout_version = 1;
  e.status = EventStatus::on_sale;
  e.created_at = at("2026-03-01T09:00:00Z");
  e.updated_at = e.created_at;
  e.section_caps = std::move(caps);
  return e;
}

}  // namespace boxoffice
