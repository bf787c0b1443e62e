#pragma once
// The one place a hold is decided: the buyer's limit, the time it ends, every seat available and
// every standing area with room, all or nothing. The same rules run twice on the way to the
// database: against the event's places in memory (an early, cheap refusal), and against the rows
// the write batch has locked (the decision that is written). A decision on stale memory is thus
// made again on the truth before anything is kept.
#include <map>
#include <optional>
#include <string>

#include "domain/event.hpp"
#include "domain/hold.hpp"
#include "domain/inventory.hpp"

namespace boxoffice {

// What a buyer already has of one event: places held in active holds plus tickets bought, and
// when their earliest active hold ends.
struct BuyerPlaces {
  std::int64_t held_or_bought = 0;
  std::optional<TimePoint> earliest_active;
};

// The ground a batch of holds of one event is decided on. Each granted hold takes its places
// from it, so the next hold of the same batch cannot have them too.
struct HoldGround {
  std::map<std::string, SeatState> seats;      // at least every seat asked for; missing: unknown
  std::map<std::string, SectionCounts> areas;  // the standing areas asked for
  // The buyers the limit is checked for; a buyer not here is not checked (memory does not know
  // what each buyer holds, the database does).
  std::map<std::string, BuyerPlaces> buyers;
};

// `hold` as granted on `ground` (its end moved to the buyer's earliest active hold), or why not:
// 409 "limit_exceeded" when the buyer would pass `limit`, "seats_unavailable" naming every seat
// that is not available (a seat named twice is unavailable the second time) or the first standing
// area without room. A granted hold's places are taken from `ground`.
Result<Hold> decide_hold(Hold hold, int limit, HoldGround& ground);

}  // namespace boxoffice
