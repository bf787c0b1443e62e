#pragma once
// The write transactions that end holds or shrink them, for every backend, inside the backend's
// write transaction: a buyer releasing a hold whole or in part, and expiry. Each locks the holds
// it changes first (guard_hold, guard_due_holds), decides on them as locked (HoldStatus,
// after_release in domain/hold.cpp), and ends them with a conditional update, so that two
// processes ending or expiring one hold free its places once. A backend supplies the transaction
// and the row operations of sale_rows.hpp, nothing else.
#include <vector>

#include "storage/write/sale_rows.hpp"

namespace boxoffice {

// Ends the active hold `id` as `why` and frees its places; false if it was not active.
bool end_hold(SaleRows& rows, std::string_view id, HoldStatus why);

// Lets `release` go of the hold `id` as after_release decides on the hold as locked at `now`.
Result<Hold> release_part(SaleRows& rows, std::string_view id, const HoldRelease& release,
                          TimePoint now);

// Ends up to `max` active holds of the event as released (its sale is over); how many.
std::size_t release_event_holds(SaleRows& rows, std::string_view event_id, std::size_t max);

// Expires up to `max` active holds whose time is up at `now`; returns them as they were.
std::vector<Hold> expire_holds(SaleRows& rows, TimePoint now, std::size_t max);

}  // namespace boxoffice
