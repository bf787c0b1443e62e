// Events: set-up, listing, lifecycle, cancellation, another show, audit trail, layout moves.
#include "app/events.hpp"
#include "app/settlements.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"
#include "json/event_json.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

std::vector<std::string_view> keys_and(std::initializer_list<std::string_view> extra) {
  std::vector<std::string_view> keys(json::kEventDetailKeys.begin(), json::kEventDetailKeys.end());
  keys.insert(keys.end(), extra.begin(), extra.end());
  return keys;
}

auto event_json(const Context& ctx) {
  return [now = ctx.env.clock.now()](const Event& e) { return json::event_to_json(e, now); };
}

Response create_event(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown(json::kEventDetailKeys);
  EventDetails details;
  json::read_event_details(r, details, true);
  return answer(events::create(ctx.storage, ctx.env, *ctx.account, details, std::move(errors)), 201,
                event_json(ctx));
}

// Query parameters of the listing; a bad one is a 400 naming it.
Result<EventQuery> read_query(const Request& request, std::size_t& limit, std::size_t& offset) {
  FieldErrors errors;
  EventQuery q;
  for (auto [name, into] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
    if (auto text = request.query_param(name)) {
      if (auto t = parse_rfc3339(*text))
        *into = t;
      else
        errors[name] = "must be an RFC 3339 time such as 2027-06-01T19:30:00Z";
    }
  }
  if (auto v = request.query_param("venue_id")) q.venue_id = *v;
  auto number = [&](const char* name, std::size_t lo, std::size_t hi, std::size_t& into) {
    auto text = request.query_param(name);
    if (!text) return;
    try {
      std::size_t used = 0;
      const long long n = std::stoll(*text, &used);
      if (used == text->size() && n >= static_cast<long long>(lo) &&
          n <= static_cast<long long>(hi)) {
        into = static_cast<std::size_t>(n);
        return;
      }
    } catch (const std::exception&) {
    }
    errors[name] =
        "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  };
  number("limit", 1, 100, limit);
  number("offset", 0, 1'000'000, offset);
  if (!errors.empty())
    return Error{ErrorKind::malformed, "invalid_query", "Some query parameters are invalid.",
                 std::move(errors)};
  return q;
}

Response list_events(Context& ctx) {
  std::size_t limit = 20, offset = 0;
  auto query = read_query(ctx.request, limit, offset);
  if (!query) return error_response(query.error());
  const auto page = events::list(ctx.storage, ctx.env, ctx.account, query.value(), limit, offset);
  const bool manager = ctx.account && allows(ctx.account->role, Permission::manage_events);
  const auto now = ctx.env.clock.now();
  boost::json::array items;
  for (const auto& e : page.events) {
    auto o = json::event_to_json(e, now);
    if (manager) o["counts"] = json::totals_to_json(ctx.storage.section_counts(e.id));
    items.push_back(std::move(o));
  }
  return json_response(
      200,
      {{"events", std::move(items)}, {"total", page.total}, {"limit", limit}, {"offset", offset}});
}

Response get_event(Context& ctx) {
  return answer(events::readable(ctx.storage, ctx.env, ctx.account, ctx.request.param("event")),
                200, event_json(ctx));
}

Response update_event(Context& ctx) {
  auto current = ctx.storage.event(ctx.request.param("event"));
  if (!current)
    return error_response(not_found_error("Event '" + ctx.request.param("event") + "'"));
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown(keys_and({"revision"}));
  std::optional<int> revision;
  if (auto v = r.integer("revision", Need::optional)) revision = static_cast<int>(*v);
  EventDetails details = *current;
  json::read_event_details(r, details, false);
  return answer(events::update(ctx.storage, ctx.env, *ctx.account, *current, details, revision,
                               std::move(errors)),
                200, event_json(ctx));
}

Handler transition_handler(Transition t) {
  return [t](Context& ctx) {
    return answer(
        events::transition(ctx.storage, ctx.env, *ctx.account, ctx.request.param("event"), t), 200,
        event_json(ctx));
  };
}

// How far a cancelled event's settlement got: the orders by what they became and their value.
boost::json::object settlement_json(const Settlement& st, const std::vector<SettledOrders>& orders,
                                    std::int64_t orders_settled, Minor amount_settled) {
  boost::json::array groups;
  for (const auto& g : orders)
    groups.push_back({{"status", to_string(g.status)}, {"orders", g.orders}, {"amount", g.amount}});
  boost::json::object o{{"resolution", to_string(st.resolution)},
                        {"orders_settled", orders_settled},
                        {"amount_settled", amount_settled},
                        {"orders", std::move(groups)},
                        {"started_at", format_rfc3339(st.created_at)},
                        {"finished", st.finished_at.has_value()}};
  if (st.rescheduled_event_id) o["rescheduled_event_id"] = *st.rescheduled_event_id;
  if (st.choice_deadline) o["choice_deadline"] = format_rfc3339(*st.choice_deadline);
  if (st.finished_at) o["finished_at"] = format_rfc3339(*st.finished_at);
  return o;
}

Response cancel_event(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"resolution", "rescheduled_event_id", "choice_deadline"});
  auto text = r.string("resolution", Need::required, 32);
  auto resolution = text ? parse_resolution(*text) : std::nullopt;
  if (text && !resolution) r.fail("resolution", "must be refund, credit, voucher or buyer_choice");
  events::CancelRequest request;
  request.rescheduled_event_id = r.string("rescheduled_event_id", Need::optional, 64);
  request.choice_deadline = r.time("choice_deadline", Need::optional);
  if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  request.resolution = *resolution;
  auto cancelled =
      events::cancel(ctx.storage, ctx.env, *ctx.account, ctx.request.param("event"), request);
  return answer(cancelled, 200, [&](const events::Cancellation& c) {
    auto o = settlement_json(c.settlement, c.orders, c.orders_settled, c.amount_settled);
    o["event"] = json::event_to_json(c.event, ctx.env.clock.now());
    return o;
  });
}

Response get_settlement(Context& ctx) {
  return answer(settlements::summary(ctx.storage, ctx.request.param("event")), 200,
                [](const settlements::Summary& s) {
                  return settlement_json(s.settlement, s.orders, s.orders_settled,
                                         s.amount_settled);
                });
}

Response duplicate_event(Context& ctx) {
  auto source = ctx.storage.event(ctx.request.param("event"));
  if (!source) return error_response(not_found_error("Event '" + ctx.request.param("event") + "'"));
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown(json::kEventDetailKeys);
  const auto starts_at = r.time("starts_at", Need::required);
  EventDetails details = shifted_copy(*source, starts_at.value_or(source->starts_at));
  json::read_event_details(r, details, false);
  return answer(
      events::duplicate(ctx.storage, ctx.env, *ctx.account, *source, details, std::move(errors)),
      201, event_json(ctx));
}

Response audit_trail(Context& ctx) {
  const auto& id = ctx.request.param("event");
  if (!ctx.storage.event(id)) return error_response(not_found_error("Event '" + id + "'"));
  boost::json::array entries;
  for (const auto& a : ctx.storage.audit_trail(id))
    entries.push_back({{"at", format_rfc3339(a.at)},
                       {"actor_id", a.actor_id},
                       {"action", a.action},
                       {"detail", a.detail}});
  return json_response(200, {{"entries", std::move(entries)}});
}

Response move_layout(Context& ctx) {
  std::optional<int> version;
  if (!ctx.request.body.empty()) {
    auto body = read_json_body(ctx.request);
    if (!body) return error_response(body.error());
    FieldErrors errors;
    json::ObjectReader r(body.value(), "", errors);
    r.reject_unknown({"version"});
    if (auto v = r.integer("version", Need::optional)) version = static_cast<int>(*v);
    if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  }
  return answer(
      events::move_layout(ctx.storage, ctx.env, *ctx.account, ctx.request.param("event"), version),
      200, event_json(ctx));
}

}  // namespace

void add_event_routes(Router& router) {
  const auto managed = [](Handler h) {
    return with_permission(Permission::manage_events, std::move(h));
  };
  router.add("POST", "/api/v1/events", managed(create_event));
  router.add("GET", "/api/v1/events", list_events);
  router.add("GET", "/api/v1/events/{event}", get_event);
  router.add("PATCH", "/api/v1/events/{event}", managed(update_event));
  for (auto t : {Transition::publish, Transition::pause_sales, Transition::resume_sales,
                 Transition::close_sales, Transition::reopen_sales})
    router.add("POST", "/api/v1/events/{event}/" + std::string(to_string(t)),
               managed(transition_handler(t)));
  router.add("POST", "/api/v1/events/{event}/cancel", managed(cancel_event));
  router.add("GET", "/api/v1/events/{event}/settlement", managed(get_settlement));
  router.add("POST", "/api/v1/events/{event}/duplicate", managed(duplicate_event));
  router.add("GET", "/api/v1/events/{event}/audit", managed(audit_trail));
  router.add("POST", "/api/v1/events/{event}/move-layout", managed(move_layout));
}

}  // namespace boxoffice::http
