#include "domain/layout.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace boxoffice {

std::optional<std::int64_t> seat_number(std::string_view label) {
  if (label.empty() || (label.size() > 1 && label[0] == '0')) return std::nullopt;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(label.data(), label.data() + label.size(), n);
  if (ec != std::errc() || end != label.data() + label.size()) return std::nullopt;
  return n;
}

std::optional<std::int64_t> counts_from(const Row& row) {
  const auto first = row.seats.empty() ? std::nullopt : seat_number(row.seats.front());
  if (!first) return std::nullopt;
  for (std::size_t i = 1; i < row.seats.size(); ++i)
    if (seat_number(row.seats[i]) != *first + static_cast<std::int64_t>(i)) return std::nullopt;
  return first;
}

std::int64_t Section::places() const {
  if (kind == SectionKind::standing) return capacity;
  std::int64_t n = 0;
  for (const auto& row : rows) n += static_cast<std::int64_t>(row.seats.size());
  return n;
}

std::int64_t LayoutVersion::capacity() const {
  std::int64_t n = 0;
  for (const auto& s : sections) n += s.places();
  return n;
}

const Section* LayoutVersion::section(std::string_view key) const {
  for (const auto& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}

bool LayoutVersion::has_seat(std::string_view id) const {
  const auto first = id.find('/');
  const auto second = id.find('/', first == std::string_view::npos ? first : first + 1);
  if (second == std::string_view::npos) return false;
  const Section* s = section(id.substr(0, first));
  if (!s || s->kind != SectionKind::seated) return false;
  const auto row_label = id.substr(first + 1, second - first - 1);
  const auto seat_label = id.substr(second + 1);
  for (const auto& row : s->rows)
    if (row.label == row_label)
      return std::find(row.seats.begin(), row.seats.end(), seat_label) != row.seats.end();
  return false;
}

const LayoutVersion* Layout::in_force_at(TimePoint when) const {
  const LayoutVersion* found = nullptr;
  for (const auto& v : versions)
    if (v.effective_from <= when && (!found || v.effective_from >= found->effective_from))
      found = &v;
  return found;
}

namespace {

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Labels become parts of seat ids, so they must be short and free of the separator.
const char* label_problem(const std::string& label) {
  if (label.empty()) return "must not be empty";
  if (label.size() > kMaxLabelLength) return "must have at most 16 characters";
  if (label.find('/') != std::string::npos) return "must not contain '/'";
  for (unsigned char c : label)
    if (c < 0x20 || c == 0x7f) return "must not contain control characters";
  return nullptr;
}

void validate_geometry(const Geometry& g, const std::string& path, FieldErrors& errors) {
  for (double v : {g.x, g.y, g.width, g.height, g.rotation}) {
    if (!std::isfinite(v)) {
      errors[path] = "numbers must be finite";
      return;
    }
  }
  if (g.shape != "rect" && g.shape != "ellipse" && g.shape != "polygon") {
    errors[path + ".shape"] = "must be rect, ellipse or polygon";
  }
  if (g.shape == "polygon") {
    if (g.points.size() < 3) errors[path + ".points"] = "a polygon needs at least 3 points";
  } else if (!g.points.empty()) {
    errors[path + ".points"] = "only a polygon has points";
  } else if (g.width <= 0 || g.height <= 0) {
    errors[path] = "width and height must be greater than 0";
  }
}

void validate_seated(const Section& s, const std::string& path, FieldErrors& errors) {
  if (s.rows.empty()) {
    errors[path + ".rows"] = "a seated section needs at least one row";
    return;
  }
  std::set<std::string> labels;
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const auto& row = s.rows[r];
    const std::string row_path = path + ".rows[" + std::to_string(r) + "]";
    if (const char* problem = label_problem(row.label)) {
      errors[row_path + ".label"] = problem;
    } else if (!labels.insert(row.label).second) {
      errors[row_path + ".label"] = "row '" + row.label + "' appears twice in this section";
    }
    if (row.seats.empty()) {
      errors[row_path + ".seats"] = "a row needs at least one seat";
      continue;
    }
    std::set<std::string> seats;
    for (std::size_t i = 0; i < row.seats.size(); ++i) {
      const std::string seat_path = row_path + ".seats[" + std::to_string(i) + "]";
      if (const char* problem = label_problem(row.seats[i])) {
        errors[seat_path] = problem;
      } else if (!seats.insert(row.seats[i]).second) {
        errors[seat_path] = "seat '" + row.seats[i] + "' appears twice in row " + row.label;
      }
    }
  }
}

}  // namespace

FieldErrors validate_layout_name(const std::string& name) {
  FieldErrors errors;
  if (name.empty())
    errors["name"] = "is required";
  else if (name.size() > 200)
    errors["name"] = "must have at most 200 characters";
  return errors;
}

FieldErrors validate_sections(const std::vector<Section>& sections) {
  FieldErrors errors;
  if (sections.empty()) {
    errors["sections"] = "a layout needs at least one section";
    return errors;
  }
  std::set<std::string> keys;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    const std::string path = "sections[" + std::to_string(i) + "]";
    if (s.key.empty() || s.key.size() > 64 || !std::all_of(s.key.begin(), s.key.end(), key_char)) {
      errors[path + ".key"] = "must be 1 to 64 letters, digits, '-' or '_'";
    } else if (!keys.insert(s.key).second) {
      errors[path + ".key"] = "section key '" + s.key + "' appears twice";
    }
    if (s.name.empty())
      errors[path + ".name"] = "is required";
    else if (s.name.size() > 200)
      errors[path + ".name"] = "must have at most 200 characters";
    if (s.kind == SectionKind::standing) {
      if (s.capacity <= 0)
        errors[path + ".capacity"] = "must be greater than 0";
      else if (s.capacity > kMaxPlacesPerLayout)
        errors[path + ".capacity"] = "must be at most " + std::to_string(kMaxPlacesPerLayout);
    } else {
      validate_seated(s, path, errors);
    }
    if (s.geometry) validate_geometry(*s.geometry, path + ".geometry", errors);
    total += std::max<std::int64_t>(0, std::min(s.places(), kMaxPlacesPerLayout + 1));
  }
  if (total > kMaxPlacesPerLayout && !errors.count("sections")) {
    errors["sections"] =
        "a layout may hold at most " + std::to_string(kMaxPlacesPerLayout) + " places in all";
  }
  return errors;
}

FieldErrors validate_stage(const std::optional<Stage>& stage) {
  FieldErrors errors;
  if (!stage) return errors;
  const std::pair<const char*, double> numbers[] = {{"x", stage->x},
                                                    {"y", stage->y},
                                                    {"width", stage->width},
                                                    {"height", stage->height},
                                                    {"rotation", stage->rotation}};
  for (const auto& [name, value] : numbers)
    if (!std::isfinite(value)) errors[std::string("stage.") + name] = "must be a finite number";
  if (!errors.count("stage.width") && stage->width <= 0)
    errors["stage.width"] = "must be greater than 0";
  if (!errors.count("stage.height") && stage->height <= 0)
    errors["stage.height"] = "must be greater than 0";
  if (stage->label.size() > 40) errors["stage.label"] = "must have at most 40 characters";
  return errors;
}

Result<LayoutVersion> next_version(const Layout& layout, TimePoint effective_from,
                                   std::vector<Section> sections, TimePoint now,
                                   std::optional<Stage> stage) {
  FieldErrors errors = validate_sections(sections);
  errors.merge(validate_stage(stage));
  const LayoutVersion& latest = layout.latest();
  if (effective_from < latest.effective_from) {
    errors["effective_from"] = "must not be before " + format_rfc3339(latest.effective_from) +
                               ", when version " + std::to_string(latest.version) + " takes effect";
  }
  if (!errors.empty()) return validation_error(std::move(errors));
  return LayoutVersion{latest.version + 1, effective_from, std::move(sections), now,
                       std::move(stage)};
}

}  // namespace boxoffice
