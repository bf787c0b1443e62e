#include "storage/write/hold_end.hpp"

#include <map>

namespace boxoffice {
namespace {

std::map<std::string, std::int64_t> standing_places(const Hold& h) {
  std::map<std::string, std::int64_t> out;  // in section order: the areas' lock order
  for (const auto& item : h.items)
    if (item.seat_id.empty()) out[item.section] += item.quantity;
  return out;
}

std::vector<std::string> seats_of(const Hold& h) {
  std::vector<std::string> out;
  for (const auto& item : h.items)
    if (!item.seat_id.empty()) out.push_back(item.seat_id);
  return out;
}

// Ends `holds`, all active and locked, as `why`, and frees their places.
void end_locked(SaleRows& rows, const std::vector<Hold>& holds, HoldStatus why) {
  std::vector<std::string> ids;
  for (const auto& h : holds) ids.push_back(h.id);
  if (rows.end_holds(ids, why) != ids.size())
    throw StorageError("a hold locked to be ended changed under its lock");
  // Areas are shared by every buyer: freed summed per event and section, in that order (the
  // order hold batches lock them in), so that two transactions never wait on each other in a
  // cycle. Seats are freed only by their holder, so their order does not matter.
  std::map<std::string, std::map<std::string, std::int64_t>> areas;
  for (const auto& h : holds) {
    rows.free_seats(h.event_id, h.id, seats_of(h));
    for (const auto& [section, places] : standing_places(h)) areas[h.event_id][section] += places;
  }
  for (const auto& [event_id, places] : areas) rows.free_areas(event_id, places);
}

}  // namespace

bool end_hold(SaleRows& rows, std::string_view id, HoldStatus why) {
  const auto h = rows.guard_hold(id);
  if (!h || h->status != HoldStatus::active) return false;
  end_locked(rows, {*h}, why);
  return true;
}

Result<Hold> release_part(SaleRows& rows, std::string_view id, const HoldRelease& release,
                          TimePoint now) {
  const auto h = rows.guard_hold(id);
  if (!h) return not_found_error("Hold '" + std::string(id) + "'");
  auto after = after_release(*h, release, now);
  if (!after) return after;
  if (after.value().status == HoldStatus::released) {
    end_locked(rows, {*h}, HoldStatus::released);
    return after;
  }
  if (rows.free_seats(h->event_id, h->id, release.seats) != release.seats.size())
    throw StorageError("a seat of hold '" + h->id + "' is not held by it");
  std::map<std::string, std::int64_t> fewer;
  for (const auto& item : release.items) fewer[item.section] += item.quantity;
  rows.free_areas(h->event_id, fewer);
  rows.rewrite_items(after.value());
  return after;
}

std::size_t release_event_holds(SaleRows& rows, std::string_view event_id, std::size_t max) {
  if (max == 0) return 0;
  auto held = rows.guard_event_holds(event_id, max);
  if (!held.empty()) end_locked(rows, held, HoldStatus::released);
  return held.size();
}

std::vector<Hold> expire_holds(SaleRows& rows, TimePoint now, std::size_t max) {
  if (max == 0) return {};
  auto due = rows.guard_due_holds(now, max);
  if (!due.empty()) end_locked(rows, due, HoldStatus::expired);
  return due;
}

}  // namespace boxoffice
