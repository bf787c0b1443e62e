#pragma once
// Use cases for venues and their layouts.
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::venues {

// `parse_errors` are problems already found while reading the input; they are reported together
// with the rule violations found here, so one answer names every bad field.
Result<Venue> create_venue(Storage& storage, const AppEnv& env, const VenueInput& input,
                           FieldErrors parse_errors = {});
Result<Venue> venue(Storage& storage, std::string_view id);

struct LayoutInput {
  std::string name;
  TimePoint effective_from;
  std::vector<Section> sections;
  std::optional<Stage> stage = std::nullopt;
};

Result<Layout> create_layout(Storage& storage, const AppEnv& env, std::string_view venue_id,
                             LayoutInput input, FieldErrors parse_errors = {});
Result<Layout> layout(Storage& storage, std::string_view venue_id, std::string_view layout_id);
Result<std::vector<Layout>> layouts(Storage& storage, std::string_view venue_id);

// An event on or after the new version's date that would lose places buyers hold or bought.
struct VersionConflict {
  std::string event_id;
  std::vector<std::string> reasons;
};

struct NewVersion {
  LayoutVersion version;
  std::vector<VersionConflict> conflicts;
};

Result<NewVersion> add_version(Storage& storage, const AppEnv& env, std::string_view venue_id,
                               std::string_view layout_id, TimePoint effective_from,
                               std::vector<Section> sections, std::optional<Stage> stage,
                               FieldErrors parse_errors = {});

}  // namespace boxoffice::venues
