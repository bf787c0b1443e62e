#include "scenarios.hpp"

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <limits>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "api.hpp"
#include "cpu.hpp"
#include "stats.hpp"
#include "worker.hpp"

namespace bench {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// What every connection of one run shares. Only atomics change while connections run.
struct Shared {
  const Setup& setup;
  Clock::time_point deadline;
  std::atomic<std::int64_t> budget;    // operations left
  std::atomic<std::uint64_t> next{0};  // the next unique seat, or the next buyer to act
  std::atomic<bool> exhausted{false};  // a scenario of unique seats ran out of them
  std::atomic<int> connections{0};     // flood: numbers the connections, to give them roles

  bool claim() {
    return Clock::now() < deadline && budget.fetch_sub(1, std::memory_order_relaxed) > 0;
  }
  const Buyer& buyer(std::uint64_t i) const { return setup.buyers[i % setup.buyers.size()]; }
};

// Counts one finished operation whose last request answered `status`.
void finish(Stats& s, Clock::time_point start, int status, int expected) {
  s.op_latency.add(micros_since(start));
  ++s.ops;
  if (status == expected)
    ++s.ok;
  else
    ++s.other;
}

std::string hold_body(const std::string& event_id, const std::string& seat) {
  return json::serialize(json::object{{"event_id", event_id}, {"seats", json::array{seat}}});
}

std::string id_of(const std::string& body) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  const auto* object = ec ? nullptr : value.if_object();
  const auto* id = object ? object->if_contains("id") : nullptr;
  return id && id->is_string() ? std::string(id->as_string()) : std::string();
}

// --- scenarios --------------------------------------------------------------------------------

asio::awaitable<void> read_loop(Shared& shared, Worker& w, Request request, std::string what) {
  while (shared.claim()) {
    const auto start = Clock::now();
    const auto reply = co_await w.connection.send(request);
    w.stats.count_status(what, reply.status);
    finish(w.stats, start, reply.status, 200);
  }
}

asio::awaitable<void> healthz(Shared& shared, Worker& w) {
  co_await read_loop(shared, w, get("/healthz"), "healthz");
}

asio::awaitable<void> availability(Shared& shared, Worker& w) {
  co_await read_loop(shared, w,
                     get("/api/v1/events/" + shared.setup.availability.id + "/availability"),
                     "availability");
}

// Claims the next never-used seat of `events`; nullopt when all are taken.
struct UniqueSeat {
  const EventRef* event;
  std::string seat;
  const Buyer* buyer;
};
std::optional<UniqueSeat> next_unique_seat(Shared& shared, const std::vector<EventRef>& events) {
  const auto per_event = static_cast<std::uint64_t>(kBigShape.places());
  const auto i = shared.next.fetch_add(1);
  if (i >= per_event * events.size()) {
    shared.exhausted = true;
    return std::nullopt;
  }
  return UniqueSeat{&events[i / per_event], kBigShape.seat(static_cast<int>(i % per_event)),
                    &shared.buyer(i)};
}

// Holds `seat` and counts the operation (as failed unless `counts`).
asio::awaitable<void> hold_seat(Worker& w, const UniqueSeat& seat, bool counts = true) {
  const Request request{http::verb::post,
                        "/api/v1/holds",
                        hold_body(seat.event->id, seat.seat),
                        seat.buyer->token,
                        {}};
  const auto start = Clock::now();
  const auto reply = co_await w.connection.send(request);
  w.stats.count_status("hold", reply.status);
  finish(w.stats, start, counts ? reply.status : 0, 201);
}

asio::awaitable<void> holds_unique(Shared& shared, Worker& w) {
  while (shared.claim()) {
    const auto next = next_unique_seat(shared, shared.setup.unique);
    if (!next) break;
    co_await hold_seat(w, *next);
  }
}

// Buyers race for the 200 seats of one event: each attempt names one seat at random. A hold that
// succeeds is released at once by the same connection, so at most `connections` seats are held at
// any moment and the race never ends; a 409 seats_unavailable is the expected loss of a race.
asio::awaitable<void> holds_contended(Shared& shared, Worker& w) {
  const auto& event = shared.setup.contended.front();
  std::uniform_int_distribution<int> pick(0, kSmallShape.places() - 1);
  while (shared.claim()) {
    const auto& buyer = shared.buyer(shared.next.fetch_add(1));
    Request hold{http::verb::post,
                 "/api/v1/holds",
                 hold_body(event.id, kSmallShape.seat(pick(w.rng))),
                 buyer.token,
                 {}};
    const auto start = Clock::now();
    const auto reply = co_await w.connection.send(hold);
    w.stats.count_status("hold", reply.status);
    w.stats.op_latency.add(micros_since(start));
    ++w.stats.ops;
    if (reply.status == 409 && reply.body.find("seats_unavailable") != std::string::npos) {
      ++w.stats.refused;
      continue;
    }
    if (reply.status != 201) {
      ++w.stats.other;
      continue;
    }
    ++w.stats.ok;
    const Request release{
        http::verb::delete_, "/api/v1/holds/" + id_of(reply.body), {}, buyer.token, {}};
    const auto released_at = Clock::now();
    const auto released = co_await w.connection.send(release);
    w.stats.release_latency.add(micros_since(released_at));
    w.stats.count_status("release", released.status);
    if (released.status != 204) ++w.stats.other;
  }
}

// One operation: hold a never-used seat, then buy it with the test card that is approved.
asio::awaitable<void> hold_purchase(Shared& shared, Worker& w) {
  while (shared.claim()) {
    const auto next = next_unique_seat(shared, shared.setup.purchase);
    if (!next) break;
    const Request hold{http::verb::post,
                       "/api/v1/holds",
                       hold_body(next->event->id, next->seat),
                       next->buyer->token,
                       {}};
    const auto start = Clock::now();
    const auto held = co_await w.connection.send(hold);
    w.stats.count_status("hold", held.status);
    if (held.status != 201) {
      finish(w.stats, start, held.status, 201);
      continue;
    }
    const json::object order{
        {"hold_id", id_of(held.body)},
        {"buyer", {{"name", "Bench Buyer"}, {"email", next->buyer->email}}},
        {"items",
         json::array{{{"seat", next->seat}, {"ticket_type_id", next->event->ticket_type_id}}}},
        {"payment", {{"method", "test_card"}, {"card_number", "4242424242424242"}}}};
    Request buy = post("/api/v1/orders", order, next->buyer->token);
    buy.idempotency_key = "bench-" + next->event->id + "-" + next->seat;
    const auto bought = co_await w.connection.send(buy);
    w.stats.count_status("order", bought.status);
    finish(w.stats, start, bought.status, 201);
  }
}

// --- checks against the server's own counts ---------------------------------------------------

struct Counts {
  std::int64_t held = 0;
  std::int64_t sold = 0;
};

asio::awaitable<void> read_counts(Connection& c, const std::vector<EventRef>& events,
                                  Counts& total) {
  for (const auto& e : events) {
    auto a = co_await call(c, get("/api/v1/events/" + e.id + "/availability"), 200);
    for (const auto& s : a.at("sections").as_array()) {
      total.held += s.at("held").to_number<std::int64_t>();
      total.sold += s.at("sold").to_number<std::int64_t>();
    }
  }
}

Counts fetch_counts(asio::io_context& io, const Server& server,
                    const std::vector<EventRef>& events) {
  Counts total;
  Connection c(io.get_executor(), server);
  asio::co_spawn(io, read_counts(c, events, total), rethrow);
  io.run();
  io.restart();
  return total;
}

std::string verdict(bool passed, const std::string& detail) {
  return (passed ? "ok(" : "FAILED(") + detail + ")";
}

std::uint64_t status_count(const Stats& s, const std::string& what) {
  const auto it = s.statuses.find(what);
  return it == s.statuses.end() ? 0 : it->second;
}

// Every 201 names a seat no request named before, so the server must count exactly that many
// more held seats, and none sold.
std::string check_unique(const Counts& before, const Counts& after, const Stats& s) {
  const auto held = after.held - before.held;
  return verdict(held == static_cast<std::int64_t>(s.ok) && after.sold == before.sold,
                 "held=" + std::to_string(held) + ",holds_201=" + std::to_string(s.ok));
}

// Every successful hold was released, so nothing may stay held.
std::string check_contended(const Counts&, const Counts& after, const Stats& s) {
  const auto released = status_count(s, "release 204");
  return verdict(after.held == 0 && after.sold == 0 && released == s.ok,
                 "held_after=" + std::to_string(after.held) + ",released=" +
                     std::to_string(released) + ",holds_201=" + std::to_string(s.ok));
}

// Every probe answered, and every sign-up answered at once with an answer a client can act on:
// created, or turned away with 503/429 (never a timeout, an I/O failure or another 5xx).
std::string check_flood(const Counts& before, const Counts& after, const Stats& s) {
  std::uint64_t signups = 0, turned_away = 0, wrong = 0;
  for (const auto& [what, n] : s.statuses) {
    if (!what.starts_with("signup ")) continue;
    signups += n;
    if (what == "signup 503" || what == "signup 429")
      turned_away += n;
    else if (what != "signup 201")
      wrong += n;
  }
  const auto held = after.held - before.held;
  return verdict(wrong == 0 && s.other == 0 && held == static_cast<std::int64_t>(s.ok),
                 "probes_ok=" + std::to_string(s.ok) + ",held=" + std::to_string(held) +
                     ",signups=" + std::to_string(signups) +
                     ",turned_away=" + std::to_string(turned_away) +
                     ",signups_not_201_503_429=" + std::to_string(wrong));
}

std::string check_purchase(const Counts& before, const Counts& after, const Stats& s) {
  const auto sold = after.sold - before.sold;
  return verdict(sold == static_cast<std::int64_t>(s.ok),
                 "sold=" + std::to_string(sold) + ",orders_201=" + std::to_string(s.ok) +
                     ",held_unsold=" + std::to_string(after.held - before.held));
}

// A flood of sign-ups (each an Argon2id hash of 64 MiB, what an attacker sends to starve a
// server) on most connections, while every eighth connection probes what buyers need: a /healthz,
// then a hold of a never-held seat, one after the other. The figures are the probes' latencies
// under the flood; the sign-ups are answered 201, or 503/429 with Retry-After once the password
// pool is full, and are counted by status only.
asio::awaitable<void> flood(Shared& shared, Worker& w) {
  static const std::string run = std::to_string(
      std::chrono::system_clock::now().time_since_epoch().count());  // fresh e-mails every run
  const int me = shared.connections.fetch_add(1);
  const bool probe = me % 8 == 0;
  std::uint64_t n = 0;
  while (shared.claim()) {
    if (!probe) {
      const auto email =
          "flood-" + run + "-" + std::to_string(me) + "-" + std::to_string(n++) + "@bench.example";
      // Built before co_await: GCC 12 fails on a braced object inside a co_await expression.
      const json::object body{
          {"email", email}, {"password", "a long flood password"}, {"name", "Flood"}};
      const auto reply = co_await w.connection.send(post("/api/v1/accounts", body));
      w.stats.count_status("signup", reply.status);
      continue;
    }
    const auto probed = Clock::now();
    const auto health = co_await w.connection.send(get("/healthz"));
    w.stats.healthz_latency.add(micros_since(probed));
    w.stats.count_status("healthz", health.status);
    const auto next = next_unique_seat(shared, shared.setup.unique);
    if (!next) break;
    // A probe whose /healthz failed counts as failed whatever its hold answers.
    co_await hold_seat(w, *next, health.status == 200);
  }
}

using Loop = asio::awaitable<void> (*)(Shared&, Worker&);
using Check = std::string (*)(const Counts& before, const Counts& after, const Stats&);

struct Scenario {
  std::string name;
  Loop loop;
  std::vector<EventRef> Setup::*events;  // whose counts are checked; nullptr: none
  Check check;
  // Seats are taken in order from the first event on, so a rerun on the same setup starts after
  // the seats earlier runs took (their held + sold).
  bool takes_unique_seats;
  const char* note;  // what the figure means, without spaces so the line stays key=value
};

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> all{
      {"healthz", healthz, nullptr, nullptr, false, "no_database:the_HTTP_ceiling"},
      {"availability", availability, nullptr, nullptr, false,
       "GET_counts_of_a_20000-seat_event(10_sections)"},
      {"holds_unique", holds_unique, &Setup::unique, check_unique, true,
       "POST_hold_of_one_never-held_seat;seat_i_to_buyer_i%buyers"},
      {"holds_contended", holds_contended, &Setup::contended, check_contended, false,
       "random_seat_of_200;each_201_is_DELETEd_at_once(not_in_p50/p99);at_most_conns_held;"
       "refused=409_seats_unavailable"},
      {"hold_purchase", hold_purchase, &Setup::purchase, check_purchase, true,
       "POST_hold+POST_order_per_op;latency_of_the_pair;ok=orders_201"},
      {"flood", flood, &Setup::unique, check_flood, true,
       "7/8_of_conns_POST_sign-ups(Argon2id);1/8_probe_GET_healthz_then_POST_hold;"
       "p50/p99=the_probe_holds,healthz_p50/p99=the_probes;goal:p99<100ms"},
  };
  return all;
}

}  // namespace

const std::vector<std::string>& scenario_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& s : scenarios()) out.push_back(s.name);
    return out;
  }();
  return names;
}

namespace {

// Runs the connections of one scenario to the end and merges what they saw.
Measured measure(const Scenario& scenario, asio::io_context& io, const Server& server,
                 const Setup& setup, const RunOptions& o, std::uint64_t first_seat,
                 bool& exhausted) {
  const auto budget =
      o.max_ops ? static_cast<std::int64_t>(o.max_ops) : std::numeric_limits<std::int64_t>::max();
  const auto duration =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  Shared shared{setup, Clock::now() + duration, budget, first_seat};
  auto m =
      run_connections(io, server, o.connections, o.threads, o.server_pid, scenario.loop, shared);
  exhausted = shared.exhausted;
  return m;
}

std::string result_line(const std::string& name, const RunOptions& o, Measured& m, bool exhausted,
                        double ok_per_s, std::optional<double> healthz_ok_per_s,
                        const std::string& check, const char* note) {
  auto& s = m.stats;
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(2);
  line << "scenario=" << name << " backend=" << (o.label.empty() ? "-" : o.label)
       << " conns=" << o.connections << " threads=" << o.threads << " seconds=" << m.seconds
       << " ops=" << s.ops << " ok=" << s.ok << " refused=" << s.refused << " other=" << s.other
       << " ok_per_s=" << ok_per_s << " ops_per_s=" << static_cast<double>(s.ops) / m.seconds;
  line.precision(3);
  line << " p50_ms=" << s.op_latency.percentile_ms(50)
       << " p99_ms=" << s.op_latency.percentile_ms(99)
       << " max_ms=" << s.op_latency.percentile_ms(100);
  if (s.release_latency.count() > 0) {
    line << " release_p50_ms=" << s.release_latency.percentile_ms(50)
         << " release_p99_ms=" << s.release_latency.percentile_ms(99);
  }
  if (s.healthz_latency.count() > 0) {
    line << " healthz_p50_ms=" << s.healthz_latency.percentile_ms(50)
         << " healthz_p99_ms=" << s.healthz_latency.percentile_ms(99);
  }
  if (healthz_ok_per_s && *healthz_ok_per_s > 0)
    line << " ratio_to_healthz=" << ok_per_s / *healthz_ok_per_s;
  line.precision(2);
  line << " cpu_server=" << m.cpu.server << " cpu_loadgen=" << m.cpu.loadgen
       << " cpu_rest=" << m.cpu.rest;
  line << " reconnects=" << m.reconnects << " seats_exhausted=" << (exhausted ? "yes" : "no")
       << " codes=" << s.codes() << " check=" << check << " note=" << note;
  return line.str();
}

}  // namespace

Outcome run_scenario(const std::string& name, const Server& server, const Setup& setup,
                     const RunOptions& o, std::optional<double> healthz_ok_per_s) {
  const Scenario* scenario = nullptr;
  for (const auto& s : scenarios())
    if (s.name == name) scenario = &s;
  if (!scenario) throw std::invalid_argument("unknown scenario '" + name + "'");

  asio::io_context io(o.threads);
  const std::vector<EventRef> no_events;
  const auto& events = scenario->events ? setup.*(scenario->events) : no_events;
  const Counts before = fetch_counts(io, server, events);
  const auto first_seat = scenario->takes_unique_seats ? before.held + before.sold : 0;
  bool exhausted = false;
  auto measured =
      measure(*scenario, io, server, setup, o, static_cast<std::uint64_t>(first_seat), exhausted);
  const std::string check =
      scenario->check ? scenario->check(before, fetch_counts(io, server, events), measured.stats)
                      : "none";

  const Outcome outcome{static_cast<double>(measured.stats.ok) / measured.seconds,
                        !check.starts_with("FAILED")};
  std::printf("%s\n", result_line(name, o, measured, exhausted, outcome.ok_per_s, healthz_ok_per_s,
                                  check, scenario->note)
                          .c_str());
  std::fflush(stdout);
  return outcome;
}

}  // namespace bench
