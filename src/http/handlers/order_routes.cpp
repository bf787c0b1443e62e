// Orders: a buyer pays for a hold; buyers and managers read orders and ticket QR codes; managers
// read an event's sales over time; scanners fetch the key.
#include <algorithm>

#include "app/order_changes.hpp"
#include "app/orders.hpp"
#include "app/settlements.hpp"
#include "http/json_io.hpp"
#include "http/qr_svg.hpp"
#include "http/routes.hpp"
#include "json/order_json.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

using json::ticket_json;

// An order changed by the request, answered as GET /orders/{id} answers it.
auto with_details(Context& ctx) {
  return [&ctx](Order o) {
    return json::order_details_json(orders::details_of(ctx.storage, std::move(o)));
  };
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
      ir.reject_unknown({"seat", "section", "ticket_type_id", "voucher"});
      auto place = ir.string("seat", Need::optional, 100);
      if (!place) place = ir.string("section", Need::optional, 64);
      if (!place) ir.fail("seat", "name a seat, or a section for standing places");
      p.lines.push_back({place.value_or(""),
                         ir.string("ticket_type_id", Need::required, 64).value_or(""),
                         ir.string("voucher", Need::optional, 64).value_or("")});
    }
  }
  if (const auto* payment = r.object("payment", Need::required)) {
    json::ObjectReader pr(*payment, "payment", errors);
    pr.reject_unknown({"method", "card_number"});
    p.payment_method = pr.string("method", Need::required, 32).value_or("");
    p.card_number = pr.string("card_number", Need::optional, 32).value_or("");
  }
  return answer(orders::purchase(ctx.storage, ctx.env, *ctx.account, p, std::move(errors)), 201,
                with_details(ctx));
}

Response get_order(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  return answer(orders::details(ctx.storage, *ctx.account, ctx.request.param("order")), 200,
                json::order_details_json);
}

Response choose_settlement(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"resolution"});
  auto text = r.string("resolution", Need::required, 32);
  auto picked = text ? parse_resolution(*text) : std::nullopt;
  if (text && (!picked || *picked == Resolution::buyer_choice))
    r.fail("resolution", "must be refund, credit or voucher");
  if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  return answer(settlements::choose(ctx.storage, ctx.env, *ctx.account, ctx.request.param("order"),
                                    picked.value_or(Resolution::refund)),
                200, with_details(ctx));
}

Response list_orders(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  boost::json::array orders;
  for (const auto& o : orders::of_buyer(ctx.storage, *ctx.account,
                                        ctx.request.query_param("event_id").value_or("")))
    orders.push_back(json::order_details_json(o));
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

// Refunds and transfers.
Response refund_order(Context& ctx) {
  std::vector<std::string> tickets;
  if (!ctx.request.body.empty()) {
    auto body = read_json_body(ctx.request);
    if (!body) return error_response(body.error());
    FieldErrors errors;
    json::ObjectReader r(body.value(), "", errors);
    r.reject_unknown({"tickets"});
    if (const auto* ids = r.array("tickets", Need::optional)) {
      for (std::size_t i = 0; i < ids->size(); ++i) {
        const auto* id = (*ids)[i].if_string();
        if (!id || id->empty() || id->size() > 64)
          errors["tickets[" + std::to_string(i) + "]"] = "must be a ticket id";
        else
          tickets.emplace_back(*id);
      }
      if (ids->empty()) errors["tickets"] = "name at least one ticket, or leave it out for all";
    }
    if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  }
  return answer(
      orders::refund(ctx.storage, ctx.env, *ctx.account, ctx.request.param("order"), tickets), 200,
      with_details(ctx));
}

Response transfer_ticket(Context& ctx) {
  if (auto ok = require_signed_in(ctx.account); !ok) return error_response(ok.error());
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"email"});
  const auto email = r.string("email", Need::required, 254).value_or("");
  if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  return answer(orders::transfer(ctx.storage, ctx.env, *ctx.account, ctx.request.param("order"),
                                 ctx.request.param("ticket"), email),
                200, [](const Order& received) {
                  auto ticket = ticket_json(received.tickets.front());
                  ticket["order_id"] = received.id;
                  ticket["event_id"] = received.event_id;
                  return ticket;
                });
}

}  // namespace

void add_order_routes(Router& router) {
  router.add("POST", "/api/v1/orders", place_order);
  router.add("GET", "/api/v1/orders", list_orders);
  router.add("GET", "/api/v1/orders/{order}", get_order);
  router.add("POST", "/api/v1/orders/{order}/choice", choose_settlement);
  router.add("GET", "/api/v1/orders/{order}/tickets/{ticket}/qr.svg", ticket_qr);
  router.add("GET", "/api/v1/events/{event}/sales",
             with_permission(Permission::manage_events, event_sales));
  router.add("GET", "/api/v1/events/{event}/ticket-key", ticket_key);
  router.add("POST", "/api/v1/orders/{order}/refund",
             with_permission(Permission::manage_events, refund_order));
  router.add("POST", "/api/v1/orders/{order}/tickets/{ticket}/transfer", transfer_ticket);
}

}  // namespace boxoffice::http
