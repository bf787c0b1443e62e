#pragma once
// The change feed of an event's places. The database records every change of a seat's state, of a
// standing area's counts and of the event itself (its settings, layout or prices), numbered per
// event in commit order. An InventoryState is an event's places as of one number of that feed,
// brought forward by the changes that follow it.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/hold.hpp"
#include "domain/inventory.hpp"

namespace boxoffice {

struct InventoryChange {
  enum class Kind { seat, area, event };
  std::int64_t seq = 0;
  Kind kind = Kind::seat;
  std::string item;  // the seat id or the standing area's key; empty for the event
  SeatState state = SeatState::available;  // a seat's new state
  StoredCounts::Area area;                 // a standing area's counts after the change
};

// Reads the kind as the database records it ("seat", "area", "event").
std::optional<InventoryChange::Kind> parse_change_kind(std::string_view text);

// An event's places at `seq`: every seat with its state, and the standing areas' counts.
struct InventorySnapshot {
  std::int64_t seq = 0;
  std::vector<Seat> seats;  // by section, then position
  std::map<std::string, StoredCounts::Area> areas;
};

// What a batch of changes did, for the clients that watch the event.
struct InventoryUpdate {
  std::int64_t seq = 0;
  std::vector<std::pair<std::string, SeatState>> seats;  // seat id, new state; in feed order
  std::set<std::string> sections;                        // sections whose counts changed
};

class InventoryState {
 public:
  explicit InventoryState(InventorySnapshot snapshot);

  std::int64_t seq() const { return seq_; }
  const StoredCounts& counts() const { return counts_; }
  // The seats of a section in position order; empty for an unknown or standing section.
  std::vector<Seat> seats(std::string_view section) const;
  // Calls `visit(const Seat&)` on each seat of a section in position order, copying nothing: a
  // stadium's whole map is read this way (the seat map).
  template <class Visit>
  void visit_seats(std::string_view section, Visit&& visit) const {
    if (auto it = by_section_.find(section); it != by_section_.end())
      for (auto i : it->second) visit(seats_[i]);
  }
  // The state of one seat; nullopt for a seat the event does not have.
  std::optional<SeatState> seat_state(const std::string& id) const;

  // Applies `changes` (in feed order; those up to seq() are skipped) and says what they did.
  // Returns false, and applies nothing, when one of them changed the event itself: then the whole
  // state must be read again, since seats may have come or gone with a new layout.
  bool apply(const std::vector<InventoryChange>& changes, InventoryUpdate& update);

  // The seats of a hold this node has just written, held before the feed brings them, so that no
  // decision made meanwhile chooses them again. The feed's change comes later and agrees (or
  // came first, and the seat is held already). Standing places are left to the feed: adding them
  // here could count them twice.
  void note_held(const Hold& hold);

 private:
  std::int64_t seq_;
  std::vector<Seat> seats_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_section_;
  StoredCounts counts_;
};

}  // namespace boxoffice
