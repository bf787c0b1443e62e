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

std::vector<OutboxMessage> order_settled_messages(const Order& settled_order, const Event& event,
                                                  const OrderSettlement& settled,
                                                  const Settlement& settlement, TimePoint now,
                                                  std::string_view site) {
  std::vector<OutboxMessage> out{
      settlement_email(settled_order, event, settled, settlement, now, site)};
  const boost::json::object data{{"order", order_json(settled_order)},
                                 {"event", event_summary_json(event)},
                                 {"resolution", to_string(settlement.resolution)}};
  out.push_back(webhook_event("order.settled", data, now));
  if (settled_order.status == OrderStatus::refunded)
    out.push_back(webhook_event("order.refunded", data, now));
  return out;
}

std::vector<OutboxMessage> order_refunded_messages(const Order& refunded, const Event& event,
                                                   Minor amount, TimePoint now) {
  std::string body =
      "Hello " + refunded.buyer_name + ",\n\n" + format_money(amount, refunded.currency) +
      " of your order " + refunded.id + " for " + event.name + " is refunded to " +
      (refunded.payment_method == kCreditPayment ? "your credit balance" : "your payment method") +
      ". These tickets are no longer valid:\n";
  for (const auto& t : refunded.tickets)
    if (t.void_reason == TicketVoid::refunded)
      body +=
          "\n- Section " + t.section + (t.seat_id.empty() ? ", standing" : ", seat " + t.seat_id);
  body += "\n";
  std::vector<OutboxMessage> out{email_message("order.refund", refunded.buyer_email,
                                               "Refund for " + event.name, std::move(body), now)};
  out.push_back(webhook_event(
      "order.refunded",
      {{"order", order_json(refunded)}, {"event", event_summary_json(event)}, {"amount", amount}},
      now));
  return out;
}

OutboxMessage ticket_received_email(const Order& received, const Event& event,
                                    const std::string& giver_name) {
  const auto& t = received.tickets.front();
  std::string body =
      "Hello " + received.buyer_name + ",\n\n" + giver_name + " gave you a ticket for " +
      event.name + " on " + format_rfc3339(event.starts_at) + " (UTC): section " + t.section +
      (t.seat_id.empty() ? ", standing" : ", seat " + t.seat_id) + ".\n\nCode: " + t.code +
      "\n\nIt is under My orders when you sign in, with its QR code.\n";
  return email_message("ticket.received", received.buyer_email,
                       "A ticket for " + event.name + " was given to you", std::move(body),
                       received.created_at);
}

OutboxMessage event_cancelled_message(const Event& event, const Settlement& settlement) {
  boost::json::object data{{"event", event_summary_json(event)},
                           {"resolution", to_string(settlement.resolution)}};
  if (settlement.rescheduled_event_id)
    data["rescheduled_event_id"] = *settlement.rescheduled_event_id;
  if (settlement.choice_deadline)
    data["choice_deadline"] = format_rfc3339(*settlement.choice_deadline);
  return webhook_event("event.cancelled", std::move(data), settlement.created_at);
}

}  // namespace boxoffice::json
