// Venues and their versioned layouts.
#include "app/venues.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"
#include "json/layout_json.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

boost::json::object venue_json(const Venue& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"address", v.address},
          {"timezone", v.timezone},
          {"created_at", format_rfc3339(v.created_at)}};
}

Response create_venue(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"name", "address", "timezone"});
  VenueInput in{r.string("name", Need::optional).value_or(""),
                r.string("address", Need::optional).value_or(""),
                r.string("timezone", Need::optional, 64).value_or("")};
  return answer(venues::create_venue(ctx.storage, ctx.env, in, std::move(errors)), 201, venue_json);
}

Response list_venues(Context& ctx) {
  boost::json::array items;
  for (const auto& v : ctx.storage.list_venues()) items.push_back(venue_json(v));
  return json_response(200, {{"venues", std::move(items)}});
}

Response get_venue(Context& ctx) {
  return answer(venues::venue(ctx.storage, ctx.request.param("venue")), 200, venue_json);
}

// The fields every layout version has, in a new layout's body and in a new version's.
struct VersionFields {
  TimePoint effective_from;
  std::vector<Section> sections;
  std::optional<Stage> stage;
};

VersionFields read_version_fields(json::ObjectReader& r, FieldErrors& errors) {
  VersionFields f;
  f.effective_from = r.time("effective_from", Need::required).value_or(TimePoint{});
  if (const auto* sections = r.array("sections", Need::required))
    f.sections = json::parse_sections(*sections, errors);
  if (const auto* stage = r.object("stage", Need::optional))
    f.stage = json::parse_stage(*stage, errors);
  return f;
}

Response create_layout(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"name", "effective_from", "sections", "stage"});
  auto name = r.string("name", Need::optional).value_or("");
  auto fields = read_version_fields(r, errors);
  venues::LayoutInput in{std::move(name), fields.effective_from, std::move(fields.sections),
                         std::move(fields.stage)};
  return answer(venues::create_layout(ctx.storage, ctx.env, ctx.request.param("venue"),
                                      std::move(in), std::move(errors)),
                201, [](const Layout& l) { return json::layout_to_json(l, true); });
}

Response list_layouts(Context& ctx) {
  auto layouts = venues::layouts(ctx.storage, ctx.request.param("venue"));
  return answer(layouts, 200, [](const std::vector<Layout>& list) {
    boost::json::array items;
    for (const auto& l : list) items.push_back(json::layout_to_json(l, false));
    return boost::json::object{{"layouts", std::move(items)}};
  });
}

Response get_layout(Context& ctx) {
  return answer(
      venues::layout(ctx.storage, ctx.request.param("venue"), ctx.request.param("layout")), 200,
      [](const Layout& l) { return json::layout_to_json(l, true); });
}

Response add_version(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"effective_from", "sections", "stage"});
  auto fields = read_version_fields(r, errors);
  auto added =
      venues::add_version(ctx.storage, ctx.env, ctx.request.param("venue"),
                          ctx.request.param("layout"), fields.effective_from,
                          std::move(fields.sections), std::move(fields.stage), std::move(errors));
  return answer(added, 201, [&](const venues::NewVersion& v) {
    auto o = json::version_to_json(v.version);
    o["layout_id"] = ctx.request.param("layout");
    boost::json::array conflicts;
    for (const auto& c : v.conflicts)
      conflicts.push_back({{"event_id", c.event_id},
                           {"reason", c.reasons.front()},
                           {"reasons", boost::json::array(c.reasons.begin(), c.reasons.end())}});
    o["conflicts"] = std::move(conflicts);
    return o;
  });
}

Response get_version(Context& ctx) {
  auto layout =
      venues::layout(ctx.storage, ctx.request.param("venue"), ctx.request.param("layout"));
  if (!layout) return error_response(layout.error());
  for (const auto& v : layout.value().versions)
    if (std::to_string(v.version) == ctx.request.param("version"))
      return json_response(200, json::version_to_json(v));
  return error_response(not_found_error("Version " + ctx.request.param("version")));
}

}  // namespace

void add_venue_routes(Router& router) {
  const auto managed = [](Handler h) {
    return with_permission(Permission::manage_venues, std::move(h));
  };
  router.add("POST", "/api/v1/venues", managed(create_venue));
  router.add("GET", "/api/v1/venues", list_venues);
  router.add("GET", "/api/v1/venues/{venue}", get_venue);
  router.add("POST", "/api/v1/venues/{venue}/layouts", managed(create_layout));
  router.add("GET", "/api/v1/venues/{venue}/layouts", list_layouts);
  router.add("GET", "/api/v1/venues/{venue}/layouts/{layout}", get_layout);
  router.add("POST", "/api/v1/venues/{venue}/layouts/{layout}/versions", managed(add_version));
  router.add("GET", "/api/v1/venues/{venue}/layouts/{layout}/versions/{version}", get_version);
}

}  // namespace boxoffice::http
