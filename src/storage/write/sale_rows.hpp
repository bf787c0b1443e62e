#pragma once
// The row operations of the write transactions of a sale (holds in hold_batch.hpp, orders in
// order_write.hpp), which a backend supplies in its dialect inside its write transaction. Each
// guard_ operation reads rows and keeps them from other writers until COMMIT (row locks, or
// SQLite's single writer), so that what the transaction decides on them still holds when it
// commits.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/storage.hpp"
#include "domain/hold_decision.hpp"
#include "domain/order_changes.hpp"

namespace boxoffice {

class SaleRows {
 public:
  virtual ~SaleRows() = default;
  // The event as stored, its row kept from a manager's change until COMMIT; nullopt if none.
  virtual std::optional<Event> guard_event(std::string_view event_id) = 0;
  virtual LayoutVersion layout_version(std::string_view layout_id, int version) = 0;
  // What each account (sorted, distinct) holds in active holds or bought of the event, and when
  // its earliest active hold ends; every account is in the answer.
  virtual std::map<std::string, BuyerPlaces> guard_buyers(
      std::string_view event_id, const std::vector<std::string>& accounts) = 0;
  // The state of each seat (sorted, distinct) that exists.
  virtual std::map<std::string, SeatState> guard_seats(std::string_view event_id,
                                                       const std::vector<std::string>& seats) = 0;
  // The stored counts of the standing areas named (sorted, distinct).
  virtual std::map<std::string, StoredCounts::Area> guard_areas(
      std::string_view event_id, const std::vector<std::string>& sections) = 0;
  // Writes the granted holds of one event: their rows and items, their seats held and their
  // areas' held counts. Throws StorageError when a seat is not available after all.
  virtual void write_holds(std::string_view event_id, const std::vector<Hold>& holds) = 0;
  // Adds the items of `additions` (each named by the id of a hold of the event, locked by
  // guard_hold, and holding only the places to add) after the hold's items (a standing area's
  // places to its item there, if it has one), counted in holds.places; their seats held by it and
  // their areas' held counts raised. Throws StorageError when a seat is not available after all.
  virtual void add_to_holds(std::string_view event_id, const std::vector<Hold>& additions) = 0;

  // The hold with its items, its row kept from every other change until COMMIT; nullopt if none.
  virtual std::optional<Hold> guard_hold(std::string_view hold_id) = 0;

  // Ending and shrinking holds (hold_end.hpp). The active holds due to expire at `now` (at most
  // `max`, earliest first), with their items, locked; holds another process has locked are
  // skipped, not waited for.
  virtual std::vector<Hold> guard_due_holds(TimePoint now, std::size_t max) = 0;
  // Ends the holds (each locked by guard_hold or guard_due_holds) as `why` where they are still
  // active; how many it ended.
  virtual std::size_t end_holds(const std::vector<std::string>& ids, HoldStatus why) = 0;
  // Makes those of `seats` that `hold_id` holds available again; how many.
  virtual std::size_t free_seats(std::string_view event_id, std::string_view hold_id,
                                 const std::vector<std::string>& seats) = 0;
  // Standing areas (by section, in order) hold that many places fewer.
  virtual void free_areas(std::string_view event_id,
                          const std::map<std::string, std::int64_t>& places) = 0;
  // Stores `hold`'s items anew, in their order, after part of it was released.
  virtual void rewrite_items(const Hold& hold) = 0;

  // Orders (order_write.hpp). The account's order with this idempotency key, if any.
  virtual std::optional<Order> earlier_order(std::string_view account_id,
                                             std::string_view idempotency_key) = 0;
  virtual std::vector<TicketType> event_ticket_types(std::string_view event_id) = 0;
  // Tickets sold of each of `types` (sorted), kept from other orders' sales until COMMIT.
  virtual std::map<std::string, std::int64_t> guard_sold(std::string_view event_id,
                                                         const std::vector<std::string>& types) = 0;
  // Writes the order and its tickets, sells the hold's places and marks it purchased. False, with
  // nothing written, when another order already has the account's idempotency key.
  virtual bool write_order(const Order& order, const Hold& hold) = 0;
  // The vouchers stored with `codes` (sorted, distinct), kept from other orders until COMMIT.
  virtual std::vector<Voucher> guard_vouchers(const std::vector<std::string>& codes) = 0;
  // The voucher `code`, issued, becomes redeemed by the ticket `ticket_id`.
  virtual void redeem_voucher(std::string_view code, std::string_view ticket_id) = 0;
  // The account's credit balance in `currency`, kept from its other payments until COMMIT.
  virtual Minor guard_credit(std::string_view account_id, std::string_view currency) = 0;

  // Refunds, transfers and settlements (refund_write.hpp, transfer_write.hpp,
  // settlement_write.hpp). The order with its tickets, its row kept from every other change of
  // the order until COMMIT; nullopt if none.
  virtual std::optional<Order> guard_order(std::string_view order_id) = 0;
  // Whether a refund with this id is stored.
  virtual bool refund_stored(std::string_view refund_id) = 0;
  // Claims the tickets `ids` of the order for the refund `refund_id` where they are valid, not
  // used at the door, and not claimed by another refund; true when every one is.
  virtual bool claim_tickets(std::string_view order_id, const std::vector<std::string>& ids,
                             std::string_view refund_id) = 0;
  // Whether a valid ticket of the order is claimed by a refund under way.
  virtual bool refund_claimed(std::string_view order_id) = 0;
  // Lets go of the claims of `refund_id` on the order's tickets that are still valid.
  virtual void release_tickets(std::string_view order_id, std::string_view refund_id) = 0;
  // The tickets of `decided` void (refunded, claimed by `refund`) where still valid, not used at
  // the door and not claimed by another refund, and only then their seats available (sold to the
  // order) and their areas sold fewer. False, with nothing written, when a ticket was not valid
  // after all.
  virtual bool void_refunded(const RefundRecord& refund, const RefundDecision& decided) = 0;
  // Voids `old` (transferred, naming `received`'s ticket) where still valid and not used at the
  // door, and only then writes `received` with its ticket and `hold`, and moves the seat to the
  // new order. False, with nothing written, when the ticket was not valid after all.
  virtual bool write_transfer(const Order& from, const Ticket& old, const Order& received,
                              const Hold& hold) = 0;

  // Settlements (settlement_write.hpp); guard_order above. A new settlement (none for the event
  // yet: the first one stays).
  virtual void insert_settlement(const Settlement& settlement) = 0;
  // The event's active holds (at most `max`), with their items, locked like guard_due_holds.
  virtual std::vector<Hold> guard_event_holds(std::string_view event_id, std::size_t max) = 0;
  virtual void void_tickets(const std::vector<std::string>& ticket_ids, TicketVoid why) = 0;
  virtual void set_order_status(std::string_view order_id, OrderStatus status) = 0;
  virtual void insert_refund(const RefundRecord& refund) = 0;
  virtual void insert_credit(const CreditEntry& entry) = 0;
  virtual void insert_voucher(const Voucher& voucher) = 0;

  // The outbox (app/outbox.hpp): writes the messages with their deliveries, due at once, in this
  // transaction, so that they are sent if and only if the change commits. An e-mail gets one
  // delivery; an event one per webhook registered for its type.
  virtual void enqueue(const std::vector<OutboxMessage>& messages) = 0;
};

}  // namespace boxoffice
