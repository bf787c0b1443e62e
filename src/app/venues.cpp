#include "app/venues.hpp"

#include "app/security.hpp"

namespace boxoffice::venues {

Result<Venue> create_venue(Storage& storage, const AppEnv& env, const VenueInput& input,
                           FieldErrors parse_errors) {
  parse_errors.merge(validate_venue(input, env.known_timezone));
  if (!parse_errors.empty()) return validation_error(std::move(parse_errors));
  Venue v{security::new_id("ven"), input.name, input.address, input.timezone, env.clock.now()};
  storage.insert_venue(v);
  return v;
}

Result<Venue> venue(Storage& storage, std::string_view id) {
  if (auto v = storage.venue(id)) return *v;
  return not_found_error("Venue '" + std::string(id) + "'");
}

Result<Layout> create_layout(Storage& storage, const AppEnv& env, std::string_view venue_id,
                             LayoutInput input, FieldErrors errors) {
  if (auto v = venue(storage, venue_id); !v) return v.error();
  errors.merge(validate_layout_name(input.name));
  errors.merge(validate_sections(input.sections));
  errors.merge(validate_stage(input.stage));
  if (!errors.empty()) return validation_error(errors);
  const auto now = env.clock.now();
  Layout layout{security::new_id("lay"),
                std::string(venue_id),
                input.name,
                now,
                {LayoutVersion{1, input.effective_from, std::move(input.sections), now,
                               std::move(input.stage)}}};
  if (!storage.insert_layout(layout)) {
    return Error{ErrorKind::conflict,
                 "layout_name_taken",
                 "This venue already has a layout named '" + input.name + "'.",
                 {{"name", "is already used by another layout of this venue"}}};
  }
  return layout;
}

Result<Layout> layout(Storage& storage, std::string_view venue_id, std::string_view layout_id) {
  if (auto l = storage.layout(venue_id, layout_id)) return *l;
  return not_found_error("Layout '" + std::string(layout_id) + "' of venue '" +
                         std::string(venue_id) + "'");
}

Result<std::vector<Layout>> layouts(Storage& storage, std::string_view venue_id) {
  if (auto v = venue(storage, venue_id); !v) return v.error();
  return storage.list_layouts(venue_id);
}

Result<NewVersion> add_version(Storage& storage, const AppEnv& env, std::string_view venue_id,
                               std::string_view layout_id, TimePoint effective_from,
                               std::vector<Section> sections, std::optional<Stage> stage,
                               FieldErrors parse_errors) {
  const auto now = env.clock.now();
  auto appended = storage.append_layout_version(
      venue_id, layout_id, [&](const Layout& current) -> Result<LayoutVersion> {
        auto next = next_version(current, effective_from, sections, now, stage);
        if (parse_errors.empty()) return next;
        if (!next) parse_errors.merge(FieldErrors(next.error().fields));
        return validation_error(parse_errors);
      });
  if (!appended) return appended.error();
  NewVersion added{std::move(appended).value(), {}};
  EventQuery query;
  query.from = effective_from;
  query.venue_id = std::string(venue_id);
  query.layout_id = std::string(layout_id);
  for (const auto& e : storage.list_events(query)) {
    if (e.status == EventStatus::cancelled) continue;
    auto reasons =
        places_lost(added.version, storage.taken_seats(e.id), storage.section_counts(e.id));
    if (!reasons.empty()) added.conflicts.push_back({e.id, std::move(reasons)});
  }
  return added;
}

}  // namespace boxoffice::venues
