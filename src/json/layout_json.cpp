#include "json/layout_json.hpp"

#include "json/object_reader.hpp"

namespace boxoffice::json {
namespace {

constexpr std::int64_t kMaxSeatsPerRow = 1000;
using Need = ObjectReader::Need;

std::string indexed(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// The placed box that geometry and the stage share: x and y always, rotation optional; width and
// height as `size` says (a polygon's geometry goes by its points instead).
template <typename Shape>
void read_box(ObjectReader& r, Need size, Shape& out) {
  out.x = r.number("x", Need::required).value_or(0);
  out.y = r.number("y", Need::required).value_or(0);
  out.width = r.number("width", size).value_or(0);
  out.height = r.number("height", size).value_or(0);
  out.rotation = r.number("rotation", Need::optional).value_or(0);
}

std::optional<Geometry> parse_geometry(const boost::json::object& g, const std::string& path,
                                       FieldErrors& errors) {
  const auto before = errors.size();
  ObjectReader r(g, path, errors);
  r.reject_unknown({"x", "y", "width", "height", "rotation", "shape", "points"});
  Geometry geometry;
  read_box(r, Need::optional, geometry);
  geometry.shape = r.string("shape", Need::optional, 16).value_or("rect");
  if (const auto* points = r.array("points", Need::optional)) {
    for (const auto& p : *points) {
      const auto* pair = p.if_array();
      if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number()) {
        r.fail("points", "must be a list of [x, y] number pairs");
        break;
      }
      geometry.points.emplace_back((*pair)[0].to_number<double>(), (*pair)[1].to_number<double>());
    }
  }
  if (errors.size() != before) return std::nullopt;
  return geometry;
}

std::vector<std::string> parse_seats(ObjectReader& r) {
  std::vector<std::string> seats;
  if (r.has("seats")) {
    if (r.has("from") || r.has("to")) r.fail("seats", "give either seats or from/to, not both");
    if (const auto* list = r.array("seats", Need::required)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (const auto* s = (*list)[i].if_string()) {
          seats.emplace_back(*s);
        } else {
          r.fail(indexed("seats", i), "must be a string");
        }
      }
    }
    return seats;
  }
  const auto from = r.integer("from", Need::required);
  const auto to = r.integer("to", Need::required);
  if (!from || !to) return seats;
  if (*from < 0) {
    r.fail("from", "must be 0 or more");
  } else if (*to < *from) {
    r.fail("to", "must not be less than from");
  } else if (*to - *from >= kMaxSeatsPerRow) {
    r.fail("to", "a row may have at most " + std::to_string(kMaxSeatsPerRow) + " seats");
  } else {
    for (auto n = *from; n <= *to; ++n) seats.push_back(std::to_string(n));
  }
  return seats;
}

Section parse_section(const boost::json::object& o, const std::string& path, FieldErrors& errors) {
  ObjectReader r(o, path, errors);
  Section s;
  s.key = r.string("key", Need::required, 64).value_or("");
  s.name = r.string("name", Need::optional, 200).value_or(s.key);
  const auto kind = r.string("kind", Need::required, 16);
  if (kind && *kind != "seated" && *kind != "standing")
    r.fail("kind", "must be seated or standing");
  s.kind = kind == "standing" ? SectionKind::standing : SectionKind::seated;
  if (s.kind == SectionKind::standing) {
    r.reject_unknown({"key", "name", "kind", "capacity", "geometry"});
    s.capacity = r.integer("capacity", Need::required).value_or(0);
  } else {
    r.reject_unknown({"key", "name", "kind", "rows", "geometry"});
    if (const auto* rows = r.array("rows", Need::required)) {
      for (std::size_t i = 0; i < rows->size(); ++i) {
        const std::string row_path = indexed(r.path("rows"), i);
        const auto* row_object = (*rows)[i].if_object();
        if (!row_object) {
          errors[row_path] = "must be an object such as {\"label\":\"A\",\"from\":1,\"to\":20}";
          continue;
        }
        ObjectReader rr(*row_object, row_path, errors);
        rr.reject_unknown({"label", "seats", "from", "to"});
        Row row;
        row.label = rr.string("label", Need::required, kMaxLabelLength).value_or("");
        row.seats = parse_seats(rr);
        s.rows.push_back(std::move(row));
      }
    }
  }
  if (const auto* g = r.object("geometry", Need::optional))
    s.geometry = parse_geometry(*g, r.path("geometry"), errors);
  return s;
}

boost::json::object geometry_to_json(const Geometry& g) {
  boost::json::object o{{"x", g.x}, {"y", g.y}, {"shape", g.shape}};
  if (g.shape == "polygon") {
    boost::json::array points;
    for (const auto& [x, y] : g.points) points.push_back(boost::json::array{x, y});
    o["points"] = std::move(points);
  } else {
    o["width"] = g.width;
    o["height"] = g.height;
  }
  if (g.rotation != 0) o["rotation"] = g.rotation;
  return o;
}

boost::json::object section_to_json(const Section& s) {
  boost::json::object o{{"key", s.key}, {"name", s.name}};
  if (s.kind == SectionKind::standing) {
    o["kind"] = "standing";
    o["capacity"] = s.capacity;
  } else {
    o["kind"] = "seated";
    boost::json::array rows;
    for (const auto& row : s.rows) {
      boost::json::array seats(row.seats.begin(), row.seats.end());
      rows.push_back(boost::json::object{{"label", row.label}, {"seats", std::move(seats)}});
    }
    o["rows"] = std::move(rows);
  }
  if (s.geometry) o["geometry"] = geometry_to_json(*s.geometry);
  return o;
}

}  // namespace

std::optional<Stage> parse_stage(const boost::json::object& o, FieldErrors& errors) {
  const auto before = errors.size();
  ObjectReader r(o, "stage", errors);
  r.reject_unknown({"x", "y", "width", "height", "rotation", "label"});
  Stage stage;
  read_box(r, Need::required, stage);
  stage.label = r.string("label", Need::optional, 40).value_or("Stage");
  if (errors.size() != before) return std::nullopt;
  return stage;
}

boost::json::object stage_document(const Stage& stage) {
  boost::json::object o{{"x", stage.x},
                        {"y", stage.y},
                        {"width", stage.width},
                        {"height", stage.height},
                        {"label", stage.label}};
  if (stage.rotation != 0) o["rotation"] = stage.rotation;
  return o;
}

std::vector<Section> parse_sections(const boost::json::array& sections, FieldErrors& errors) {
  std::vector<Section> out;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::string path = indexed("sections", i);
    if (const auto* o = sections[i].if_object()) {
      out.push_back(parse_section(*o, path, errors));
    } else {
      errors[path] = "must be an object";
    }
  }
  return out;
}

boost::json::array sections_document(const std::vector<Section>& sections) {
  boost::json::array out;
  for (const auto& s : sections) out.push_back(section_to_json(s));
  return out;
}

boost::json::object version_to_json(const LayoutVersion& v) {
  boost::json::array sections;
  for (const auto& s : v.sections) {
    auto o = section_to_json(s);
    if (s.kind == SectionKind::seated) o["capacity"] = s.places();
    sections.push_back(std::move(o));
  }
  boost::json::object o{{"version", v.version},
                        {"effective_from", format_rfc3339(v.effective_from)},
                        {"created_at", format_rfc3339(v.created_at)},
                        {"capacity", v.capacity()},
                        {"sections", std::move(sections)}};
  if (v.stage) o["stage"] = stage_document(*v.stage);
  return o;
}

boost::json::object layout_to_json(const Layout& layout, bool with_versions) {
  const auto& latest = layout.latest();
  boost::json::object o{{"id", layout.id},
                        {"venue_id", layout.venue_id},
                        {"name", layout.name},
                        {"created_at", format_rfc3339(layout.created_at)},
                        {"version", latest.version},
                        {"effective_from", format_rfc3339(latest.effective_from)},
                        {"capacity", latest.capacity()}};
  if (with_versions) {
    boost::json::array versions;
    for (const auto& v : layout.versions) versions.push_back(version_to_json(v));
    o["versions"] = std::move(versions);
  }
  return o;
}

}  // namespace boxoffice::json
