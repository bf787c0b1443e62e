#include "storage/write/refund_write.hpp"

#include <algorithm>

namespace boxoffice {

Result<Order> refund_order(SaleRows& rows, const RefundRecord& refund) {
  rows.guard_event(refund.event_id);
  auto order = rows.guard_order(refund.order_id);
  if (!order || order->event_id != refund.event_id)
    return not_found_error("Order '" + refund.order_id + "'");
  if (rows.refund_stored(refund.id)) return std::move(*order);
  auto decided = decide_refund(*order, refund.ticket_ids);
  if (!decided) return decided.error();
  // Money was given back for exactly these tickets: anything else is not this refund.
  if (decided.value().amount != refund.amount)
    return Error{ErrorKind::conflict,
                 "order_changed",
                 "The order changed while it was refunded; nothing was written.",
                 {}};
  if (!rows.write_refund(refund, decided.value(), decided.value().status))
    return Error{ErrorKind::conflict,
                 "ticket_void",
                 "A ticket of this refund changed while it was refunded; nothing was written.",
                 {}};
  const auto& ids = decided.value().ticket_ids;
  for (auto& t : order->tickets)
    if (std::binary_search(ids.begin(), ids.end(), t.id)) t.void_reason = TicketVoid::refunded;
  order->status = decided.value().status;
  return std::move(*order);
}

}  // namespace boxoffice
