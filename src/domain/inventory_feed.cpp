#include "domain/inventory_feed.hpp"

#include <algorithm>

namespace boxoffice {

std::optional<InventoryChange::Kind> parse_change_kind(std::string_view text) {
  if (text == "seat") return InventoryChange::Kind::seat;
  if (text == "area") return InventoryChange::Kind::area;
  if (text == "event") return InventoryChange::Kind::event;
  return std::nullopt;
}

InventoryState::InventoryState(InventorySnapshot snapshot)
    : seq_(snapshot.seq), seats_(std::move(snapshot.seats)) {
  by_id_.reserve(seats_.size());
  for (std::size_t i = 0; i < seats_.size(); ++i) {
    const Seat& s = seats_[i];
    by_id_.emplace(s.id, i);
    by_section_[s.section].push_back(i);
    ++counts_.seats[{s.section, s.state}];
  }
  counts_.areas = std::move(snapshot.areas);
}

std::optional<SeatState> InventoryState::seat_state(const std::string& id) const {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return seats_[it->second].state;
}

std::vector<Seat> InventoryState::seats(std::string_view section) const {
  std::vector<Seat> out;
  if (auto it = by_section_.find(section); it != by_section_.end()) {
    out.reserve(it->second.size());
    for (auto i : it->second) out.push_back(seats_[i]);
  }
  return out;
}

bool InventoryState::apply(const std::vector<InventoryChange>& changes, InventoryUpdate& update) {
  const bool event_changed = std::any_of(changes.begin(), changes.end(), [](const auto& c) {
    return c.kind == InventoryChange::Kind::event;
  });
  if (event_changed) return false;
  for (const auto& c : changes) {
    if (c.seq <= seq_) continue;  // already applied
    seq_ = c.seq;
    if (c.kind == InventoryChange::Kind::area) {
      counts_.areas[c.item] = c.area;
      update.sections.insert(c.item);
      continue;
    }
    auto it = by_id_.find(c.item);
    if (it == by_id_.end()) continue;  // a seat of another layout version, gone with a reset
    Seat& seat = seats_[it->second];
    if (seat.state != c.state) {
      --counts_.seats[{seat.section, seat.state}];
      ++counts_.seats[{seat.section, c.state}];
      seat.state = c.state;
    }
    update.seats.emplace_back(c.item, c.state);
    update.sections.insert(seat.section);
  }
  update.seq = seq_;
  return true;
}

void InventoryState::note_held(const Hold& hold) {
  for (const auto& item : hold.items) {
    const auto it = by_id_.find(item.seat_id);
    if (it == by_id_.end()) continue;
    Seat& seat = seats_[it->second];
    if (seat.state != SeatState::available) continue;
    --counts_.seats[{seat.section, seat.state}];
    ++counts_.seats[{seat.section, SeatState::held}];
    seat.state = SeatState::held;
  }
}

}  // namespace boxoffice
