// Webhooks: managers register URLs that receive signed events (app/outbox.hpp), list and delete
// them, see their deliveries and try abandoned ones again. The secret is shown once, in the answer
// that makes the webhook.
#include "app/webhooks.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

boost::json::object webhook_json(const Webhook& w) {
  boost::json::array events;
  for (const auto& e : w.events) events.emplace_back(e);
  return {{"id", w.id},
          {"url", w.url},
          {"events", std::move(events)},
          {"owner", w.owner},
          {"created_at", format_rfc3339(w.created_at)}};
}

Response create_webhook(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"url", "events"});
  webhooks::WebhookRequest request;
  request.url = r.string("url", Need::required, 4000);
  if (const auto* events = r.array("events", Need::required)) {
    for (std::size_t i = 0; i < events->size(); ++i) {
      if (const auto* s = (*events)[i].if_string())
        request.events.emplace_back(*s);
      else
        errors["events[" + std::to_string(i) + "]"] = "must be a string";
    }
    if (events->empty()) errors["events"] = "name at least one event type";
  }
  return answer(webhooks::create(ctx.storage, ctx.env, ctx.account, request, std::move(errors)),
                201, [](const Webhook& w) {
                  auto out = webhook_json(w);
                  out["secret"] = w.secret;
                  return out;
                });
}

Response list_webhooks(Context& ctx) {
  return answer(webhooks::list(ctx.storage, ctx.account), 200,
                [](const std::vector<Webhook>& list) {
                  boost::json::array items;
                  for (const auto& w : list) items.push_back(webhook_json(w));
                  return boost::json::object{{"webhooks", std::move(items)}};
                });
}

Response get_webhook(Context& ctx) {
  return answer(webhooks::get(ctx.storage, ctx.account, ctx.request.param("webhook")), 200,
                webhook_json);
}

Response delete_webhook(Context& ctx) {
  auto removed = webhooks::remove(ctx.storage, ctx.account, ctx.request.param("webhook"));
  return removed ? no_content() : error_response(removed.error());
}

boost::json::object delivery_json(const DeliveryRecord& d) {
  const char* state = d.delivered_at ? "delivered" : d.abandoned_at ? "abandoned" : "waiting";
  boost::json::object o{{"id", std::to_string(d.id)},
                        {"event_id", d.message_id},
                        {"type", d.type},
                        {"state", state},
                        {"attempts", d.attempts},
                        {"created_at", format_rfc3339(d.created_at)},
                        {"last_error", d.last_error}};
  if (d.delivered_at) o["delivered_at"] = format_rfc3339(*d.delivered_at);
  if (d.abandoned_at) o["abandoned_at"] = format_rfc3339(*d.abandoned_at);
  if (!d.delivered_at && !d.abandoned_at) o["next_try_at"] = format_rfc3339(d.due_at);
  return o;
}

Response list_deliveries(Context& ctx) {
  return answer(
      webhooks::deliveries(ctx.storage, ctx.env, ctx.account, ctx.request.param("webhook")), 200,
      [](const std::vector<DeliveryRecord>& list) {
        boost::json::array items;
        for (const auto& d : list) items.push_back(delivery_json(d));
        return boost::json::object{{"deliveries", std::move(items)}};
      });
}

Response retry_delivery(Context& ctx) {
  auto retried = webhooks::retry(ctx.storage, ctx.env, ctx.account, ctx.request.param("webhook"),
                                 ctx.request.param("delivery"));
  return retried ? no_content() : error_response(retried.error());
}

}  // namespace

void add_webhook_routes(Router& router) {
  router.add("POST", "/api/v1/webhooks",
             with_permission(Permission::manage_events, create_webhook));
  router.add("GET", "/api/v1/webhooks", with_permission(Permission::manage_events, list_webhooks));
  router.add("GET", "/api/v1/webhooks/{webhook}",
             with_permission(Permission::manage_events, get_webhook));
  router.add("DELETE", "/api/v1/webhooks/{webhook}",
             with_permission(Permission::manage_events, delete_webhook));
  router.add("GET", "/api/v1/webhooks/{webhook}/deliveries",
             with_permission(Permission::manage_events, list_deliveries));
  router.add("POST", "/api/v1/webhooks/{webhook}/deliveries/{delivery}/retry",
             with_permission(Permission::manage_events, retry_delivery));
}

}  // namespace boxoffice::http
