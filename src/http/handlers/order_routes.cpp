// Orders: a buyer pays for a hold; buyers and managers read orders and ticket QR codes; managers
// read an event's sales over time; scanners fetch the key.
#include <algorithm>

#include "app/orders.hpp"
#include "http/json_io.hpp"
#include "http/qr_svg.hpp"
#include "http/routes.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

boost::json::object order_json(const Order& o) {
  boost::json::array tickets;
  for (const auto& t : o.tickets) {
    boost::json::object ticket{
        {"id", t.id},       {"section", t.section}, {"ticket_type_id", t.ticket_type_id},
        {"price", t.price}, {"fees", t.fees},       {"code", t.code}};
    if (!t.seat_id.empty()) ticket["seat"] = t.seat_id;
    tickets.push_back(std::move(ticket));
  }
  return {{"id", o.id},
          {"event_id", o.event_id},
          {"hold_id", o.hold_id},
          {"status", to_string(o.status)},
          {"total", o.total},
          {"currency", o.currency},
          {"buyer", {{"name", o.buyer_name}, {"email", o.buyer_email}}},
          {"created_at", format_rfc3339(o.created_at)},
          {"tickets", std::move(tickets)}};
}

Response place_order(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"hold_id", "buyer", "items", "payment"});
  orders::Purchase p;
  p.idempotency_key = std::string(ctx.request.header("Idempotency-Key"));
  p.hold_id = r.string("hold_id", Need::required, 64).value_or("");
  if (const auto* buyer = r.object("buyer", Need::required)) {
    json::ObjectReader b(*buyer, "buyer", errors);
    b.reject_unknown({"name", "email"});
    p.buyer_name = b.string("name", Need::required, 200).value_or("");
    p.buyer_email = b.string("email", Need::required, 254).value_or("");
  }
  if (const auto* items = r.array("items", Need::required)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string path = "items[" + std::to_string(i) + "]";
      const auto* item = (*items)[i].if_object();
      if (!item) {
        errors[path] = "must be an object such as {\"seat\",\"ticket_type_id\"}";
        continue;
      }
      json::ObjectReader ir(*item, path, errors);
      ir.reject_unknown({"seat", "section", "ticket_type_id"});
      auto place = ir.string("seat", Need::optional, 100);
      if (!place) place = ir.string("section", Need::optional, 64);
      if (!place) ir.fail("seat", "name a seat, or a section for standing places");
      p.lines.push_back(
          {place.value_or(""), ir.string("ticket_type_id", Need::required, 64).value_or("")});
    }
  }
  if (const auto* payment = r.object("payment", Need::required)) {
    json::ObjectReader pr(*payment, "payment", errors);
    pr.reject_unknown({"method", "card_number"});
    p.payment_method = pr.string("method", Need::required, 32).value_or("");
    p.card_number = pr.string("card_number", Need::optional, 32).value_or("");
  }
  return answer(orders::purchase(ctx.storage, ctx.env, *ctx.account, p, std::move(errors)), 201,
                order_json);
}

Response get_order(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  return answer(orders::get(ctx.storage, *ctx.account, ctx.request.param("order")), 200,
                order_json);
}

Response list_orders(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  boost::json::array orders;
  for (const auto& o : orders::of_buyer(ctx.storage, *ctx.account,
                                        ctx.request.query_param("event_id").value_or("")))
    orders.push_back(order_json(o));
  return json_response(200, {{"orders", std::move(orders)}});
}

Response ticket_qr(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto order = orders::get(ctx.storage, *ctx.account, ctx.request.param("order"));
  if (!order) return error_response(order.error());
  const auto& id = ctx.request.param("ticket");
  const auto& tickets = order.value().tickets;
  const auto ticket =
      std::find_if(tickets.begin(), tickets.end(), [&](const Ticket& t) { return t.id == id; });
  if (ticket == tickets.end())
    return error_response(not_found_error("Ticket '" + id + "' of this order"));
  auto svg = qr_svg(ticket->code);
  if (!svg) throw std::runtime_error("ticket code too long for a QR code: " + ticket->id);
  return Response{
      200, "image/svg+xml", std::move(*svg), {{"Cache-Control", "private, max-age=86400"}}, {}};
}

Response event_sales(Context& ctx) {
  std::int64_t bucket = 3600;
  if (const auto text = ctx.request.query_param("bucket_seconds")) {
    const auto value = whole_number(text).value_or(-1);
    if (value < orders::kMinBucketSeconds || value > orders::kMaxBucketSeconds)
      return error_response(validation_error(
          {{"bucket_seconds", "must be a whole number of seconds from " +
                                  std::to_string(orders::kMinBucketSeconds) + " to " +
                                  std::to_string(orders::kMaxBucketSeconds)}}));
    bucket = value;
  }
  const auto bucket_json = [](const SalesBucket& b) {
    return boost::json::object{
        {"orders", b.orders}, {"tickets", b.tickets}, {"revenue", b.revenue}};
  };
  return answer(orders::sales(ctx.storage, ctx.request.param("event"), bucket), 200,
                [&](const orders::Sales& s) {
                  boost::json::array buckets;
                  for (const auto& b : s.buckets) {
                    auto o = bucket_json(b);
                    o["start"] = format_rfc3339(b.start);
                    buckets.push_back(std::move(o));
                  }
                  auto out = bucket_json(s.total);
                  out["currency"] = s.currency;
                  out["bucket_seconds"] = bucket;
                  out["buckets"] = std::move(buckets);
                  return out;
                });
}

Response ticket_key(Context& ctx) {
  return answer(orders::ticket_key(ctx.storage, ctx.env, ctx.account, ctx.request.param("event")),
                200, [](const std::string& key) {
                  return boost::json::object{{"algorithm", "Ed25519"}, {"public_key", key}};
                });
}

}  // namespace

void add_order_routes(Router& router) {
  router.add("POST", "/api/v1/orders", place_order);
  router.add("GET", "/api/v1/orders", list_orders);
  router.add("GET", "/api/v1/orders/{order}", get_order);
  router.add("GET", "/api/v1/orders/{order}/tickets/{ticket}/qr.svg", ticket_qr);
  router.add("GET", "/api/v1/events/{event}/sales",
             with_permission(Permission::manage_events, event_sales));
  router.add("GET", "/api/v1/events/{event}/ticket-key", ticket_key);
}

}  // namespace boxoffice::http
