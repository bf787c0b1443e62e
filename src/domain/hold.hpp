#pragma once
// Holds: places set aside for one buyer for a short time, and the rules for choosing seats.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/inventory.hpp"
#include "domain/layout.hpp"
#include "domain/time.hpp"

namespace boxoffice {

enum class HoldStatus { active, released, expired, purchased };
std::string_view to_string(HoldStatus status);
std::optional<HoldStatus> parse_hold_status(std::string_view text);

struct HoldItem {
  std::string section;
  std::string seat_id;        // empty for a standing area
  std::int64_t quantity = 1;  // places in a standing area; 1 for a seat
};

struct Hold {
  std::string id;
  std::string event_id;
  std::string account_id;
  HoldStatus status = HoldStatus::active;
  TimePoint created_at;
  TimePoint expires_at;
  std::vector<HoldItem> items;

  std::int64_t places() const;
  bool active_at(TimePoint now) const { return status == HoldStatus::active && now < expires_at; }
};

// A buyer's holds for one event all end when the first of them does, so that holding again can
// never extend a buyer's time: `hold` ends no later than `earliest_active`, the end of the buyer's
// earliest active hold of the event, if any.
void end_with_earlier_holds(Hold& hold, std::optional<TimePoint> earliest_active);

// What a buyer asks for: named seats, or a quantity in one section (a standing area, or the best
// seats of a seated section).
struct HoldRequest {
  std::vector<std::string> seats;
  std::string section;
  std::int64_t quantity = 0;
};

inline constexpr std::int64_t kMaxPlacesPerHold = 100;

// What a buyer lets go of an active hold: some of its seats by id, and fewer places of its
// standing areas (items with a section and a quantity, no seat).
struct HoldRelease {
  std::vector<std::string> seats;
  std::vector<HoldItem> items;
};

// `hold` once `release` is let go at `now`, all or nothing: the items that remain, in their order,
// standing areas with fewer places, `expires_at` unchanged. When nothing would remain the hold is
// `released` with the items it had, as if it had been released whole. 409 "hold_not_active" when
// the hold has ended or its time is up; else 422 naming every bad field: "seats[i]" not in the hold
// or named twice, "items[i].section" not a standing area of the hold or named twice,
// "items[i].quantity" outside 1 to the places held there.
Result<Hold> after_release(const Hold& hold, const HoldRelease& release, TimePoint now);

// 409 "hold_not_active": the hold has already ended, as `status`.
Error hold_not_active_error(HoldStatus status);

// Names every bad field: unknown seats or section, both forms or neither, quantities out of range.
FieldErrors validate_hold_request(const HoldRequest& request, const LayoutVersion& version);

// 409 "limit_exceeded" when `requested` more places would take an account past the event's limit.
Result<void> within_buyer_limit(std::int64_t held_or_bought, std::int64_t requested, int limit);

// The 409s of a hold that cannot be placed.
Error seats_taken_error(FieldErrors taken);
Error standing_full_error(const SectionCounts& counts);

// The best `n` available seats of a seated section: front rows first, side by side in one row
// when possible, and never leaving a single seat stranded between taken ones (or a row's end)
// when another choice exists. Empty when fewer than `n` seats are available.
std::vector<std::string> best_available(const Section& section, const std::vector<Seat>& seats,
                                        std::int64_t n);

}  // namespace boxoffice
