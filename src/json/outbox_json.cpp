#include "json/outbox_json.hpp"

#include <boost/json/serialize.hpp>

#include "app/security.hpp"
#include "json/order_json.hpp"

namespace boxoffice::json {

OutboxMessage webhook_event(std::string_view type, boost::json::object data, TimePoint now) {
  OutboxMessage m;
  m.id = security::new_id("msg");
  m.kind = OutboxMessage::Kind::event;
  m.type = std::string(type);
  m.created_at = now;
  m.body = boost::json::serialize(boost::json::object{{"id", m.id},
                                                      {"type", m.type},
                                                      {"created_at", format_rfc3339(now)},
                                                      {"data", std::move(data)}});
  return m;
}

boost::json::object event_summary_json(const Event& event) {
  return {{"id", event.id}, {"name", event.name}, {"starts_at", format_rfc3339(event.starts_at)}};
}

std::vector<OutboxMessage> order_paid_messages(const Order& order, const Event& event,
                                               const std::vector<TicketType>& types,
                                               TimePoint now) {
  return {order_confirmation_email(order, event, types, now),
          webhook_event("order.paid",
                        {{"order", order_json(order)}, {"event", event_summary_json(event)}}, now)};
}

}  // namespace boxoffice::json
