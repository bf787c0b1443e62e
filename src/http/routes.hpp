#pragma once
// Each resource registers its own routes; main() calls these in turn.
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace boxoffice::http {

void add_system_routes(Router& router, const Metrics& metrics);
void add_account_routes(Router& router);
void add_venue_routes(Router& router);
void add_event_routes(Router& router);
void add_inventory_routes(Router& router);
void add_hold_routes(Router& router);
void add_order_routes(Router& router);
void add_update_routes(Router& router);
void add_queue_routes(Router& router);
void add_check_in_routes(Router& router);
void add_webhook_routes(Router& router);

// Every route, for `boxoffice routes` and the OpenAPI check.
Router all_routes(const Metrics& metrics);

}  // namespace boxoffice::http
