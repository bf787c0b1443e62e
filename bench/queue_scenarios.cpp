#include "queue_scenarios.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

#include "memory.hpp"
#include "stats.hpp"
#include "worker.hpp"

namespace bench {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// A failed join is made up for by a later one, so that exactly `joins` succeed; past this many
// failures the server is not worth loading any further.
constexpr std::uint64_t kMaxJoinFailures = 1000;
constexpr std::uint64_t kProgressEvery = 100'000;
// Turns the poll and /healthz scenarios take, each for seconds / kSlices at a time.
constexpr int kSlices = 5;

// What the connections of one scenario share. Only atomics and distinct elements of `positions`
// change while connections run.
struct Run {
  std::string join_target;
  std::vector<std::string> status_targets;  // "/api/v1/queue/<token>" of every join, any order
  Clock::time_point started;
  Clock::time_point deadline;
  std::atomic<std::int64_t> to_join{0};
  std::atomic<std::uint64_t> joined{0};
  std::atomic<std::uint64_t> join_failures{0};
  std::atomic<std::uint64_t> next{0};   // verify: the next entry to read
  std::vector<std::int64_t> positions;  // verify: of each entry of status_targets, 0 if unknown
};

const json::object* object_of(const std::string& body, json::value& storage) {
  boost::system::error_code ec;
  storage = json::parse(body, ec);
  return ec ? nullptr : storage.if_object();
}

bool is_waiting(const json::object& status) {
  const auto* state = status.if_contains("state");
  return state && state->is_string() && state->get_string() == "waiting";
}

// The token of an entry that the answer says is waiting; empty otherwise.
std::string waiting_token(const std::string& body) {
  json::value value;
  const auto* status = object_of(body, value);
  if (!status || !is_waiting(*status)) return {};
  const auto* token = status->if_contains("token");
  return token && token->is_string() ? std::string(token->get_string()) : std::string();
}

// The position of an entry that the answer says is waiting; 0 otherwise.
std::int64_t waiting_position(const std::string& body) {
  json::value value;
  const auto* status = object_of(body, value);
  if (!status || !is_waiting(*status)) return 0;
  const auto* position = status->if_contains("position");
  return position && position->is_int64() ? position->get_int64() : 0;
}

// Boost.JSON writes no spaces, so a substring tells the state without parsing: the load
// generator shares the 2 cores with the server, and every cycle it spends is one the server lacks.
bool says_waiting(const std::string& body) {
  return body.find("\"state\":\"waiting\"") != std::string::npos;
}

void count(Stats& s, Clock::time_point start, bool ok) {
  s.op_latency.add(micros_since(start));
  ++s.ops;
  ++(ok ? s.ok : s.other);
}

// --- scenarios --------------------------------------------------------------------------------

asio::awaitable<void> join(Run& run, Worker& w) {
  // An empty object, sent as JSON: an anonymous join that asks for no notification.
  const Request request{http::verb::post, run.join_target, "{}", {}, {}};
  while (run.to_join.fetch_sub(1, std::memory_order_relaxed) > 0) {
    const auto start = Clock::now();
    const auto reply = co_await w.connection.send(request);
    w.stats.count_status("join", reply.status);
    auto token = reply.status == 201 ? waiting_token(reply.body) : std::string();
    count(w.stats, start, !token.empty());
    if (!token.empty()) {
      w.kept.push_back("/api/v1/queue/" + token);
      if (const auto n = ++run.joined; n % kProgressEvery == 0) {
        const auto seconds = std::chrono::duration<double>(Clock::now() - run.started).count();
        std::fprintf(stderr, "loadgen: %llu joins in %.0f s\n", static_cast<unsigned long long>(n),
                     seconds);
      }
      continue;
    }
    run.to_join.fetch_add(1, std::memory_order_relaxed);
    if (++run.join_failures >= kMaxJoinFailures) co_return;
  }
}

asio::awaitable<void> poll(Run& run, Worker& w) {
  std::uniform_int_distribution<std::size_t> pick(0, run.status_targets.size() - 1);
  Request request{http::verb::get, {}, {}, {}, {}};
  while (Clock::now() < run.deadline) {
    request.target = run.status_targets[pick(w.rng)];
    const auto start = Clock::now();
    const auto reply = co_await w.connection.send(request);
    w.stats.count_status("poll", reply.status);
    count(w.stats, start, reply.status == 200 && says_waiting(reply.body));
  }
}

// The same connections' ceiling on the same server, its million entries still in memory: the
// poll rate is judged as a share of this one, not of a figure from another run or machine load.
asio::awaitable<void> healthz(Run& run, Worker& w) {
  const Request request{http::verb::get, "/healthz", {}, {}, {}};
  while (Clock::now() < run.deadline) {
    const auto start = Clock::now();
    const auto reply = co_await w.connection.send(request);
    w.stats.count_status("healthz", reply.status);
    count(w.stats, start, reply.status == 200);
  }
}

asio::awaitable<void> verify(Run& run, Worker& w) {
  Request request{http::verb::get, {}, {}, {}, {}};
  for (auto i = run.next++; i < run.status_targets.size(); i = run.next++) {
    request.target = run.status_targets[i];
    const auto start = Clock::now();
    const auto reply = co_await w.connection.send(request);
    w.stats.count_status("status", reply.status);
    run.positions[i] = reply.status == 200 ? waiting_position(reply.body) : 0;
    count(w.stats, start, run.positions[i] > 0);
  }
}

// --- running and reporting --------------------------------------------------------------------

// Runs `loop` on every connection to its end.
Measured measure(asio::awaitable<void> (*loop)(Run&, Worker&), Run& run, const Server& server,
                 const QueueOptions& o) {
  asio::io_context io(o.threads);
  run.started = Clock::now();
  return run_connections(io, server, o.connections, o.threads, o.server_pid, loop, run);
}

// Adds `part` to `whole`: a scenario run in several slices, its CPU use weighted by their time.
void add(Measured& whole, const Measured& part) {
  const double seconds = whole.seconds + part.seconds;
  const auto weighted = [&](double a, double b) {
    return (a * whole.seconds + b * part.seconds) / seconds;
  };
  whole.cpu = {weighted(whole.cpu.server, part.cpu.server),
               weighted(whole.cpu.loadgen, part.cpu.loadgen),
               weighted(whole.cpu.rest, part.cpu.rest)};
  whole.stats.merge(part.stats);
  whole.reconnects += part.reconnects;
  whole.seconds = seconds;
}

// Whether the positions are exactly 1..n, n being the number of entries read.
struct Permutation {
  std::uint64_t entries = 0;
  std::uint64_t unknown = 0;       // no position: an error, or an entry not waiting
  std::uint64_t out_of_range = 0;  // above n
  std::uint64_t duplicates = 0;
  std::uint64_t missing = 0;  // positions of 1..n nobody holds
  bool exact() const {
    return unknown == 0 && out_of_range == 0 && duplicates == 0 && missing == 0;
  }
};

Permutation check_permutation(const std::vector<std::int64_t>& positions) {
  Permutation p;
  p.entries = positions.size();
  std::vector<bool> seen(p.entries + 1);
  for (const auto position : positions) {
    if (position <= 0)
      ++p.unknown;
    else if (static_cast<std::uint64_t>(position) > p.entries)
      ++p.out_of_range;
    else if (seen[static_cast<std::size_t>(position)])
      ++p.duplicates;
    else
      seen[static_cast<std::size_t>(position)] = true;
  }
  for (std::size_t i = 1; i <= p.entries; ++i) p.missing += !seen[i];
  return p;
}

double ok_per_s(const Measured& m) {
  return static_cast<double>(m.stats.ok) / m.seconds;
}

std::string result_line(const char* name, const QueueOptions& o, Measured& m,
                        const std::string& check, const char* note) {
  auto& s = m.stats;
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(2);
  line << "scenario=" << name << " backend=" << (o.label.empty() ? "-" : o.label)
       << " conns=" << o.connections << " threads=" << o.threads << " seconds=" << m.seconds
       << " ops=" << s.ops << " ok=" << s.ok << " other=" << s.other << " ok_per_s=" << ok_per_s(m);
  line.precision(3);
  line << " p50_ms=" << s.op_latency.percentile_ms(50)
       << " p99_ms=" << s.op_latency.percentile_ms(99)
       << " max_ms=" << s.op_latency.percentile_ms(100);
  line.precision(2);
  line << " cpu_server=" << m.cpu.server << " cpu_loadgen=" << m.cpu.loadgen
       << " cpu_rest=" << m.cpu.rest << " reconnects=" << m.reconnects << " codes=" << s.codes()
       << " check=" << check << " note=" << note;
  return line.str();
}

void print(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

std::string verdict(bool passed, const std::string& detail) {
  return (passed ? "ok(" : "FAILED(") + detail + ")";
}

double mib(std::int64_t kib) {
  return static_cast<double>(kib) / 1024;
}

std::string memory_line(const QueueOptions& o, const MemorySample (&at)[3], std::uint64_t joined) {
  static const char* const names[] = {"before_joins", "after_joins", "after_polls"};
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(1);
  line << "memory backend=" << (o.label.empty() ? "-" : o.label) << " pid=" << o.server_pid;
  for (int i = 0; i < 3; ++i) {
    line << " " << names[i] << "_rss_mib=" << mib(at[i].rss_kib) << " " << names[i]
         << "_hwm_mib=" << mib(at[i].hwm_kib);
  }
  if (joined > 0) {
    line << " rss_bytes_per_join="
         << static_cast<double>(at[1].rss_kib - at[0].rss_kib) * 1024 / static_cast<double>(joined);
  }
  return line.str();
}

}  // namespace

bool run_queue(const Server& server, const std::string& event_id, const QueueOptions& o) {
  Run run;
  run.join_target = "/api/v1/events/" + event_id + "/queue";
  run.to_join = static_cast<std::int64_t>(o.joins);
  MemorySample memory[3];

  memory[0] = sample_memory(o.server_pid);
  auto joined = measure(join, run, server, o);
  run.status_targets = std::move(joined.kept);
  memory[1] = sample_memory(o.server_pid);
  const bool all_joined = joined.stats.ok == o.joins;
  print(result_line("queue_join", o, joined,
                    verdict(all_joined, "joined=" + std::to_string(joined.stats.ok) +
                                            ",wanted=" + std::to_string(o.joins)),
                    "anonymous_POST_join;each_201_must_be_waiting;failures_are_made_up_for"));
  if (run.status_targets.empty()) {
    print(memory_line(o, memory, 0));
    return false;
  }

  // Polls and /healthz take turns in short slices: on a shared machine the other work changes
  // from second to second, and two long windows one after the other would each see other load.
  const auto slice = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(o.seconds / kSlices));
  Measured polled;
  Measured ceiling;
  for (int i = 0; i < kSlices; ++i) {
    run.deadline = Clock::now() + slice;
    add(polled, measure(poll, run, server, o));
    run.deadline = Clock::now() + slice;
    add(ceiling, measure(healthz, run, server, o));
  }
  memory[2] = sample_memory(o.server_pid);
  const bool polls_ok = polled.stats.other == 0;
  const bool ceiling_ok = ceiling.stats.other == 0;
  std::ostringstream ratio;
  ratio.setf(std::ios::fixed);
  ratio.precision(3);
  ratio << (ok_per_s(ceiling) > 0 ? ok_per_s(polled) / ok_per_s(ceiling) : 0.0);
  print(result_line("queue_poll", o, polled,
                    verdict(polls_ok, "not_200_waiting=" + std::to_string(polled.stats.other)),
                    "GET_status_of_a_random_token;ok=200_and_state_waiting") +
        " ratio_to_healthz=" + ratio.str());
  print(result_line("queue_healthz", o, ceiling,
                    verdict(ceiling_ok, "not_200=" + std::to_string(ceiling.stats.other)),
                    "GET_healthz_in_turns_with_the_polls;same_connections_and_threads"));

  run.positions.assign(run.status_targets.size(), 0);
  auto verified = measure(verify, run, server, o);
  const auto p = check_permutation(run.positions);
  const bool permutation = p.exact() && p.entries == o.joins;
  print(result_line(
      "queue_verify", o, verified,
      std::string(permutation ? "PASS(" : "FAIL(") + "entries=" + std::to_string(p.entries) +
          ",joins=" + std::to_string(o.joins) + ",unknown=" + std::to_string(p.unknown) +
          ",out_of_range=" + std::to_string(p.out_of_range) + ",duplicates=" +
          std::to_string(p.duplicates) + ",missing=" + std::to_string(p.missing) + ")",
      "GET_status_of_every_token_once;positions_must_be_1..joins"));
  print(memory_line(o, memory, joined.stats.ok));
  return all_joined && polls_ok && ceiling_ok && permutation;
}

}  // namespace bench
