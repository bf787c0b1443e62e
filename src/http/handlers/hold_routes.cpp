// Holds: a signed-in buyer sets places aside, reads the hold, and lets it go.
#include "app/holds.hpp"
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

Response place_hold(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"event_id", "seats", "section", "quantity"});
  const auto event_id = r.string("event_id", Need::required, 64).value_or("");
  HoldRequest request;
  if (const auto* seats = r.array("seats", Need::optional)) {
    for (std::size_t i = 0; i < seats->size(); ++i) {
      if (const auto* s = (*seats)[i].if_string())
        request.seats.emplace_back(*s);
      else
        r.fail("seats[" + std::to_string(i) + "]", "must be a seat id such as lower-a/C/14");
    }
  }
  request.section = r.string("section", Need::optional, 64).value_or("");
  request.quantity = r.integer("quantity", Need::optional).value_or(0);
  return answer(
      holds::place(ctx.storage, ctx.env, *ctx.account, event_id, request, std::move(errors)), 201,
      hold_json);
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

}  // namespace

void add_hold_routes(Router& router) {
  router.add("POST", "/api/v1/holds", place_hold);
  router.add("GET", "/api/v1/holds/{hold}", get_hold);
  router.add("DELETE", "/api/v1/holds/{hold}", release_hold);
}

}  // namespace boxoffice::http
