#include "storage/write/settlement_write.hpp"

#include "json/outbox_json.hpp"

namespace boxoffice {

bool settle_order(SaleRows& rows, std::string_view order_id, const Settlement& settlement,
                  Resolution resolution, TimePoint now,
                  const std::function<std::string()>& new_code, std::string_view site) {
  // The event first, then the order: the lock order of refunds and transfers.
  const auto event = rows.guard_event(settlement.event_id);
  const auto order = rows.guard_order(order_id);
  if (!event || !order || order->event_id != event->id) return false;
  // A manager's refund of some of its tickets is under way: its money may be moving already.
  // Settled now, those tickets would be paid back twice; the order waits for that refund to be
  // written or let go, and a later step settles it.
  if (rows.refund_claimed(order->id)) return false;
  const auto settled = settle(*order, resolution);
  if (!settled) return false;

  if (!settled->voided.empty()) rows.void_tickets(settled->voided, TicketVoid::cancelled);
  rows.set_order_status(order->id, settled->status);
  // Keys name the order: it reaches this point once, so each is written once.
  if (settled->provider_refund > 0) {
    RefundRecord refund;
    refund.id = "cancel_" + order->id;
    refund.event_id = order->event_id;
    refund.order_id = order->id;
    refund.amount = settled->provider_refund;
    refund.currency = order->currency;
    refund.method = kCardPayment;
    refund.reason = "event_cancelled";
    refund.created_at = now;
    rows.insert_refund(refund);
  }
  if (settled->credit > 0)
    rows.insert_credit({"cancel_" + order->id, order->account_id, order->currency, settled->credit,
                        "event_cancelled", order->id, now});
  if (!settled->vouchers.empty()) {
    if (!settlement.rescheduled_event_id)
      throw StorageError("vouchers of event " + settlement.event_id + " name no rescheduled event");
    for (const auto& grant : settled->vouchers)
      rows.insert_voucher({new_code(), order->account_id, *settlement.rescheduled_event_id,
                           grant.value, order->currency, "issued", grant.ticket_id, now});
  }
  Order after = *order;
  after.status = settled->status;
  for (auto& t : after.tickets)
    for (const auto& id : settled->voided)
      if (t.id == id) t.void_reason = TicketVoid::cancelled;
  rows.enqueue(json::order_settled_messages(after, *event, *settled, settlement, now, site));
  return true;
}

void record_cancellation(SaleRows& rows, const Event& cancelled, const Settlement& settlement) {
  rows.insert_settlement(settlement);
  rows.enqueue({json::event_cancelled_message(cancelled, settlement)});
}

}  // namespace boxoffice
