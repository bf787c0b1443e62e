#include "fanout_scenario.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/array.hpp>
#include <cstdio>
#include <deque>
#include <sstream>

#include "api.hpp"
#include "cpu.hpp"
#include "memory.hpp"
#include "setup.hpp"
#include "stats.hpp"

namespace bench {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

// What the watchers have seen; the scenario runs on one thread, so plain counters do.
struct Run {
  const Server& server;
  std::string target;                   // the stream's request line target
  int connecting = 0;                   // watchers whose stream has not yet sent its first snapshot
  int open = 0;                         // watchers that had their snapshot and are still connected
  int failed = 0;                       // watchers whose connection failed or closed
  int resyncs = 0;                      // snapshots after the first: a watcher that fell behind
  std::vector<Clock::time_point> sent;  // when change k was sent
  Latencies latency;                    // send of a change -> a watcher read its update
  std::vector<int> delivered;           // [k]: watchers that read change k
};

// Counts the occurrences of `needle` in what arrives in pieces: a message may be split anywhere.
class Matcher {
 public:
  explicit Matcher(std::string_view needle) : needle_(needle) {}
  int feed(std::string_view chunk) {
    carry_ += chunk;
    int found = 0;
    for (auto at = carry_.find(needle_); at != std::string::npos;
         at = carry_.find(needle_, at + needle_.size()))
      ++found;
    // Keep only a tail too short to hold a whole match, in case one starts there.
    if (carry_.size() >= needle_.size()) carry_.erase(0, carry_.size() - (needle_.size() - 1));
    return found;
  }

 private:
  std::string_view needle_;
  std::string carry_;
};

// One watcher: opens the stream, then timestamps each "update" it reads.
asio::awaitable<void> watch(Run& run) {
  tcp::socket socket(co_await asio::this_coro::executor);
  auto [connect_ec, endpoint] =
      co_await asio::async_connect(socket, run.server.endpoints, no_throw);
  const std::string request = "GET " + run.target + " HTTP/1.1\r\nHost: " + run.server.host +
                              "\r\nAccept: text/event-stream\r\n\r\n";
  if (!connect_ec) {
    auto [write_ec, n] = co_await asio::async_write(socket, asio::buffer(request), no_throw);
    connect_ec = write_ec;
  }
  if (connect_ec) {
    --run.connecting;
    ++run.failed;
    co_return;
  }
  Matcher updates("event: update\n"), snapshots("event: snapshot\n");
  bool ready = false;
  int seen = 0;
  char buffer[4096];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buffer), no_throw);
    if (ec) break;
    const std::string_view chunk(buffer, n);
    const int fresh = snapshots.feed(chunk);
    if (!ready && fresh > 0) {
      ready = true;
      --run.connecting;
      ++run.open;
    } else {
      run.resyncs += fresh;
    }
    for (int i = updates.feed(chunk); i > 0; --i, ++seen) {
      if (seen >= static_cast<int>(run.sent.size())) continue;  // not ours (cannot happen)
      run.latency.add(micros_since(run.sent[seen]));
      ++run.delivered[seen];
    }
  }
  if (ready)
    --run.open;
  else
    --run.connecting;
  ++run.failed;
}

asio::awaitable<void> pause(std::chrono::milliseconds how_long) {
  asio::steady_timer timer(co_await asio::this_coro::executor, how_long);
  co_await timer.async_wait(asio::use_awaitable);
}

// Opens the watchers a few hundred at a time (a burst of 10,000 connects overflows the listen
// backlog), then blocks one seat at a time and waits for every watcher to read it.
asio::awaitable<void> drive(asio::io_context& io, Run& run, const std::string& event_id,
                            const std::string& token, const FanoutOptions& o, bool& ok,
                            std::ostringstream& line) {
  const auto executor = co_await asio::this_coro::executor;
  Connection manager(executor, run.server);
  // The event in the server's memory first, so that what the streams add is theirs alone.
  co_await call(manager, get("/api/v1/events/" + event_id + "/seat-map"), 200);
  const auto before = sample_memory(o.server_pid);
  run.connecting = o.watchers;
  for (int i = 0; i < o.watchers; ++i) {
    asio::co_spawn(executor, watch(run), rethrow);
    if (i % 250 == 249) co_await pause(std::chrono::milliseconds(20));
  }
  const auto opening = Clock::now();
  while (run.connecting > 0 && Clock::now() - opening < std::chrono::seconds(120))
    co_await pause(std::chrono::milliseconds(50));
  co_await pause(std::chrono::seconds(1));  // the server settles: no request in flight
  const auto opened = sample_memory(o.server_pid);
  const int watching = run.open;

  const auto cpu_before = sample_cpu(o.server_pid);
  for (int k = 0; k < o.changes && watching > 0; ++k) {
    run.sent.push_back(Clock::now());
    run.delivered.push_back(0);
    const json::object block{{"section", "s0"}, {"seats", json::array{kBigShape.seat(k)}}};
    co_await call(manager, post("/api/v1/events/" + event_id + "/blocks", block, token), 201);
    const auto sent = Clock::now();
    while (run.delivered[k] < run.open && Clock::now() - sent < std::chrono::seconds(10))
      co_await pause(std::chrono::milliseconds(2));
    co_await pause(std::chrono::milliseconds(100));
  }
  const auto cpu_after = sample_cpu(o.server_pid);
  const auto use = cpu_use(cpu_before, cpu_after);
  // The server's CPU per delivery, which depends less than latency on how much CPU the machine
  // left it (the changes and the feed's polling are in it too, a small part at 10,000 watchers).
  const double server_us_per_delivery =
      run.latency.count() > 0
          ? (cpu_after.server - cpu_before.server) * 1e6 / static_cast<double>(run.latency.count())
          : 0;
  int missed = 0;
  for (int d : run.delivered) missed += watching - d;
  const auto bytes_per_stream =
      watching > 0 ? static_cast<double>(opened.rss_kib - before.rss_kib) * 1024 / watching : 0;
  ok = watching == o.watchers && missed == 0 && run.failed == 0;
  line << "fanout backend=" << (o.label.empty() ? "-" : o.label) << " watchers=" << watching
       << " failed=" << run.failed << " changes=" << run.sent.size()
       << " deliveries=" << run.latency.count() << " missed=" << missed
       << " resyncs=" << run.resyncs;
  char figures[320];
  std::snprintf(figures, sizeof figures,
                " p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f rss_before_mib=%.1f "
                "rss_open_mib=%.1f rss_bytes_per_stream=%.0f server_us_per_delivery=%.1f "
                "cpu_srv_lg_rest=%.2f/%.2f/%.2f",
                run.latency.percentile_ms(50), run.latency.percentile_ms(90),
                run.latency.percentile_ms(99), run.latency.percentile_ms(100),
                before.rss_kib / 1024.0, opened.rss_kib / 1024.0, bytes_per_stream,
                server_us_per_delivery, use.server, use.loadgen, use.rest);
  line << figures << " check=" << (ok ? "PASS" : "FAIL");
  // The watchers read until their streams close; the run is over, so close them from this side.
  io.stop();
}

}  // namespace

bool run_fanout(const Server& server, const std::string& event_id, const std::string& token,
                const FanoutOptions& o) {
  Run run{server, "/api/v1/events/" + event_id + "/updates", 0, 0, 0, 0, {}, {}, {}};
  bool ok = false;
  std::ostringstream line;
  asio::io_context io;  // after `run`: the watchers it still holds at the end refer to it
  asio::co_spawn(io, drive(io, run, event_id, token, o, ok, line), rethrow);
  io.run();
  std::printf("%s\n", line.str().c_str());
  std::fflush(stdout);
  return ok;
}

}  // namespace bench
