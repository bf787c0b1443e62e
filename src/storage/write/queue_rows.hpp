#pragma once
// The row operations of the waiting room's transactions (queue_write.hpp), which a backend
// supplies in its dialect. Unlike the sale's (sale_rows.hpp), the queue's shapes open their
// transactions themselves, through in_write and in_snapshot: several first read without one
// (claiming an entry already the caller's, completing an entry when the event has no room, the
// room on every request) so that SQLite's single writer is not taken for nothing, and only the
// shape knows when a write is needed.
//
// Every write to a room or its entries guards the room's row first (guard_room) and keeps it
// until COMMIT: writes to one room, from any process, run one after another, so the seq they stamp
// follows commit order and the room's counts stay exact. Entries are changed only under their
// room's guard, so once the room is guarded the entries read are as the last writer left them.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "app/storage.hpp"

namespace boxoffice {

class QueueRows {
 public:
  virtual ~QueueRows() = default;

  // Runs `body` in the backend's write transaction: kept (committed) when `body` returns true,
  // rolled back when it returns false or throws.
  virtual void in_write(const std::function<bool()>& body) = 0;
  // Runs `body` in a read-only transaction whose reads all see one moment.
  virtual void in_snapshot(const std::function<void()>& body) = 0;

  // Reads, with or without a transaction; they lock nothing.
  virtual std::optional<QueueRoom> load_room(std::string_view event_id) = 0;
  virtual std::optional<QueueEntry> load_entry(std::string_view event_id, std::int64_t number) = 0;
  // The account's live (waiting or admitted) entry for the event, if any.
  virtual std::optional<QueueEntry> load_live_entry(std::string_view event_id,
                                                    std::string_view account_id) = 0;
  // The room's entries stamped with a seq in (after, through], by seq.
  virtual std::vector<QueueEntry> changed_entries(std::string_view event_id, std::int64_t after,
                                                  std::int64_t through) = 0;

  // Inside in_write only.
  // The room as it is, its row kept from every other writer until COMMIT; nullopt if none.
  virtual std::optional<QueueRoom> guard_room(std::string_view event_id) = 0;
  // Stores a new room (event_id, seed, commitment, token_key; counts at zero) unless the event
  // has one already: then the stored room stands.
  virtual void insert_room(const QueueRoom& room) = 0;
  // Stores the room's seq, counts and active_since.
  virtual void store_room(const QueueRoom& room) = 0;
  // Stores a new waiting entry.
  virtual void insert_entry(const QueueEntry& entry) = 0;
  // Stores the entry's state, account, admission window and seq.
  virtual void store_entry(const QueueEntry& entry) = 0;
  // Admitted entries of the room whose window ended by `now` expire, stamped `seq`; how many.
  virtual std::int64_t expire_admitted(std::string_view event_id, TimePoint now,
                                       std::int64_t seq) = 0;
  // The first `max` waiting entries of the room, in line order (order key, then number).
  virtual std::vector<QueueEntry> next_in_line(std::string_view event_id, std::int64_t max) = 0;
  // Stores `entries` (of the room, just admitted) as admitted, and owes each a notice, made at
  // `now`, on each channel it gave an address for.
  virtual void store_admitted(std::string_view event_id, const std::vector<QueueEntry>& entries,
                              TimePoint now) = 0;
};

}  // namespace boxoffice
