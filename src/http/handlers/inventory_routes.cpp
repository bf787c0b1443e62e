// An event's ticket types and places: prices, capacity, availability, seats and blocks.
#include <boost/json/serialize.hpp>
#include <mutex>

#include "app/events.hpp"
#include "http/compression.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"
#include "json/event_json.hpp"
#include "json/seat_map_json.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

Result<Event> readable_event(Context& ctx) {
  return events::readable(ctx.storage, ctx.env, ctx.account, ctx.request.param("event"));
}

auto type_json(const Event& event) {
  return [currency = event.currency](const TicketType& t) {
    auto o = json::ticket_type_to_json(t);
    o["currency"] = currency;
    return o;
  };
}

Response add_ticket_type(Context& ctx) {
  auto event = readable_event(ctx);
  if (!event) return error_response(event.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown(json::kTicketTypeKeys);
  TicketType type;
  type.event_id = event.value().id;
  json::read_ticket_type(r, type, true);
  return answer(events::add_ticket_type(ctx.storage, ctx.env, type, std::move(errors)), 201,
                type_json(event.value()));
}

Response list_ticket_types(Context& ctx) {
  auto event = readable_event(ctx);
  if (!event) return error_response(event.error());
  boost::json::array items;
  for (const auto& t : ctx.storage.ticket_types(event.value().id))
    items.push_back(type_json(event.value())(t));
  return json_response(200, {{"ticket_types", std::move(items)}});
}

Response change_ticket_type(Context& ctx) {
  auto event = readable_event(ctx);
  if (!event) return error_response(event.error());
  auto type = events::ticket_type(ctx.storage, event.value().id, ctx.request.param("type"));
  if (!type) return error_response(type.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown(json::kTicketTypeKeys);
  json::read_ticket_type(r, type.value(), false);
  return answer(events::change_ticket_type(ctx.storage, type.value(), std::move(errors)), 200,
                type_json(event.value()));
}

Response remove_ticket_type(Context& ctx) {
  auto removed = events::remove_ticket_type(ctx.storage, ctx.request.param("event"),
                                            ctx.request.param("type"));
  return removed ? no_content() : error_response(removed.error());
}

Result<std::shared_ptr<LiveEvent>> live_event(Context& ctx) {
  return events::live(ctx.storage, ctx.env, ctx.account, ctx.request.param("event"));
}

Response capacity(Context& ctx) {
  auto live = live_event(ctx);
  if (!live) return error_response(live.error());
  auto views = live.value()->read(events::sections);
  boost::json::array sections;
  std::vector<SectionCounts> counts;
  for (auto& view : views) {
    auto o = json::counts_to_json(view.counts);
    o["name"] = view.name;
    sections.push_back(std::move(o));
    counts.push_back(std::move(view.counts));
  }
  return json_response(
      200, {{"sections", std::move(sections)}, {"totals", json::totals_to_json(counts)}});
}

Response availability(Context& ctx) {
  auto live = live_event(ctx);
  if (!live) return error_response(live.error());
  return json_response(200, live.value()->read([](const EventInventory& i) {
    boost::json::array sections;
    for (const auto& view : events::sections(i)) {
      auto o = json::availability_to_json(view.counts);
      o["name"] = view.name;
      o["prices"] = boost::json::array(view.prices.begin(), view.prices.end());
      sections.push_back(std::move(o));
    }
    return boost::json::object{
        {"currency", i.event.currency}, {"seq", i.state.seq()}, {"sections", std::move(sections)}};
  }));
}

Response seats(Context& ctx) {
  auto live = live_event(ctx);
  if (!live) return error_response(live.error());
  const auto& section = ctx.request.param("section");
  auto [seq, list] = live.value()->read([&](const EventInventory& i) {
    return std::pair{i.state.seq(), events::seats(i, section)};
  });
  return answer(std::move(list), 200, [seq = seq](const std::vector<Seat>& list) {
    boost::json::array items;
    for (const auto& s : list)
      items.push_back(
          {{"id", s.id}, {"row", s.row}, {"seat", s.seat}, {"state", to_string(s.state)}});
    return boost::json::object{{"seq", seq}, {"seats", std::move(items)}};
  });
}

// The seat map as of one seq of each event, as JSON and gzipped: in a rush thousands of buyers
// open the page between two changes, and each would otherwise spell out and compress a whole
// stadium again. An entry is replaced by the event's next seq; events are few.
struct CachedMap {
  std::int64_t seq = -1;
  std::int64_t revision = -1;  // of the event: its settings (and so its layout) as mapped
  std::shared_ptr<const std::pair<std::string, std::string>> bodies;  // plain, gzipped
};

Response seat_map(Context& ctx) {
  static std::mutex mutex;
  static std::map<std::string, CachedMap, std::less<>> cache;
  auto live = live_event(ctx);
  if (!live) return error_response(live.error());
  const auto& id = ctx.request.param("event");
  auto bodies = live.value()->read([&](const EventInventory& i) {
    {
      std::lock_guard lock(mutex);
      const auto it = cache.find(id);
      if (it != cache.end() && it->second.seq == i.state.seq() &&
          it->second.revision == i.event.revision)
        return it->second.bodies;
    }
    auto plain = boost::json::serialize(json::seat_map_json(i));
    auto zipped = gzip(plain);
    auto made = std::make_shared<const std::pair<std::string, std::string>>(std::move(plain),
                                                                            std::move(zipped));
    std::lock_guard lock(mutex);
    cache[id] = {i.state.seq(), i.event.revision, made};
    return made;
  });
  Response r{200, "application/json", bodies->first, {{"Vary", "Accept-Encoding"}}, nullptr};
  if (accepts_gzip(ctx.request.header("Accept-Encoding"))) {
    r.body = bodies->second;
    r.headers.emplace_back("Content-Encoding", "gzip");
  }
  return r;
}

Response add_block(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"section", "seats", "quantity", "reason"});
  Block b;
  b.event_id = ctx.request.param("event");
  b.section = r.string("section", Need::required, 64).value_or("");
  if (const auto* list = r.array("seats", Need::optional)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (const auto* s = (*list)[i].if_string())
        b.seats.emplace_back(*s);
      else
        r.fail("seats[" + std::to_string(i) + "]", "must be a seat id such as a/C/14");
    }
  }
  b.quantity = r.integer("quantity", Need::optional).value_or(0);
  b.reason = r.string("reason", Need::optional, 200).value_or("");
  if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  return answer(events::block(ctx.storage, ctx.env, *ctx.account, b), 201, json::block_to_json);
}

Response list_blocks(Context& ctx) {
  const auto& id = ctx.request.param("event");
  if (!ctx.storage.event(id)) return error_response(not_found_error("Event '" + id + "'"));
  boost::json::array items;
  for (const auto& b : ctx.storage.blocks(id)) items.push_back(json::block_to_json(b));
  return json_response(200, {{"blocks", std::move(items)}});
}

Response remove_block(Context& ctx) {
  auto removed =
      events::unblock(ctx.storage, ctx.request.param("event"), ctx.request.param("block"));
  return removed ? no_content() : error_response(removed.error());
}

}  // namespace

void add_inventory_routes(Router& router) {
  const auto managed = [](Handler h) {
    return with_permission(Permission::manage_events, std::move(h));
  };
  const std::string event = "/api/v1/events/{event}";
  router.add("POST", event + "/ticket-types", managed(add_ticket_type));
  router.add("GET", event + "/ticket-types", list_ticket_types);
  router.add("PATCH", event + "/ticket-types/{type}", managed(change_ticket_type));
  router.add("DELETE", event + "/ticket-types/{type}", managed(remove_ticket_type));
  router.add("GET", event + "/capacity", managed(capacity));
  router.add("GET", event + "/availability", availability);
  router.add("GET", event + "/sections/{section}/seats", seats);
  router.add("GET", event + "/seat-map", seat_map);
  router.add("POST", event + "/blocks", managed(add_block));
  router.add("GET", event + "/blocks", managed(list_blocks));
  router.add("DELETE", event + "/blocks/{block}", managed(remove_block));
}

}  // namespace boxoffice::http
