#include "domain/hold_decision.hpp"

#include <algorithm>
#include <vector>

namespace boxoffice {

Result<Hold> decide_hold(Hold hold, int limit, HoldGround& ground) {
  auto buyer = ground.buyers.find(hold.account_id);
  if (buyer != ground.buyers.end()) {
    if (auto allowed = within_buyer_limit(buyer->second.held_or_bought, hold.places(), limit);
        !allowed)
      return allowed.error();
    end_with_earlier_holds(hold, buyer->second.earliest_active);
  }

  FieldErrors taken;
  std::vector<SeatState*> mine;                  // seats this hold took from the ground
  std::map<std::string, std::int64_t> standing;  // section -> places asked for
  for (const auto& item : hold.items) {
    if (item.seat_id.empty()) {
      standing[item.section] += item.quantity;
      continue;
    }
    auto seat = ground.seats.find(item.seat_id);
    if (seat == ground.seats.end() || seat->second != SeatState::available) {
      taken[item.seat_id] = "is not available";
    } else {
      seat->second = SeatState::held;
      mine.push_back(&seat->second);
    }
  }
  std::optional<Error> refused;
  if (!taken.empty()) refused = seats_taken_error(std::move(taken));
  for (auto it = standing.begin(); !refused && it != standing.end(); ++it) {
    auto area = ground.areas.find(it->first);
    SectionCounts none;  // not a standing area of the event: no room
    none.key = it->first;
    const SectionCounts& counts = area == ground.areas.end() ? none : area->second;
    if (counts.available() < it->second) refused = standing_full_error(counts);
  }
  if (refused) {
    for (auto* seat : mine) *seat = SeatState::available;
    return std::move(*refused);
  }

  for (const auto& [section, quantity] : standing) ground.areas[section].held += quantity;
  if (buyer != ground.buyers.end()) {
    buyer->second.held_or_bought += hold.places();
    buyer->second.earliest_active = hold.expires_at;  // never later than the earlier ones
  }
  hold.status = HoldStatus::active;
  return hold;
}

void add_items(Hold& hold, const std::vector<HoldItem>& items) {
  for (const auto& item : items) {
    // A hold has one item per standing area: more places there join it.
    auto same = std::find_if(hold.items.begin(), hold.items.end(), [&item](const HoldItem& i) {
      return item.seat_id.empty() && i.seat_id.empty() && i.section == item.section;
    });
    if (same != hold.items.end())
      same->quantity += item.quantity;
    else
      hold.items.push_back(item);
  }
}

Result<Hold> extend_hold(const Hold& stored, Hold addition, int limit, HoldGround& ground,
                         TimePoint now) {
  if (!stored.active_at(now))
    return hold_not_active_error(stored.status == HoldStatus::active ? HoldStatus::expired
                                                                     : stored.status);
  if (stored.account_id != addition.account_id)
    return Error{ErrorKind::forbidden, "forbidden", "This hold belongs to another buyer.", {}};
  if (stored.event_id != addition.event_id)
    return Error{ErrorKind::conflict, "wrong_event", "This hold is for another event.", {}};
  if (stored.places() + addition.places() > kMaxPlacesPerHold)
    return Error{ErrorKind::conflict,
                 "limit_exceeded",
                 "At most " + std::to_string(kMaxPlacesPerHold) + " places in one hold; it has " +
                     std::to_string(stored.places()) + ".",
                 {{"limit", std::to_string(kMaxPlacesPerHold)}}};
  addition.id = stored.id;
  addition.created_at = stored.created_at;
  addition.expires_at = stored.expires_at;  // the buyer's earlier holds cannot end it sooner
  auto granted = decide_hold(std::move(addition), limit, ground);
  if (!granted) return granted.error();
  Hold whole = stored;
  add_items(whole, granted.value().items);
  return whole;
}

void SeatsInFlight::add(const Hold& hold) {
  for (const auto& item : hold.items)
    if (!item.seat_id.empty()) seats_.insert(item.seat_id);
}

void SeatsInFlight::remove(const Hold& hold) {
  for (const auto& item : hold.items) seats_.erase(item.seat_id);
}

void SeatsInFlight::take_from(HoldGround& ground) const {
  for (auto& [id, state] : ground.seats)
    if (state == SeatState::available && has(id)) state = SeatState::held;
}

void SeatsInFlight::take_from(std::vector<Seat>& seats) const {
  for (auto& seat : seats)
    if (seat.state == SeatState::available && has(seat.id)) seat.state = SeatState::held;
}

}  // namespace boxoffice
