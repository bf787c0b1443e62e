#pragma once
// The one write transaction of a batch of holds, for every backend. Inside the backend's write
// transaction, per event of the batch (in id order, so two batches lock in the same order):
//   1. the event's row, which must exist and not have its sales stopped;
//   2. the buyers of the batch (sorted): what each holds or bought, locked against the same
//      buyer's requests in other processes;
//   3. the seats asked for (sorted) and the standing areas asked for (sorted), locked;
//   4. every hold decided again by decide_hold on those rows: the rows, not memory, are the truth,
//      so a decision made on stale memory (another node, another process) is refused here;
//   5. the granted holds written by a few set-based statements whose own guards (a seat moves
//      only from available) must find the rows as locked.
// A hold that is refused is refused alone; the others of the batch go on. A backend supplies the
// transaction and the row operations of sale_rows.hpp in its dialect, nothing else.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/write/sale_rows.hpp"

namespace boxoffice {

// Steps 1 to 5 above, one answer per placement in the batch's order.
std::vector<Result<Hold>> place_holds(SaleRows& rows, const std::vector<HoldPlacement>& batch);

}  // namespace boxoffice
