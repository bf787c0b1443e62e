#include "domain/hold.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace boxoffice {

void end_with_earlier_holds(Hold& hold, std::optional<TimePoint> earliest_active) {
  if (earliest_active && *earliest_active < hold.expires_at) hold.expires_at = *earliest_active;
}

std::string_view to_string(HoldStatus status) {
  switch (status) {
    case HoldStatus::active:
      return "active";
    case HoldStatus::released:
      return "released";
    case HoldStatus::expired:
      return "expired";
    case HoldStatus::purchased:
      return "purchased";
  }
  return "active";
}

std::optional<HoldStatus> parse_hold_status(std::string_view text) {
  for (auto s :
       {HoldStatus::active, HoldStatus::released, HoldStatus::expired, HoldStatus::purchased})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::int64_t Hold::places() const {
  std::int64_t n = 0;
  for (const auto& item : items) n += item.quantity;
  return n;
}

FieldErrors validate_hold_request(const HoldRequest& r, const LayoutVersion& version) {
  FieldErrors e;
  if (!r.seats.empty() && (!r.section.empty() || r.quantity != 0)) {
    e["seats"] = "give either seats, or a section and a quantity, not both";
    return e;
  }
  if (r.seats.empty()) {
    if (r.section.empty())
      e["section"] = "is required (or name seats)";
    else if (!version.section(r.section))
      e["section"] = "the event has no section '" + r.section + "'";
    if (r.quantity < 1 || r.quantity > kMaxPlacesPerHold)
      e["quantity"] = "must be between 1 and " + std::to_string(kMaxPlacesPerHold);
    return e;
  }
  if (static_cast<std::int64_t>(r.seats.size()) > kMaxPlacesPerHold)
    e["seats"] = "at most " + std::to_string(kMaxPlacesPerHold) + " seats at once";
  std::set<std::string> seen;
  for (std::size_t i = 0; i < r.seats.size(); ++i) {
    const std::string field = "seats[" + std::to_string(i) + "]";
    if (!version.has_seat(r.seats[i]))
      e[field] = "the event has no seat '" + r.seats[i] + "'";
    else if (!seen.insert(r.seats[i]).second)
      e[field] = "is named twice";
  }
  return e;
}

Result<void> within_buyer_limit(std::int64_t held_or_bought, std::int64_t requested, int limit) {
  if (held_or_bought + requested <= limit) return {};
  return Error{ErrorKind::conflict,
               "limit_exceeded",
               "At most " + std::to_string(limit) +
                   " tickets per buyer for this event; you hold "
                   "or bought " +
                   std::to_string(held_or_bought) + ".",
               {{"limit", std::to_string(limit)}}};
}

Result<Hold> after_release(const Hold& hold, const HoldRelease& release, TimePoint now) {
  if (!hold.active_at(now))
    return hold_not_active_error(hold.status == HoldStatus::active ? HoldStatus::expired
                                                                   : hold.status);
  std::set<std::string> held_seats;
  std::map<std::string, std::int64_t> held_places;  // standing area -> places held there
  for (const auto& item : hold.items) {
    if (item.seat_id.empty())
      held_places[item.section] += item.quantity;
    else
      held_seats.insert(item.seat_id);
  }

  FieldErrors e;
  if (release.seats.empty() && release.items.empty())
    e["seats"] = "name seats of the hold, or items (a standing section and a quantity), to release";
  std::set<std::string> seats;
  for (std::size_t i = 0; i < release.seats.size(); ++i) {
    const std::string field = "seats[" + std::to_string(i) + "]";
    if (!held_seats.count(release.seats[i]))
      e[field] = "is not in this hold";
    else if (!seats.insert(release.seats[i]).second)
      e[field] = "is named twice";
  }
  std::map<std::string, std::int64_t> fewer;  // standing area -> places to let go
  for (std::size_t i = 0; i < release.items.size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "]";
    const auto& item = release.items[i];
    const auto held = held_places.find(item.section);
    if (item.section.empty()) {
      e[field + ".section"] = "is required";
    } else if (held == held_places.end()) {
      e[field + ".section"] = "is not a standing area of this hold";
    } else if (fewer.count(item.section)) {
      e[field + ".section"] = "is named twice";
    } else if (item.quantity < 1 || item.quantity > held->second) {
      e[field + ".quantity"] = "must be between 1 and the " + std::to_string(held->second) +
                               (held->second == 1 ? " place held" : " places held");
    } else {
      fewer[item.section] = item.quantity;
    }
  }
  if (!e.empty()) return validation_error(std::move(e));

  Hold after = hold;
  after.items.clear();
  for (auto item : hold.items) {
    if (!item.seat_id.empty()) {
      if (!seats.count(item.seat_id)) after.items.push_back(std::move(item));
      continue;
    }
    if (auto it = fewer.find(item.section); it != fewer.end()) {
      const auto gone = std::min(it->second, item.quantity);
      item.quantity -= gone;
      it->second -= gone;
    }
    if (item.quantity > 0) after.items.push_back(std::move(item));
  }
  if (after.items.empty()) {
    after.items = hold.items;
    after.status = HoldStatus::released;
  }
  return after;
}

Error hold_not_active_error(HoldStatus status) {
  return {ErrorKind::conflict,
          "hold_not_active",
          "This hold has already ended (" + std::string(to_string(status)) + ").",
          {}};
}

Error seats_taken_error(FieldErrors taken) {
  return {ErrorKind::conflict, "seats_unavailable",
          "Some of these seats were just taken; nothing was held.", std::move(taken)};
}

Error standing_full_error(const SectionCounts& c) {
  return {ErrorKind::conflict,
          "seats_unavailable",
          "Only " + std::to_string(c.available()) + " places are left in " + c.key + ".",
          {{c.key, "only " + std::to_string(c.available()) + " available"}}};
}

namespace {

// A run of consecutive available seats in one row: [first, first + length).
struct Run {
  std::size_t row;
  std::size_t first;
  std::size_t length;
};

}  // namespace

std::vector<std::string> best_available(const Section& section, const std::vector<Seat>& seats,
                                        std::int64_t n) {
  if (n <= 0) return {};
  std::set<std::string> free;
  for (const auto& s : seats)
    if (s.state == SeatState::available) free.insert(s.id);
  if (static_cast<std::int64_t>(free.size()) < n) return {};
  const auto need = static_cast<std::size_t>(n);

  std::vector<Run> runs;
  for (std::size_t r = 0; r < section.rows.size(); ++r) {
    const auto& row = section.rows[r];
    for (std::size_t i = 0; i < row.seats.size();) {
      if (!free.count(seat_id(section.key, row.label, row.seats[i]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < row.seats.size() && free.count(seat_id(section.key, row.label, row.seats[j]))) ++j;
      runs.push_back({r, i, j - i});
      i = j;
    }
  }
  // In one row: the front-most row with an offset that strands no single seat, nearest the
  // row's middle; failing that, the front-most row at all.
  std::optional<std::pair<std::size_t, std::size_t>> best, fallback;  // row, first seat
  double best_distance = 0;
  for (const auto& run : runs) {
    if (run.length < need) continue;
    if (!fallback) fallback = {run.row, run.first};
    if (best && run.row > best->first) break;
    const double middle = (section.rows[run.row].seats.size() - need) / 2.0;
    for (std::size_t off = 0; off + need <= run.length; ++off) {
      const std::size_t left = off, right = run.length - off - need;
      if (left == 1 || right == 1) continue;
      const double distance = std::abs(static_cast<double>(run.first + off) - middle);
      if (!best || distance < best_distance) {
        best = {run.row, run.first + off};
        best_distance = distance;
      }
    }
  }
  std::vector<std::string> out;
  if (auto pick = best ? best : fallback) {
    const auto& row = section.rows[pick->first];
    for (std::size_t i = 0; i < need; ++i)
      out.push_back(seat_id(section.key, row.label, row.seats[pick->second + i]));
    return out;
  }
  // No row has room for everyone together: the front-most seats, row by row.
  for (const auto& run : runs) {
    const auto& row = section.rows[run.row];
    for (std::size_t i = 0; i < run.length && out.size() < need; ++i)
      out.push_back(seat_id(section.key, row.label, row.seats[run.first + i]));
    if (out.size() == need) break;
  }
  return out;
}

}  // namespace boxoffice
