#pragma once
// The one write transaction of an order, for every backend. Inside the backend's write
// transaction:
//   1. the event's row, then the hold's row, kept from other writers until COMMIT (in this order,
//      the lock order of every transaction that touches both);
//   2. an order already stored with the account's idempotency key is the answer, nothing written;
//   3. may_buy decides on the event and the hold as locked: sales not stopped, the hold active and
//      the buyer's, its places the order's tickets;
//   4. the tickets sold of the order's ticket types that have a quota, kept from other orders'
//      sales, and within_quotas;
//   5. the vouchers named on its tickets, kept from other orders, and redeem_vouchers on them (a
//      voucher redeemed since refuses the order: vouchers_refused); for an order paid from
//      credit, the buyer's credit kept from other payments, and credit_covers on its balance;
//   6. the order and its tickets written, the hold's places sold, the hold purchased, the
//      vouchers redeemed, the credit spent;
//   7. the outbox: the buyer's confirmation e-mail and the "order.paid" event for webhooks.
// A backend supplies the transaction and the row operations of sale_rows.hpp, nothing else.
#include <optional>

#include "storage/write/sale_rows.hpp"

namespace boxoffice {

// Steps 1 to 7 above: the order stored (or the earlier one with its key), or why not. nullopt
// when the write found another order with the same key after all (another node's, committed
// after step 2): the transaction must then be rolled back and that order read.
std::optional<Result<Order>> place_order(SaleRows& rows, const Order& order, TimePoint now);

}  // namespace boxoffice
