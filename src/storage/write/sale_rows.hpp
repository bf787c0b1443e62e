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
};

}  // namespace boxoffice
