#pragma once
// What may change on a sold order: a manager's refund of some or all of its tickets, and a
// buyer's transfer of one ticket to another account. Decided here, on an order as read; the write
// transactions (storage/write/refund_write.hpp, transfer_write.hpp) decide again on the order as
// they have locked it.
#include <map>
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "domain/order.hpp"

namespace boxoffice {

// A manager's refund of some of an order's tickets.
struct RefundDecision {
  std::vector<std::string> ticket_ids;  // sorted
  Minor amount = 0;     // what was paid for them: prices and fees less what vouchers paid
  OrderStatus status;   // the order's afterwards: refunded once every ticket is void
  std::vector<std::string> seats;              // the seats they free, sorted
  std::map<std::string, std::int64_t> places;  // the standing places they free, by section
};

// Which tickets of `order` a refund of `named` (all valid tickets not yet admitted when empty)
// gives back, for how much, and what the order becomes. 422 naming "tickets[i]" for an id that is
// not a ticket of this order or is named twice; 409 "ticket_void" naming each ticket already
// void (refunded, cancelled, transferred); 409 "already_checked_in" for a ticket used at the door
// (its place is taken: it cannot go back on sale); 409 "not_refundable" for an order settled
// otherwise (cancelled, credited, voucher_issued, awaiting_choice) or received by transfer (its
// money was paid with the giver's order); 409 "nothing_to_refund" when no ticket is left.
Result<RefundDecision> decide_refund(const Order& order, const std::vector<std::string>& named);

// The key that makes a refund happen once: the same order and the same tickets (in any order)
// give the same key, so a retry of a request never refunds twice.
std::string refund_key(std::string_view order_id, std::vector<std::string> ticket_ids);

// Whether the account `sender_id` may give the ticket `ticket_id` of `order` (of an event in
// `event_status`) to another account: 403 unless the order is the sender's; 404 for a ticket not
// in it; 409 "ticket_void" for a void ticket; 409 "already_checked_in" for a ticket used at the
// door (whoever came in holds the place; a new code would let a second person in);
// 409 "event_cancelled" once its event is cancelled. The ticket to transfer.
Result<Ticket> may_transfer(const Order& order, std::string_view ticket_id,
                            std::string_view sender_id, EventStatus event_status);

}  // namespace boxoffice
