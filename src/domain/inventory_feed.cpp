#include "domain/inventory_feed.hpp"

#include <algorithm>

namespace boxoffice {

std::optional<InventoryChange::Kind> parse_change_kind(std::string_view text) {
  if (text == "seat") return InventoryChange::Kind::seat;
  if (text == "area") return InventoryChange::Kind::area;
  if (text == "event") return InventoryChange::Kind::event;
  return std::nullopt;
}

InventoryState::InventoryState(std::shared_ptr<const LayoutVersion> layout,
                               InventorySnapshot snapshot)
    : seq_(snapshot.seq), layout_(std::move(layout)) {
  std::size_t position = 0;
  for (const auto& section : layout_->sections) {
    if (section.kind != SectionKind::seated) continue;
    SectionIndex index{&section, position, position, {}};
    for (std::size_t r = 0; r < section.rows.size(); ++r) {
      const Row& row = section.rows[r];
      index.rows.try_emplace(row.label, RowIndex{r, position, counts_from(row)});
      position += row.seats.size();
    }
    index.end = position;
    sections_.try_emplace(section.key, std::move(index));
  }
  states_.assign(position, kAbsent);
  // The event's seats are its layout's; a stored seat the layout lacks (none today) is left out,
  // as the feed's changes of such a seat are.
  for (const auto& seat : snapshot.seats) {
    const auto at = place(seat.id);
    if (!at || states_[at->position] != kAbsent) continue;
    states_[at->position] = static_cast<std::uint8_t>(seat.state);
    ++counts_.seats[{*at->section, seat.state}];
  }
  counts_.areas = std::move(snapshot.areas);
}

std::optional<InventoryState::Place> InventoryState::place(std::string_view id) const {
  const auto first = id.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = id.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto section = sections_.find(id.substr(0, first));
  if (section == sections_.end()) return std::nullopt;
  const auto& rows = section->second.rows;
  const auto row = rows.find(id.substr(first + 1, second - first - 1));
  if (row == rows.end()) return std::nullopt;
  const auto label = id.substr(second + 1);
  const auto& seats = section->second.section->rows[row->second.row].seats;
  std::size_t offset = 0;
  if (const auto from = row->second.number) {
    const auto n = seat_number(label);
    if (!n || *n < *from || *n - *from >= static_cast<std::int64_t>(seats.size()))
      return std::nullopt;
    offset = static_cast<std::size_t>(*n - *from);
  } else {
    // Rows of named seats are short, and rare enough not to be worth an index of their own.
    const auto it = std::find(seats.begin(), seats.end(), label);
    if (it == seats.end()) return std::nullopt;
    offset = static_cast<std::size_t>(it - seats.begin());
  }
  return Place{&section->first, row->second.first + offset};
}

std::optional<SeatState> InventoryState::seat_state(std::string_view id) const {
  const auto at = place(id);
  return at ? state_at(at->position) : std::nullopt;
}

std::vector<Seat> InventoryState::seats(std::string_view section) const {
  std::vector<Seat> out;
  const auto it = sections_.find(section);
  if (it == sections_.end()) return out;
  const Section& s = *it->second.section;
  out.reserve(it->second.end - it->second.first);
  auto position = it->second.first;
  for (const auto& row : s.rows)
    for (const auto& label : row.seats)
      if (const auto state = state_at(position++))
        out.push_back({seat_id(s.key, row.label, label), s.key, row.label, label, *state});
  return out;
}

void InventoryState::set_state(const Place& place, SeatState state) {
  const auto was = static_cast<SeatState>(states_[place.position]);
  if (was == state) return;
  --counts_.seats[{*place.section, was}];
  ++counts_.seats[{*place.section, state}];
  states_[place.position] = static_cast<std::uint8_t>(state);
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
    const auto at = place(c.item);
    // A seat of another layout version, gone with a reset.
    if (!at || !state_at(at->position)) continue;
    set_state(*at, c.state);
    update.seats.emplace_back(c.item, c.state);
    update.sections.insert(*at->section);
  }
  update.seq = seq_;
  return true;
}

void InventoryState::note_held(const Hold& hold) {
  for (const auto& item : hold.items) {
    const auto at = place(item.seat_id);
    if (at && state_at(at->position) == SeatState::available) set_state(*at, SeatState::held);
  }
}

}  // namespace boxoffice
