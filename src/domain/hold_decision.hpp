#pragma once
// The one place a hold is decided: the buyer's limit, the time it ends, every seat available and
// every standing area with room, all or nothing. The same rules run twice on the way to the
// database: against the event's places in memory (an early, cheap refusal), and against the rows
// the write batch has locked (the decision that is written). A decision on stale memory is thus
// made again on the truth before anything is kept.
#include <map>
#include <optional>
#include <string>
#include <unordered_set>

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

// Seats this node has decided to hold and handed to the writer, whose batch has not answered
// yet. Decisions on memory count them as taken: without that, a rush of best-available requests
// is given the same seats, and the batch grants them to one request and refuses all the others.
// Standing places are not counted here: requests for them take no particular place, so the batch
// grants as many as there is room for, and counting them twice (in flight, and in counts the feed
// has already brought) would refuse buyers while there is room.
class SeatsInFlight {
 public:
  void add(const Hold& hold);
  void remove(const Hold& hold);
  bool has(const std::string& id) const { return seats_.count(id) > 0; }

  // `ground`, or the seats of a section, with the seats in flight held.
  void take_from(HoldGround& ground) const;
  void take_from(std::vector<Seat>& seats) const;

 private:
  std::unordered_set<std::string> seats_;
};

// `hold` as granted on `ground` (its end moved to the buyer's earliest active hold), or why not:
// 409 "limit_exceeded" when the buyer would pass `limit`, "seats_unavailable" naming every seat
// that is not available (a seat named twice is unavailable the second time) or the first standing
// area without room. A granted hold's places are taken from `ground`.
Result<Hold> decide_hold(Hold hold, int limit, HoldGround& ground);

// `items` added after `hold`'s, a standing area's places joining its item there if it has one.
void add_items(Hold& hold, const std::vector<HoldItem>& items);

// One basket: a buyer adds places to a hold they have, rather than holding them apart. `addition`
// (the places asked for, of `stored`'s buyer and event) is decided by decide_hold with the same
// rules, all or nothing, the buyer's limit counting what they already hold, `stored` included;
// the granted places join `stored` (a standing area's to its item there, if any), which keeps
// its id and its end. The whole hold as extended,
// or why not: 409 "hold_not_active" when `stored` has ended or its time is up at `now`, 403
// "forbidden" when it is another buyer's, 409 "wrong_event" when it is of another event, 409
// "limit_exceeded" past kMaxPlacesPerHold places in one hold, else decide_hold's refusals.
Result<Hold> extend_hold(const Hold& stored, Hold addition, int limit, HoldGround& ground,
                         TimePoint now);

}  // namespace boxoffice
