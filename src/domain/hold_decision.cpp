#include "domain/hold_decision.hpp"

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
