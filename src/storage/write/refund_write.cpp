#include "storage/write/refund_write.hpp"

#include <algorithm>
#include <optional>

#include "json/outbox_json.hpp"

namespace boxoffice {
namespace {

// Steps 1 to 3: the order as locked, and the refund decided again on it (none when the refund is
// stored already).
struct Found {
  Order order;
  std::optional<RefundDecision> decided;
};

Result<Found> decide_again(SaleRows& rows, const RefundRecord& refund) {
  rows.guard_event(refund.event_id);
  auto order = rows.guard_order(refund.order_id);
  if (!order || order->event_id != refund.event_id)
    return not_found_error("Order '" + refund.order_id + "'");
  if (rows.refund_stored(refund.id)) return Found{std::move(*order), std::nullopt};
  auto decided = decide_refund(*order, refund.ticket_ids);
  if (!decided) return decided.error();
  // Money is given back for exactly these tickets: anything else is not this refund.
  if (decided.value().amount != refund.amount)
    return Error{ErrorKind::conflict,
                 "order_changed",
                 "The order changed while it was refunded; nothing was written.",
                 {}};
  return Found{std::move(*order), std::move(decided).value()};
}

}  // namespace

Result<void> claim_refund(SaleRows& rows, const RefundRecord& refund) {
  auto found = decide_again(rows, refund);
  if (!found) return found.error();
  const auto& decided = found.value().decided;
  if (!decided) return {};
  if (!rows.claim_tickets(refund.order_id, decided->ticket_ids, refund.id))
    return Error{ErrorKind::conflict,
                 "refund_in_progress",
                 "Another refund of a ticket named is under way; nothing was refunded.",
                 {}};
  return {};
}

Result<Order> refund_order(SaleRows& rows, const RefundRecord& refund) {
  auto found = decide_again(rows, refund);
  if (!found) return found.error();
  Order& order = found.value().order;
  const auto& decided = found.value().decided;
  if (!decided) return std::move(order);
  if (!rows.void_refunded(refund, *decided))
    return Error{ErrorKind::conflict,
                 "ticket_void",
                 "A ticket of this refund changed while it was refunded; nothing was written.",
                 {}};
  rows.insert_refund(refund);
  // Money paid from credit goes back to it here, keyed by the refund: written with it, once.
  if (refund.method == kCreditPayment && refund.amount > 0)
    rows.insert_credit({refund.reference, order.account_id, order.currency, refund.amount, "refund",
                        order.id, refund.created_at});
  rows.set_order_status(order.id, decided->status);
  for (auto& t : order.tickets)
    if (std::binary_search(decided->ticket_ids.begin(), decided->ticket_ids.end(), t.id))
      t.void_reason = TicketVoid::refunded;
  order.status = decided->status;
  if (const auto event = rows.guard_event(refund.event_id))
    rows.enqueue(json::order_refunded_messages(order, *event, refund.amount, refund.created_at));
  return std::move(order);
}

}  // namespace boxoffice
