#include "storage/write/transfer_write.hpp"

#include "json/outbox_json.hpp"

namespace boxoffice {

Result<Order> transfer_ticket(SaleRows& rows, const TicketTransfer& transfer) {
  const auto event = rows.guard_event(transfer.event_id);
  const auto from = rows.guard_order(transfer.order_id);
  if (!event || !from || from->event_id != transfer.event_id)
    return not_found_error("Order '" + transfer.order_id + "'");
  auto old = may_transfer(*from, transfer.ticket_id, transfer.sender_id, event->status);
  if (!old) return old.error();

  Order received = transfer.received;
  if (received.tickets.size() != 1)
    throw StorageError("a transfer gives exactly one ticket, not " +
                       std::to_string(received.tickets.size()));
  Ticket& t = received.tickets.front();
  t.section = old.value().section;
  t.seat_id = old.value().seat_id;
  t.ticket_type_id = old.value().ticket_type_id;
  t.price = old.value().price;
  t.fees = old.value().fees;

  Hold hold;
  hold.id = received.hold_id;
  hold.event_id = received.event_id;
  hold.account_id = received.account_id;
  hold.status = HoldStatus::purchased;
  hold.created_at = received.created_at;
  hold.expires_at = received.created_at;
  hold.items = {{t.section, t.seat_id, 1}};
  if (!rows.write_transfer(*from, old.value(), received, hold))
    return Error{ErrorKind::conflict,
                 "ticket_void",
                 "This ticket changed while it was transferred (used at the door or given "
                 "away); nothing was written.",
                 {}};
  rows.enqueue({json::ticket_received_email(received, *event, from->buyer_name)});
  return received;
}

}  // namespace boxoffice
