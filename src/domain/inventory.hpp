#pragma once
// The state of an event's places: seats one by one, standing areas by count, and what a manager
// has blocked or capped. Rules about what may change while places are held or sold live here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/layout.hpp"
#include "domain/time.hpp"

namespace boxoffice {

enum class SeatState { available, held, sold, blocked };
std::string_view to_string(SeatState state);
std::optional<SeatState> parse_seat_state(std::string_view text);
// One letter per state, for maps that spell a section's seats as one string: 'a' available,
// 'h' held, 's' sold, 'b' blocked.
char seat_state_letter(SeatState state);

struct Seat {
  std::string id;  // "<section>/<row>/<seat>"
  std::string section;
  std::string row;
  std::string seat;
  SeatState state = SeatState::available;
};

std::string seat_id(std::string_view section, std::string_view row, std::string_view seat);
// Every seat of a layout version, available, front rows first.
std::vector<Seat> seats_of(const LayoutVersion& version);

struct SectionCounts {
  std::string key;
  SectionKind kind = SectionKind::seated;
  std::int64_t places = 0;  // in the layout version
  std::optional<std::int64_t> cap;
  std::int64_t blocked = 0;
  std::int64_t held = 0;
  std::int64_t sold = 0;

  // Places a buyer could still take: within the cap, not blocked, held or sold.
  std::int64_t available() const;
  // Places not blocked, held or sold, whatever the cap: what a manager can still block.
  std::int64_t unclaimed() const { return places - blocked - held - sold; }
};

// What storage counts: seats by section and state, standing areas by their columns.
struct StoredCounts {
  std::map<std::pair<std::string, SeatState>, std::int64_t> seats;
  struct Area {
    std::int64_t held = 0, sold = 0, blocked = 0;
  };
  std::map<std::string, Area> areas;
};

// Per-section counts in the layout's order, with the event's caps applied.
std::vector<SectionCounts> count_sections(const LayoutVersion& version,
                                          const std::map<std::string, std::int64_t>& caps,
                                          const StoredCounts& stored);

// Seats or standing places set aside by a manager (production holds, camera positions, kills).
struct Block {
  std::string id;
  std::string event_id;
  std::string section;
  std::vector<std::string> seats;  // seated sections
  std::int64_t quantity = 0;       // standing areas
  std::string reason;
  TimePoint created_at;
  std::string created_by;
};

FieldErrors validate_block(const Block& block, const LayoutVersion& version);

// The 409 for a seat block of which some seats (named in `unavailable`) were taken.
Error seats_unavailable_error(FieldErrors unavailable);

// Whether `quantity` more places of a standing area can be blocked (409 "places_unavailable").
Result<void> can_block(const SectionCounts& counts, std::int64_t quantity);

// Why moving an event to `to` would lose places buyers hold or bought; empty if nothing is lost.
// `taken` are the seats held or sold now.
std::vector<std::string> places_lost(const LayoutVersion& to, const std::vector<std::string>& taken,
                                     const std::vector<SectionCounts>& counts);

// The 409 for a change refused by places_lost or caps_below_sales, each reason in the fields.
Error places_lost_error(const std::vector<std::string>& reasons);

// Why `caps` cannot apply while `counts` are held or sold; empty if they can.
std::vector<std::string> caps_below_sales(const std::map<std::string, std::int64_t>& caps,
                                          const std::vector<SectionCounts>& counts);

}  // namespace boxoffice
