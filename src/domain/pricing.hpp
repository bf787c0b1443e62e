#pragma once
// Ticket types and what a place costs with each of them.
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/layout.hpp"
#include "domain/money.hpp"
#include "domain/time.hpp"

namespace boxoffice {

// A price for some sections (and optionally only some of their rows), so front rows can cost
// more. The first matching level sets the price; none matching leaves the ticket type's price.
struct PriceLevel {
  std::vector<std::string> sections;
  std::vector<std::string> rows;  // empty: every row
  Minor price = 0;
};

struct TicketType {
  std::string id;
  std::string event_id;
  std::string name;
  Minor price = 0;
  std::vector<std::string> sections;  // where it is valid; empty: everywhere
  std::optional<std::int64_t> quota;  // most tickets of this type; none: no limit
  std::vector<Fee> fees;
  std::vector<PriceLevel> levels;
  TimePoint created_at;

  bool valid_for(std::string_view section) const;
  Minor price_for(std::string_view section, std::string_view row) const;
  Minor fees_for(Minor price) const;
};

inline constexpr Minor kMaxPrice = 100'000'000;  // one million in major units

// Names every bad field; section and row names are checked against the event's layout version.
FieldErrors validate_ticket_type(const TicketType& type, const LayoutVersion& layout);

// The prices a section can be bought at, lowest first, for showing to buyers.
std::vector<Minor> section_prices(const std::vector<TicketType>& types, const Section& section);

}  // namespace boxoffice
