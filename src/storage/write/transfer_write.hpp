#pragma once
// The one write transaction of a ticket's transfer, for every backend. Inside the backend's write
// transaction:
//   1. the event's row, then the giver's order's row, kept from other writers until COMMIT;
//   2. may_transfer decides again on them: the giver's, the ticket valid and not used at the door,
//      the event not cancelled (of two transfers of one ticket, the second finds it void);
//   3. the old ticket void as transferred, naming the new one, guarded in its statement (a
//      check-in committed meanwhile leaves it valid, and nothing is written);
//   4. the receiver's order: a hold of status purchased for the place (orders name a hold of
//      their own; it is never active, so no buyer limit counts it twice), an order with total 0
//      and payment_method "transfer", its one ticket with the new id and code and the old one's
//      place, type and price; a seat names the new order. The place stays sold: availability does
//      not change, and the buyer limit counts the ticket for the receiver, no longer the giver.
// A backend supplies the transaction and the row operations of sale_rows.hpp, nothing else.
#include "storage/write/sale_rows.hpp"

namespace boxoffice {

// Steps 1 to 4 at `transfer.received.created_at`: the receiver's order, or why nothing was
// written.
Result<Order> transfer_ticket(SaleRows& rows, const TicketTransfer& transfer);

}  // namespace boxoffice
