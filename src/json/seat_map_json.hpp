#pragma once
// The whole seat map of an event in one compact answer, for a stadium's selector: fetched once,
// then kept current from the updates stream (whose `seq` it carries). Rows use the layout's
// shorthand, and a section's seat states are one string of one letter per seat in row and seat
// order (seat_state_letter), so 100,000 seats take about 150 KB before compression.
#include <boost/json/object.hpp>

#include "app/live_inventory.hpp"

namespace boxoffice::json {

// A row as the API's shorthand {"label","from","to"} where its seats are the numbers from..to,
// else {"label","seats":[...]}.
boost::json::object compact_row_json(const Row& row);

boost::json::object seat_map_json(const EventInventory& inventory);

}  // namespace boxoffice::json
