#pragma once
// Outbox messages whose bodies are JSON: the events webhooks receive, and the messages a change
// sends (app/outbox.hpp says how they are enqueued and delivered).
#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "app/outbox.hpp"

namespace boxoffice::json {

// An event for the webhooks registered for `type` (one of kWebhookEventTypes), with a new id.
// Its body, sent as is on every try: {"id", "type", "created_at", "data"}.
OutboxMessage webhook_event(std::string_view type, boost::json::object data, TimePoint now);

// What a paid order sends: the confirmation e-mail to its buyer and the "order.paid" event
// (data: {"order": the order as GET /orders/{id} answers it, "event": {"id", "name",
// "starts_at"}}).
std::vector<OutboxMessage> order_paid_messages(const Order& order, const Event& event,
                                               const std::vector<TicketType>& types, TimePoint now);

// {"id", "name", "starts_at"}: the event as messages name it.
boost::json::object event_summary_json(const Event& event);

// What settling a cancelled event's order sends: the e-mail to its buyer, an "order.settled"
// event and, when money went back, an "order.refunded" event (data: the order as settled, the
// event, the resolution). `site`: the public URL the e-mail's links start with.
std::vector<OutboxMessage> order_settled_messages(const Order& settled_order, const Event& event,
                                                  const OrderSettlement& settled,
                                                  const Settlement& settlement, TimePoint now,
                                                  std::string_view site);

// A manager's refund of `amount` on the order (as refunded): the e-mail to its buyer and the
// "order.refunded" event.
std::vector<OutboxMessage> order_refunded_messages(const Order& refunded, const Event& event,
                                                   Minor amount, TimePoint now);

// A ticket given to another account: the e-mail to its receiver, with the new ticket's code.
OutboxMessage ticket_received_email(const Order& received, const Event& event,
                                    const std::string& giver_name);

// The "event.cancelled" event: the event and how its orders are settled.
OutboxMessage event_cancelled_message(const Event& event, const Settlement& settlement);

}  // namespace boxoffice::json
