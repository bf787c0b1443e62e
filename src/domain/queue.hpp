#pragma once
// The waiting room: who is in line for an event, in what order, and how many may shop at once.
//
// Order. Everyone who joins before sales open is placed by a draw: a key derived from the event's
// secret seed and their join number, so arriving early gives no edge. The seed's hash is public
// before sales open and the seed itself after, so anyone can recompute the draw. Who joins after
// sales open is placed behind every drawn entry, first come, first served.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "domain/event.hpp"
#include "domain/ranked_places.hpp"
#include "domain/time.hpp"

namespace boxoffice {

enum class QueueState { waiting, admitted, expired, left, completed };
std::string_view to_string(QueueState state);
std::optional<QueueState> parse_queue_state(std::string_view text);

// Order keys below this come from the draw, the others are join numbers after it.
inline constexpr std::int64_t kFirstComeKeys = std::int64_t{1} << 62;
// A drawn key from a 64-bit digest of (seed, number): its top 62 bits, so it sorts before every
// first-come key.
inline std::int64_t drawn_key(std::uint64_t digest) {
  return static_cast<std::int64_t>(digest >> 2);
}
inline std::int64_t first_come_key(std::int64_t number) {
  return kFirstComeKeys + number;
}
inline bool drawn(std::int64_t order_key) {
  return order_key < kFirstComeKeys;
}

struct QueueEntry {
  std::string event_id;
  std::int64_t number = 0;  // 1 for the first to join the event's line, then 2, ...
  std::int64_t order_key = 0;
  std::optional<std::string> account_id;  // set on joining signed in, or on first use
  QueueState state = QueueState::waiting;
  TimePoint joined_at;
  std::optional<TimePoint> admitted_at;
  std::optional<TimePoint> admitted_until;  // the end of the checkout window
  std::string notify_email;
  std::string notify_phone;
  std::int64_t seq = 0;  // the room's change number of this entry's last change
};

// An event's line as a whole.
struct QueueRoom {
  std::string event_id;
  std::string seed;        // hex; secret until sales open
  std::string commitment;  // hex SHA-256 of the seed, public from the start
  std::string token_key;   // hex; signs the entries' tokens
  std::int64_t seq = 0;    // bumped by every change of the room or one of its entries
  std::int64_t joined = 0;
  std::int64_t waiting = 0;
  std::int64_t admitted = 0;
  std::optional<TimePoint> active_since;  // switched on by demand or a sell-out; stays on
};

// The room's bookkeeping of its line, the same on every backend: each applies to the room and
// entries as read under the room's lock, and the caller writes them back in that transaction.
//
// A new entry at the end of the line: the next number, its order key, waiting, a new seq.
template <class OrderKey>
void add_to_line(QueueRoom& room, QueueEntry& entry, OrderKey&& order_key) {
  entry.number = ++room.joined;
  entry.order_key = order_key(entry.number);
  entry.state = QueueState::waiting;
  entry.seq = ++room.seq;
  ++room.waiting;
}
// Binds an unbound entry to `account_id` on its first use (a new seq). 409 "queue_token_taken"
// when another account has it, "queue_entry_exists" when `has_other_live_entry` (an account has
// one live entry per event); nothing changes then.
Result<void> claim_entry(QueueRoom& room, QueueEntry& entry, const std::string& account_id,
                         bool has_other_live_entry);
// Ends a live entry as `why`; false, changing nothing, if it is not live (with `admitted_only`:
// not admitted).
bool end_entry(QueueRoom& room, QueueEntry& entry, QueueState why, bool admitted_only);
// How long an admitted buyer may shop. They have `start_within` of the `whole` window to start
// (their first hold, see start_shopping), so that a turn nobody takes, such as one of the many
// joins a bot made, passes to the next in line soon instead of at the end of a whole window.
struct CheckoutWindow {
  std::chrono::seconds whole;
  std::chrono::seconds start_within;
};
// Admits `next` (waiting entries, in line order) under one new seq: the seq of the round, which
// also stamps the entries whose window ended in it.
void admit(QueueRoom& room, std::vector<QueueEntry>& next, TimePoint now, CheckoutWindow window);
// Whether an admitted entry has its whole `window`: after its first hold, or when the window is no
// longer than the time to start.
bool whole_window(const QueueEntry& entry, std::chrono::seconds window);
// The first hold of an admitted buyer opens the rest of the window, counted from admission (a new
// seq); false, changing nothing, if the entry is not admitted, already has its whole window, or
// its time to start has passed by `now` (a turn not taken in time stays lost).
bool start_shopping(QueueRoom& room, QueueEntry& entry, std::chrono::seconds window, TimePoint now);

// Whether holds for the event need an admitted entry.
bool queue_active(const Event& event, const QueueRoom& room);

// Whether demand switches the room on: `held` places held right now, `available` unsold and
// unheld, and someone joined while nothing was left (the waiting list after a sell-out).
bool should_activate(const QueueSettings& settings, std::int64_t held, std::int64_t available,
                     std::int64_t waiting);

// How many to admit now: never past max_active shoppers at once, and never more shoppers than
// places left to buy (each admitted shopper must be able to buy at least one).
std::int64_t admissions(const QueueSettings& settings, std::int64_t admitted,
                        std::int64_t available);

// Admissions over the last minutes, for estimates of the wait.
class AdmissionRate {
 public:
  void record(TimePoint at, std::int64_t count);
  // Admissions per second over the window ending at `now`; nullopt before any were seen in it.
  std::optional<double> per_second(TimePoint now) const;

 private:
  static constexpr std::chrono::seconds kWindow{10 * 60};
  std::deque<std::pair<TimePoint, std::int64_t>> admitted_;
};

// Seconds until `ahead` others have been admitted: from the measured rate, else from the room's
// capacity turning over once per window (the best guess before anyone was admitted).
std::int64_t estimated_wait_seconds(std::int64_t ahead, std::optional<double> measured,
                                    const QueueSettings& settings);

// The entries of one line in memory, with their order, so that a position costs O(log n) and a few
// cache misses (ranked_places.hpp). Only what a waiting buyer's status needs is kept
// (bench/RESULTS.md measures a million).
class QueueLine {
 public:
  struct Slot {
    std::int64_t order_key = 0;
    std::int64_t seq = 0;
    std::int64_t admitted_until = 0;  // unix seconds; 0 before admission
    QueueState state = QueueState::waiting;
    std::int32_t granted = 0;  // seconds from admission to admitted_until
  };
  // Adds or updates an entry (a change older than what is held is ignored).
  void apply(const QueueEntry& entry);
  const Slot* slot(std::int64_t number) const;
  // Entries waiting before this one; nullopt unless it is waiting.
  std::optional<std::int64_t> ahead(std::int64_t number) const;
  std::int64_t waiting() const { return waiting_.size(); }
  std::int64_t last_number() const { return static_cast<std::int64_t>(slots_.size()); }

 private:
  std::vector<Slot> slots_;  // [number - 1]; seq 0: not seen yet
  RankedPlaces waiting_;     // the places of waiting entries
};

}  // namespace boxoffice
