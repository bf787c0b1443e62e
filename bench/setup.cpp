#include "setup.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <chrono>
#include <ctime>
#include <exception>
#include <random>

#include "api.hpp"

namespace bench {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string rfc3339(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return out;
}

// Several setups may target one server (a rerun): their buyers must not share e-mails.
std::string run_tag() {
  std::random_device device;
  return std::to_string(std::uniform_int_distribution<std::uint32_t>(100000, 999999)(device));
}

struct Manager {
  Connection& connection;
  std::string token;
  std::string venue;
};

asio::awaitable<std::string> create_layout(Manager& m, const Shape& shape, const char* name) {
  auto layout = co_await call(
      m.connection,
      post("/api/v1/venues/" + m.venue + "/layouts", shape.layout_json(name), m.token), 201);
  co_return string_field(layout, "id");
}

// Published, on sale now, with the largest per-buyer limit and hold time the API allows, so that
// neither the limit nor expiry interferes with a run. Fields of `overrides` replace the defaults.
asio::awaitable<EventRef> create_event(Manager& m, const std::string& layout,
                                       const std::string& name,
                                       const json::object& overrides = {}) {
  const auto now = std::chrono::system_clock::now();
  json::object body{{"name", name},
                    {"venue_id", m.venue},
                    {"layout_id", layout},
                    {"currency", "EUR"},
                    {"starts_at", rfc3339(now + 24h * 365)},
                    {"sales_open_at", rfc3339(now - 1h)},
                    {"max_tickets_per_buyer", 100},
                    {"hold_seconds", 3600}};
  for (const auto& [key, value] : overrides) body[key] = value;
  auto event = co_await call(m.connection, post("/api/v1/events", body, m.token), 201);
  EventRef ref{string_field(event, "id"), {}};
  const json::object type_body{{"name", "Standard"}, {"price", 5000}};
  auto type = co_await call(
      m.connection, post("/api/v1/events/" + ref.id + "/ticket-types", type_body, m.token), 201);
  ref.ticket_type_id = string_field(type, "id");
  const json::object no_body;
  co_await call(m.connection, post("/api/v1/events/" + ref.id + "/publish", no_body, m.token), 200);
  co_return ref;
}

// Signs the manager in and creates the venue every event of a setup is in.
asio::awaitable<void> open_venue(Manager& m, const SetupOptions& o) {
  const json::object credentials{{"email", o.manager_email}, {"password", o.manager_password}};
  m.token = string_field(co_await call(m.connection, post("/api/v1/sessions", credentials), 201),
                         "token");
  const json::object venue{
      {"name", "Bench Hall"}, {"address", "1 Load Street, Hamburg"}, {"timezone", "UTC"}};
  m.venue =
      string_field(co_await call(m.connection, post("/api/v1/venues", venue, m.token), 201), "id");
}

asio::awaitable<void> create_events(const Server& server, const SetupOptions& o, Setup& out) {
  Connection connection(co_await asio::this_coro::executor, server);
  Manager m{connection, {}, {}};
  co_await open_venue(m, o);
  const auto big = co_await create_layout(m, kBigShape, "Bench 20,000 seats");
  const auto small = co_await create_layout(m, kSmallShape, "Bench 200 seats");

  out.availability = co_await create_event(m, big, "Bench availability");
  for (int i = 0; i < o.unique_events; ++i)
    out.unique.push_back(co_await create_event(m, big, "Bench unique " + std::to_string(i)));
  for (int i = 0; i < o.purchase_events; ++i)
    out.purchase.push_back(co_await create_event(m, big, "Bench purchase " + std::to_string(i)));
  out.contended.push_back(co_await create_event(m, small, "Bench contended"));
}

// One of `concurrency` workers, each registering and signing in the next buyer not yet taken.
asio::awaitable<void> create_buyers(const Server& server, const std::string& tag, int& next,
                                    std::vector<Buyer>& buyers) {
  Connection connection(co_await asio::this_coro::executor, server);
  const std::string password = "bench-buyer-password";
  for (int i = next++; i < static_cast<int>(buyers.size()); i = next++) {
    const std::string email = "buyer" + std::to_string(i) + "-" + tag + "@bench.test";
    // Bodies are built before co_await: GCC 12 rejects braced lists of string literals inside
    // a co_await expression ("array used as initializer").
    const json::object account{
        {"email", email}, {"password", password}, {"name", "Bench Buyer " + std::to_string(i)}};
    const json::object credentials{{"email", email}, {"password", password}};
    co_await call(connection, post("/api/v1/accounts", account), 201);
    auto session = co_await call(connection, post("/api/v1/sessions", credentials), 201);
    buyers[i] = {email, string_field(session, "token")};
  }
}

// On sale but paused for the run, so that nobody is admitted while it lasts: every entry stays
// waiting and its position is fixed once all joins are done. (Before sales open the draw would
// place the joins, but joining the draw needs an account each, too many for a million.)
asio::awaitable<void> create_queue_event_in(const Server& server, const SetupOptions& o,
                                            int max_active, EventRef& out) {
  Connection connection(co_await asio::this_coro::executor, server);
  Manager m{connection, {}, {}};
  co_await open_venue(m, o);
  const auto layout = co_await create_layout(m, kSmallShape, "Bench queue 200 seats");
  const json::object overrides{{"queue", {{"enabled", true}, {"max_active", max_active}}}};
  out = co_await create_event(m, layout, "Bench waiting room", overrides);
  const json::object no_body;
  co_await call(m.connection, post("/api/v1/events/" + out.id + "/pause-sales", no_body, m.token),
                200);
}

asio::awaitable<void> create_watched_event_in(const Server& server, const SetupOptions& o,
                                              WatchedEvent& out) {
  Connection connection(co_await asio::this_coro::executor, server);
  Manager m{connection, {}, {}};
  co_await open_venue(m, o);
  const auto layout = co_await create_layout(m, kBigShape, "Bench 20,000 seats watched");
  out.event = co_await create_event(m, layout, "Bench watched");
  out.token = m.token;
}

json::array events_json(const std::vector<EventRef>& events) {
  json::array out;
  for (const auto& e : events) out.push_back({{"id", e.id}, {"ticket_type_id", e.ticket_type_id}});
  return out;
}

EventRef event_from_json(const json::value& v) {
  return {std::string(v.at("id").as_string()), std::string(v.at("ticket_type_id").as_string())};
}

std::vector<EventRef> events_from_json(const json::value& v) {
  std::vector<EventRef> out;
  for (const auto& e : v.as_array()) out.push_back(event_from_json(e));
  return out;
}

}  // namespace

std::string Shape::seat(int i) const {
  const int per_section = rows * seats;
  const int section = i / per_section;
  const int row = i % per_section / seats;
  return prefix + std::to_string(section) + "/R" + std::to_string(row + 1) + "/" +
         std::to_string(i % seats + 1);
}

json::object Shape::layout_json(const std::string& name) const {
  json::array sections;
  for (int k = 0; k < this->sections; ++k) {
    json::array row_list;
    for (int r = 1; r <= rows; ++r) {
      // Appending, not "R" + to_string(r): GCC 12 warns falsely on the latter (-Wrestrict).
      std::string label = "R";
      label += std::to_string(r);
      row_list.push_back({{"label", label}, {"from", 1}, {"to", seats}});
    }
    sections.push_back({{"key", prefix + std::to_string(k)},
                        {"name", "Block " + std::to_string(k)},
                        {"kind", "seated"},
                        {"rows", std::move(row_list)}});
  }
  return {{"name", name},
          {"effective_from", "2020-01-01T00:00:00Z"},
          {"sections", std::move(sections)}};
}

Setup create_setup(const Server& server, asio::io_context& io, const SetupOptions& o,
                   SetupTimings& timings) {
  Setup setup;
  setup.buyers.resize(static_cast<std::size_t>(o.buyers));
  const std::string tag = run_tag();
  int next_buyer = 0;
  const auto start = std::chrono::steady_clock::now();
  auto seconds_since_start = [start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  asio::co_spawn(io, create_events(server, o, setup), [&](std::exception_ptr e) {
    rethrow(e);
    timings.events_seconds = seconds_since_start();
  });
  for (int w = 0; w < o.concurrency; ++w) {
    asio::co_spawn(io, create_buyers(server, tag, next_buyer, setup.buyers),
                   [&](std::exception_ptr e) {
                     rethrow(e);
                     timings.buyers_seconds = seconds_since_start();
                   });
  }
  io.run();
  io.restart();
  return setup;
}

EventRef create_queue_event(const Server& server, asio::io_context& io, const SetupOptions& o,
                            int max_active) {
  EventRef event;
  asio::co_spawn(io, create_queue_event_in(server, o, max_active, event), rethrow);
  io.run();
  io.restart();
  return event;
}

WatchedEvent create_watched_event(const Server& server, asio::io_context& io,
                                  const SetupOptions& o) {
  WatchedEvent event;
  asio::co_spawn(io, create_watched_event_in(server, o, event), rethrow);
  io.run();
  io.restart();
  return event;
}

json::value to_json(const Setup& s) {
  json::array buyers;
  for (const auto& b : s.buyers) buyers.push_back({{"email", b.email}, {"token", b.token}});
  return {{"buyers", std::move(buyers)},
          {"availability", events_json({s.availability})[0]},
          {"unique", events_json(s.unique)},
          {"purchase", events_json(s.purchase)},
          {"contended", events_json(s.contended)}};
}

Setup setup_from_json(const json::value& v) {
  Setup s;
  for (const auto& b : v.at("buyers").as_array())
    s.buyers.push_back(
        {std::string(b.at("email").as_string()), std::string(b.at("token").as_string())});
  s.availability = event_from_json(v.at("availability"));
  s.unique = events_from_json(v.at("unique"));
  s.purchase = events_from_json(v.at("purchase"));
  s.contended = events_from_json(v.at("contended"));
  return s;
}

}  // namespace bench
