#pragma once
// The one write transaction of a manager's refund, for every backend, run after the payment
// provider gave the money back (the provider refunds once per key, so the money moves once even
// when this transaction is run again). Inside the backend's write transaction:
//   1. the event's row, then the order's row, kept from other writers until COMMIT (the lock
//      order of every sale transaction), so two refunds or a refund and a transfer of one order
//      run one after the other;
//   2. a refund stored with the same id is the answer: the order as it is, nothing written;
//   3. decide_refund decides again on the tickets as found: a ticket a concurrent refund voided,
//      or one used at the door since, is a 409 and nothing is written;
//   4. the tickets void, their places back on sale (the change feed's triggers tell every node),
//      the refund's row, for an order paid from credit the credit entry that gives it back, the
//      order's status.
// A backend supplies the transaction and the row operations of sale_rows.hpp, nothing else.
#include "storage/write/sale_rows.hpp"

namespace boxoffice {

// Conditions on a ticket `t` and its order `o`, the same on both backends. A ticket that holds
// its place: valid, in an order not settled otherwise (what buyer limits and quotas count; a
// transferred place counts once, for its receiver).
inline constexpr std::string_view kValidTicketSql =
    "t.void_reason IS NULL AND o.status IN ('paid', 'partially_refunded')";
// A ticket sold for money (the sales figures): not refunded nor cancelled, counted with the order
// that paid for it, not with the orders of those it was given to.
inline constexpr std::string_view kSoldTicketSql =
    "o.payment_method <> 'transfer' AND (t.void_reason IS NULL OR t.void_reason = 'transferred') "
    "AND o.status IN ('paid', 'partially_refunded')";

// Before the money moves, in a write transaction of its own: steps 1 to 3, then the refund's
// tickets claimed for it. 409 "refund_in_progress" when another refund claimed one of them (the
// two would both give money back for it), decide_refund's errors, nothing written. Nothing to do
// when the refund is stored already.
Result<void> claim_refund(SaleRows& rows, const RefundRecord& refund);

// Steps 1 to 4: the order afterwards, or why nothing was written.
Result<Order> refund_order(SaleRows& rows, const RefundRecord& refund);

}  // namespace boxoffice
