#include "storage/write/queue_write.hpp"

#include <algorithm>
#include <string>

namespace boxoffice::queue_write {
namespace {

// Ends the live entry `number` as `why` (only an admitted one with `admitted_only`); false, with
// nothing written, if it is not live.
bool end_live_entry(QueueRows& rows, std::string_view event_id, std::int64_t number, QueueState why,
                    bool admitted_only) {
  bool ended = false;
  rows.in_write([&] {
    auto room = rows.guard_room(event_id);
    auto e = room ? rows.load_entry(event_id, number) : std::nullopt;
    if (!e || !end_entry(*room, *e, why, admitted_only)) return false;
    rows.store_entry(*e);
    rows.store_room(*room);
    return ended = true;
  });
  return ended;
}

}  // namespace

QueueRoom queue_room(QueueRows& rows, std::string_view event_id,
                     const std::function<QueueRoom()>& make) {
  if (auto room = rows.load_room(event_id)) return *room;  // all but the first call: no write
  std::optional<QueueRoom> stored;
  rows.in_write([&] {
    if ((stored = rows.guard_room(event_id))) return false;
    QueueRoom room = make();
    room.event_id = std::string(event_id);
    // A process racing us may store its room first: that room stands, and is the one returned,
    // so that every node hands out tokens of the same room.
    rows.insert_room(room);
    stored = rows.guard_room(event_id);
    if (!stored) throw StorageError("a waiting room vanished after it was stored");
    return true;
  });
  return *stored;
}

std::pair<QueueEntry, bool> join_queue(QueueRows& rows, const QueueEntry& entry,
                                       const std::function<std::int64_t(std::int64_t)>& order_key) {
  std::pair<QueueEntry, bool> out;
  rows.in_write([&] {
    auto room = rows.guard_room(entry.event_id);
    if (!room) throw StorageError("no waiting room for event " + entry.event_id);
    // Under the room's guard no other join or claim of the account can slip in between.
    if (entry.account_id) {
      if (auto live = rows.load_live_entry(entry.event_id, *entry.account_id)) {
        out = {std::move(*live), false};
        return false;
      }
    }
    QueueEntry e = entry;
    add_to_line(*room, e, order_key);
    rows.insert_entry(e);
    rows.store_room(*room);
    out = {std::move(e), true};
    return true;
  });
  return out;
}

Result<QueueEntry> claim_queue_entry(QueueRows& rows, std::string_view event_id,
                                     std::int64_t number, std::string_view account_id,
                                     std::chrono::seconds window, TimePoint now) {
  // Every request of an admitted buyer shows its token: once it is theirs and its window whole,
  // no write.
  const auto settled = [&](const QueueEntry& e) {
    return e.account_id == account_id &&
           (e.state != QueueState::admitted || whole_window(e, window) || *e.admitted_until <= now);
  };
  if (auto e = rows.load_entry(event_id, number); e && settled(*e)) return *e;
  Result<QueueEntry> out = not_found_error("Queue entry");
  rows.in_write([&] {
    auto room = rows.guard_room(event_id);
    auto e = room ? rows.load_entry(event_id, number) : std::nullopt;
    if (!e) return false;
    if (settled(*e)) {  // claimed and started by a request of the same buyer meanwhile
      out = *e;
      return false;
    }
    bool changed = false;
    if (e->account_id != account_id) {
      // The entry is not the account's, so any live entry of the account is another one.
      const bool other = rows.load_live_entry(event_id, account_id).has_value();
      if (auto claimed = claim_entry(*room, *e, std::string(account_id), other); !claimed) {
        out = claimed.error();
        return false;
      }
      changed = true;
    }
    changed = start_shopping(*room, *e, window, now) || changed;
    out = *e;
    if (!changed) return false;
    rows.store_entry(*e);
    rows.store_room(*room);
    return true;
  });
  return out;
}

bool leave_queue(QueueRows& rows, std::string_view event_id, std::int64_t number) {
  return end_live_entry(rows, event_id, number, QueueState::left, false);
}

bool complete_queue_entry(QueueRows& rows, std::string_view event_id, std::string_view account_id) {
  // Called after every order, and most events have no room: the write is begun only for an
  // admitted entry, which end_live_entry checks again under the room's guard.
  const auto e = rows.load_live_entry(event_id, account_id);
  if (!e || e->state != QueueState::admitted) return false;
  return end_live_entry(rows, event_id, e->number, QueueState::completed, true);
}

void activate_queue(QueueRows& rows, std::string_view event_id, TimePoint now) {
  rows.in_write([&] {
    auto room = rows.guard_room(event_id);
    if (!room || room->active_since) return false;  // on for good: the first switch stands
    room->active_since = now;
    ++room->seq;
    rows.store_room(*room);
    return true;
  });
}

Storage::QueueRound admit_from_queue(
    QueueRows& rows, std::string_view event_id, TimePoint now, CheckoutWindow window,
    const std::function<std::int64_t(const QueueRoom&)>& how_many) {
  Storage::QueueRound round;
  rows.in_write([&] {
    auto room = rows.guard_room(event_id);
    if (!room) return false;
    // The round's one seq (admit below moves the room to it) also stamps the entries it expires.
    if (room->admitted > 0) round.expired = rows.expire_admitted(event_id, now, room->seq + 1);
    room->admitted -= round.expired;
    const auto wanted = std::min(how_many(*room), room->waiting);
    if (wanted > 0) round.admitted = rows.next_in_line(event_id, wanted);
    if (round.admitted.empty() && round.expired == 0) return false;  // nothing to write
    admit(*room, round.admitted, now, window);
    if (!round.admitted.empty()) rows.store_admitted(event_id, round.admitted, now);
    rows.store_room(*room);
    return true;
  });
  return round;
}

std::optional<QueueChanges> queue_changes(QueueRows& rows, std::string_view event_id,
                                          std::int64_t after, std::int64_t max_seqs) {
  std::optional<QueueChanges> out;
  // One moment: the room's seq and counts, and every entry stamped up to `through`.
  rows.in_snapshot([&] {
    auto room = rows.load_room(event_id);
    if (!room) return;
    const auto through = std::max(after, std::min(room->seq, after + max_seqs));
    out = QueueChanges{std::move(*room), through, {}};
    if (through > after) out->entries = rows.changed_entries(event_id, after, through);
  });
  return out;
}

}  // namespace boxoffice::queue_write
