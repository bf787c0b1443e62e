#include "json/seat_map_json.hpp"

#include <charconv>

namespace boxoffice::json {
namespace {

// The seat label's number if it is written as one, canonically ("7", not "07" or "+7").
std::optional<std::int64_t> number(const std::string& label) {
  if (label.empty() || (label.size() > 1 && label[0] == '0')) return std::nullopt;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(label.data(), label.data() + label.size(), n);
  if (ec != std::errc() || end != label.data() + label.size()) return std::nullopt;
  return n;
}

}  // namespace

boost::json::object compact_row_json(const Row& row) {
  const auto first = row.seats.empty() ? std::nullopt : number(row.seats.front());
  bool counting = first.has_value();
  for (std::size_t i = 0; counting && i < row.seats.size(); ++i)
    counting = number(row.seats[i]) == *first + static_cast<std::int64_t>(i);
  if (counting)
    return {{"label", row.label},
            {"from", *first},
            {"to", *first + static_cast<std::int64_t>(row.seats.size()) - 1}};
  return {{"label", row.label}, {"seats", boost::json::array(row.seats.begin(), row.seats.end())}};
}

boost::json::object seat_map_json(const EventInventory& inventory) {
  boost::json::array sections;
  for (const auto& section : inventory.version->sections) {
    if (section.kind != SectionKind::seated) continue;
    boost::json::array rows;
    std::string states;
    states.reserve(static_cast<std::size_t>(section.places()));
    for (const auto& row : section.rows) rows.push_back(compact_row_json(row));
    // Seats are stored in the layout's order; each is checked against it all the same, so that
    // a letter can never stand for another seat than the one the client puts it on.
    std::size_t r = 0, s = 0;
    bool in_order = true;
    inventory.state.visit_seats(section.key, [&](const Seat& seat) {
      while (r < section.rows.size() && s == section.rows[r].seats.size()) ++r, s = 0;
      in_order = in_order && r < section.rows.size() && seat.row == section.rows[r].label &&
                 seat.seat == section.rows[r].seats[s];
      ++s;
      states += seat_state_letter(seat.state);
    });
    if (!in_order || states.size() != static_cast<std::size_t>(section.places())) {
      states.clear();
      for (const auto& row : section.rows)
        for (const auto& label : row.seats)
          states +=
              seat_state_letter(inventory.state.seat_state(seat_id(section.key, row.label, label))
                                    .value_or(SeatState::blocked));
    }
    sections.push_back({{"key", section.key},
                        {"name", section.name},
                        {"rows", std::move(rows)},
                        {"states", std::move(states)}});
  }
  return {{"event_id", inventory.event.id},
          {"seq", inventory.state.seq()},
          {"layout_id", inventory.event.layout_id},
          {"layout_version", inventory.version->version},
          {"states", {{"a", "available"}, {"h", "held"}, {"s", "sold"}, {"b", "blocked"}}},
          {"sections", std::move(sections)}};
}

}  // namespace boxoffice::json
