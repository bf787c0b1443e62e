#include <string_view>

#include "http/json_io.hpp"
#include "http/routes.hpp"

namespace boxoffice::embedded {
extern const std::string_view openapi_json;
}

namespace boxoffice::http {

void add_system_routes(Router& router, const Metrics& metrics) {
  router.add_io("GET", "/healthz", [](const Request&) {
    return json_response(200, {{"status", "ok"}});
  });
  router.add_io("GET", "/metrics", [&metrics](const Request&) {
    return Response{200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(), {}, {}};
  });
  router.add_io("GET", "/api/v1/openapi.json", [](const Request&) {
    return Response{200, "application/json", std::string(embedded::openapi_json), {}, {}};
  });
}

Router all_routes(const Metrics& metrics) {
  Router router;
  add_system_routes(router, metrics);
  add_account_routes(router);
  add_venue_routes(router);
  add_event_routes(router);
  add_inventory_routes(router);
  add_hold_routes(router);
  add_order_routes(router);
  add_update_routes(router);
  add_queue_routes(router);
  add_check_in_routes(router);
  add_webhook_routes(router);
  return router;
}

}  // namespace boxoffice::http
