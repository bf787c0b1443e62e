#include "json/seat_map_json.hpp"

namespace boxoffice::json {

boost::json::object compact_row_json(const Row& row) {
  if (const auto first = counts_from(row))
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
    // A seat the event has no place for (none today: its seats are its layout's) is not for sale.
    inventory.state.visit_states(section.key, [&](std::optional<SeatState> state) {
      states += seat_state_letter(state.value_or(SeatState::blocked));
    });
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
