// Holds: a signed-in buyer sets places aside, reads the hold, and lets it go, whole or in part.
#include <algorithm>

#include "app/holds.hpp"
#include "domain/hold.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

boost::json::object hold_json(const Hold& h) {
  boost::json::array items;
  for (const auto& item : h.items) {
    boost::json::object o{{"section", item.section}, {"quantity", item.quantity}};
    if (!item.seat_id.empty()) o["seat"] = item.seat_id;
    items.push_back(std::move(o));
  }
  return {{"id", h.id},
          {"event_id", h.event_id},
          {"status", to_string(h.status)},
          {"created_at", format_rfc3339(h.created_at)},
          {"expires_at", format_rfc3339(h.expires_at)},
          {"places", h.places()},
          {"items", std::move(items)}};
}

// The seat ids of "seats", one per element so that "seats[i]" names the i-th of the body: an
// element that is not a string is named and stands as an empty id. No hold has more than
// kMaxPlacesPerHold places, so only that many are read: a body of 700k bad seats would otherwise
// be answered with 700k field errors. The rest are summed up under "seats".
std::vector<std::string> read_seats(json::ObjectReader& r) {
  std::vector<std::string> out;
  if (const auto* seats = r.array("seats", Need::optional)) {
    const auto limit = static_cast<std::size_t>(kMaxPlacesPerHold);
    if (seats->size() > limit)
      r.fail("seats", "at most " + std::to_string(limit) + " seats at once; only the first " +
                          std::to_string(limit) + " of these " + std::to_string(seats->size()) +
                          " were checked");
    for (std::size_t i = 0; i < std::min(seats->size(), limit); ++i) {
      const auto* s = (*seats)[i].if_string();
      if (!s) r.fail("seats[" + std::to_string(i) + "]", "must be a seat id such as lower-a/C/14");
      out.emplace_back(s ? std::string_view(*s) : std::string_view());
    }
  }
  return out;
}

// The places a body asks to hold: seats, or a section and a quantity (beside an event_id).
HoldRequest read_hold_request(json::ObjectReader& r) {
  r.reject_unknown({"event_id", "seats", "section", "quantity"});
  HoldRequest request;
  request.seats = read_seats(r);
  request.section = r.string("section", Need::optional, 64).value_or("");
  request.quantity = r.integer("quantity", Need::optional).value_or(0);
  return request;
}

// Answered once the hold's batch has committed; the worker is free meanwhile (see HoldWriter).
void place_hold(Context& ctx, Reply reply) {
  if (auto ok = require_signed_in(ctx.account); !ok) return reply(error_response(ok.error()));
  auto body = read_json_body(ctx.request);
  if (!body) return reply(error_response(body.error()));
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  const auto event_id = r.string("event_id", Need::required, 64).value_or("");
  const auto request = read_hold_request(r);
  holds::place(
      ctx.storage, ctx.env, *ctx.account, {ctx.request.remote_address, ctx.request.loopback},
      event_id, request, ctx.request.header("X-Queue-Token"), std::move(errors),
      [reply = std::move(reply)](Result<Hold> placed) { reply(answer(placed, 201, hold_json)); });
}

// One basket: more places for the buyer's hold, answered with the whole hold once its batch has
// committed. The body is a new hold's; its event_id, if sent, must be the hold's.
void add_places(Context& ctx, Reply reply) {
  if (auto ok = require_signed_in(ctx.account); !ok) return reply(error_response(ok.error()));
  auto body = read_json_body(ctx.request);
  if (!body) return reply(error_response(body.error()));
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  const auto event_id = r.string("event_id", Need::optional, 64);
  const auto request = read_hold_request(r);
  holds::add_places(
      ctx.storage, ctx.env, *ctx.account, {ctx.request.remote_address, ctx.request.loopback},
      ctx.request.param("hold"), event_id.value_or(""), request,
      ctx.request.header("X-Queue-Token"), std::move(errors),
      [reply = std::move(reply)](Result<Hold> placed) { reply(answer(placed, 200, hold_json)); });
}

Response list_holds(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  const auto event_id = ctx.request.query_param("event_id");
  if (!event_id || event_id->empty())
    return error_response(validation_error({{"event_id", "name the event whose holds to list"}}));
  boost::json::array holds;
  for (const auto& h : holds::active_of(ctx.storage, ctx.env, *ctx.account, *event_id))
    holds.push_back(hold_json(h));
  return json_response(200, {{"holds", std::move(holds)}});
}

Response get_hold(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  return answer(holds::get(ctx.storage, *ctx.account, ctx.request.param("hold")), 200, hold_json);
}

Response release_hold(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto released = holds::release(ctx.storage, *ctx.account, ctx.request.param("hold"));
  return released ? no_content() : error_response(released.error());
}

Response release_part_of_hold(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"seats", "items"});
  HoldRelease release;
  release.seats = read_seats(r);
  if (const auto* items = r.array("items", Need::optional)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string path = "items[" + std::to_string(i) + "]";
      auto& item = release.items.emplace_back();
      const auto* object = (*items)[i].if_object();
      if (!object) {
        errors[path] = "must be an object such as {\"section\": \"floor\", \"quantity\": 2}";
        continue;
      }
      json::ObjectReader ir(*object, path, errors);
      ir.reject_unknown({"section", "quantity"});
      item.section = ir.string("section", Need::required, 64).value_or("");
      item.quantity = ir.integer("quantity", Need::required).value_or(0);
    }
  }
  return answer(holds::release_part(ctx.storage, ctx.env, *ctx.account, ctx.request.param("hold"),
                                    release, std::move(errors)),
                200, hold_json);
}

}  // namespace

void add_hold_routes(Router& router) {
  router.add_later("POST", "/api/v1/holds", place_hold);
  router.add_later("POST", "/api/v1/holds/{hold}/places", add_places);
  router.add("GET", "/api/v1/holds", list_holds);
  router.add("GET", "/api/v1/holds/{hold}", get_hold);
  router.add("DELETE", "/api/v1/holds/{hold}", release_hold);
  router.add("POST", "/api/v1/holds/{hold}/release", release_part_of_hold);
}

}  // namespace boxoffice::http
