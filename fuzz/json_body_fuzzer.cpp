// Every JSON body the API reads: the first byte picks the route (and who sends it), the rest is
// the body, handed to the real handler on the demo database. The handlers' readers (src/json and
// each route's own) name what is wrong field by field; nothing may throw, crash or leak. Routes
// that can stop sales (PATCH, cancel, another layout) get the demo's second show, @event2, so that
// holds and orders on @event stay possible.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.hpp"

namespace {

struct BodyRoute {
  std::string_view method;
  std::string_view path;  // placeholders expanded
  std::string_view token;
};

constexpr std::array<BodyRoute, 20> kRoutes = {{
    {"POST", "/api/v1/accounts", ""},
    {"POST", "/api/v1/accounts", "@admin"},
    {"POST", "/api/v1/sessions", ""},
    {"POST", "/api/v1/venues", "@manager"},
    {"POST", "/api/v1/venues/@venue/layouts", "@manager"},
    {"POST", "/api/v1/venues/@venue/layouts/@layout/versions", "@manager"},
    {"POST", "/api/v1/events", "@manager"},
    {"PATCH", "/api/v1/events/@event2", "@manager"},
    {"POST", "/api/v1/events/@event/duplicate", "@manager"},
    {"POST", "/api/v1/events/@event2/move-layout", "@manager"},
    {"POST", "/api/v1/events/@event2/cancel", "@manager"},
    {"POST", "/api/v1/events/@event/ticket-types", "@manager"},
    {"PATCH", "/api/v1/events/@event/ticket-types/@type", "@manager"},
    {"POST", "/api/v1/events/@event/blocks", "@manager"},
    {"POST", "/api/v1/holds", "@buyer"},
    {"POST", "/api/v1/holds/@hold/release", "@buyer"},
    {"POST", "/api/v1/orders", "@buyer"},
    {"POST", "/api/v1/events/@event/queue", "@buyer"},
    {"POST", "/api/v1/events/@event/queue", ""},
    {"PATCH", "/api/v1/events/@event2", "@admin"},
}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& server = boxoffice::fuzz::DemoServer::get();
  const BodyRoute& route = kRoutes[data[0] % kRoutes.size()];
  boxoffice::http::Request request;
  request.method = route.method;
  request.path = server.expand(route.path);
  if (!route.token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + server.expand(route.token));
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("Idempotency-Key", "fuzz-" + std::to_string(size));
  request.body = server.expand(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  request.remote_address = "127.0.0.1";
  request.loopback = true;
  (void)server.handle(std::move(request));
  return 0;
}
