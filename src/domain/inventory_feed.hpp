#pragma once
// The change feed of an event's places. The database records every change of a seat's state, of a
// standing area's counts and of the event itself (its settings, layout or prices), numbered per
// event in commit order. An InventoryState is an event's places as of one number of that feed,
// brought forward by the changes that follow it.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/hold.hpp"
#include "domain/inventory.hpp"
#include "domain/layout.hpp"

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

// The places of an event whose seats are those of its pinned layout version: one byte of state
// per seat, in the layout's order (section, row, seat), so that a stadium's 100,000 seats take
// 100 KB beside the layout rather than a string id and a hash-map node each. A seat id
// "<section>/<row>/<seat>" is found by its parts: the section and the row by their labels, the
// seat by its number in a row that counts from a number (most rows), else by its label.
class InventoryState {
 public:
  InventoryState(std::shared_ptr<const LayoutVersion> layout, InventorySnapshot snapshot);

  std::int64_t seq() const { return seq_; }
  const StoredCounts& counts() const { return counts_; }
  // The seats of a section in position order; empty for an unknown or standing section.
  std::vector<Seat> seats(std::string_view section) const;
  // Calls `visit(std::optional<SeatState>)` for each seat of a section's layout in position
  // order (nullopt for a seat the event has no row for), copying nothing: a stadium's whole map
  // is read this way (the seat map).
  template <class Visit>
  void visit_states(std::string_view section, Visit&& visit) const {
    if (auto it = sections_.find(section); it != sections_.end())
      for (auto i = it->second.first; i < it->second.end; ++i) visit(state_at(i));
  }
  // The state of one seat; nullopt for a seat the event does not have.
  std::optional<SeatState> seat_state(std::string_view id) const;

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
  struct RowIndex {
    std::size_t row;                     // in the section's rows
    std::size_t first;                   // the position of its first seat
    std::optional<std::int64_t> number;  // counts_from(row)
  };
  struct SectionIndex {
    const Section* section;
    std::size_t first, end;  // its seats' positions
    std::map<std::string, RowIndex, std::less<>> rows;
  };
  struct Place {
    const std::string* section;  // the section's key
    std::size_t position;
  };
  static constexpr std::uint8_t kAbsent = 0xff;  // a layout seat the event has no row for

  // Where the seat `id` is in the layout; nullopt for a malformed id or a seat it lacks.
  std::optional<Place> place(std::string_view id) const;
  std::optional<SeatState> state_at(std::size_t position) const {
    if (states_[position] == kAbsent) return std::nullopt;
    return static_cast<SeatState>(states_[position]);
  }
  // Sets a present seat's state, moving the counts.
  void set_state(const Place& place, SeatState state);

  std::int64_t seq_;
  std::shared_ptr<const LayoutVersion> layout_;
  std::map<std::string, SectionIndex, std::less<>> sections_;  // seated sections by key
  std::vector<std::uint8_t> states_;                           // a SeatState or kAbsent
  StoredCounts counts_;
};

}  // namespace boxoffice
