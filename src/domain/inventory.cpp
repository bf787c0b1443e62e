#include "domain/inventory.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace boxoffice {

std::string_view to_string(SeatState state) {
  switch (state) {
    case SeatState::available:
      return "available";
    case SeatState::held:
      return "held";
    case SeatState::sold:
      return "sold";
    case SeatState::blocked:
      return "blocked";
  }
  return "available";
}

std::optional<SeatState> parse_seat_state(std::string_view text) {
  for (auto s : {SeatState::available, SeatState::held, SeatState::sold, SeatState::blocked})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

char seat_state_letter(SeatState state) {
  return to_string(state).front();
}

std::string seat_id(std::string_view section, std::string_view row, std::string_view seat) {
  std::string id;
  id.reserve(section.size() + row.size() + seat.size() + 2);
  id.append(section).append("/").append(row).append("/").append(seat);
  return id;
}

std::vector<Seat> seats_of(const LayoutVersion& version) {
  std::vector<Seat> out;
  for (const auto& s : version.sections)
    for (const auto& row : s.rows)
      for (const auto& seat : row.seats)
        out.push_back(
            {seat_id(s.key, row.label, seat), s.key, row.label, seat, SeatState::available});
  return out;
}

std::int64_t SectionCounts::available() const {
  std::int64_t limit = places - blocked;
  if (cap) limit = std::min(limit, *cap);
  return std::max<std::int64_t>(0, limit - held - sold);
}

std::vector<SectionCounts> count_sections(const LayoutVersion& version,
                                          const std::map<std::string, std::int64_t>& caps,
                                          const StoredCounts& stored) {
  std::vector<SectionCounts> out;
  for (const auto& s : version.sections) {
    SectionCounts c{s.key, s.kind, s.places(), std::nullopt, 0, 0, 0};
    if (auto cap = caps.find(s.key); cap != caps.end()) c.cap = cap->second;
    if (s.kind == SectionKind::standing) {
      if (auto a = stored.areas.find(s.key); a != stored.areas.end()) {
        c.held = a->second.held;
        c.sold = a->second.sold;
        c.blocked = a->second.blocked;
      }
    } else {
      auto n = [&](SeatState state) {
        auto it = stored.seats.find({s.key, state});
        return it == stored.seats.end() ? std::int64_t{0} : it->second;
      };
      c.held = n(SeatState::held);
      c.sold = n(SeatState::sold);
      c.blocked = n(SeatState::blocked);
    }
    out.push_back(std::move(c));
  }
  return out;
}

FieldErrors validate_block(const Block& b, const LayoutVersion& version) {
  FieldErrors e;
  if (b.reason.size() > 200) e["reason"] = "must have at most 200 characters";
  const Section* s = version.section(b.section);
  if (!s) {
    e["section"] =
        b.section.empty() ? "is required" : "the layout has no section '" + b.section + "'";
    return e;
  }
  if (s->kind == SectionKind::standing) {
    if (!b.seats.empty()) e["seats"] = "a standing area is blocked by quantity";
    if (b.quantity < 1 || b.quantity > s->capacity)
      e["quantity"] = "must be between 1 and " + std::to_string(s->capacity);
    return e;
  }
  if (b.quantity != 0) e["quantity"] = "seats are blocked by name, not quantity";
  if (b.seats.empty()) e["seats"] = "name at least one seat";
  std::set<std::string> known, seen;
  for (const auto& row : s->rows)
    for (const auto& seat : row.seats) known.insert(seat_id(s->key, row.label, seat));
  for (std::size_t i = 0; i < b.seats.size(); ++i) {
    const std::string field = "seats[" + std::to_string(i) + "]";
    if (!known.count(b.seats[i]))
      e[field] = "section '" + b.section + "' has no seat '" + b.seats[i] + "'";
    else if (!seen.insert(b.seats[i]).second)
      e[field] = "is named twice";
  }
  return e;
}

Error seats_unavailable_error(FieldErrors unavailable) {
  return {ErrorKind::conflict, "places_unavailable",
          "Some seats are not available, so none were blocked.", std::move(unavailable)};
}

Result<void> can_block(const SectionCounts& c, std::int64_t quantity) {
  if (c.unclaimed() >= quantity) return {};
  return Error{
      ErrorKind::conflict,
      "places_unavailable",
      "Only " + std::to_string(c.unclaimed()) + " places of " + c.key + " are free to block.",
      {{"quantity", "at most " + std::to_string(c.unclaimed())}}};
}

std::vector<std::string> places_lost(const LayoutVersion& to, const std::vector<std::string>& taken,
                                     const std::vector<SectionCounts>& counts) {
  std::vector<std::string> reasons;
  std::set<std::string> seats;
  for (const auto& seat : seats_of(to)) seats.insert(seat.id);
  for (const auto& id : taken)
    if (!seats.count(id))
      reasons.push_back("seat " + id + " is held or sold but not in version " +
                        std::to_string(to.version));
  for (const auto& c : counts) {
    if (c.kind != SectionKind::standing || c.held + c.sold == 0) continue;
    const Section* s = to.section(c.key);
    const std::int64_t room = s && s->kind == SectionKind::standing ? s->capacity : 0;
    if (room < c.held + c.sold)
      reasons.push_back("standing area " + c.key + " has " + std::to_string(c.held + c.sold) +
                        " places held or sold but version " + std::to_string(to.version) +
                        " allows " + std::to_string(room));
  }
  return reasons;
}

Error places_lost_error(const std::vector<std::string>& reasons) {
  FieldErrors fields;
  for (std::size_t i = 0; i < reasons.size(); ++i)
    fields["reasons[" + std::to_string(i) + "]"] = reasons[i];
  return {ErrorKind::conflict, "places_lost",
          "This change would take away places that buyers hold or bought.", std::move(fields)};
}

std::vector<std::string> caps_below_sales(const std::map<std::string, std::int64_t>& caps,
                                          const std::vector<SectionCounts>& counts) {
  std::vector<std::string> reasons;
  for (const auto& c : counts) {
    auto it = caps.find(c.key);
    if (it != caps.end() && it->second < c.held + c.sold)
      reasons.push_back("section " + c.key + " has " + std::to_string(c.held + c.sold) +
                        " places held or sold, more than the cap of " + std::to_string(it->second));
  }
  return reasons;
}

}  // namespace boxoffice
