// Running a scenario's connections: each a coroutine that loops until the scenario ends for it,
// all of them on one io_context, and what they saw merged at the end.
#pragma once

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api.hpp"
#include "cpu.hpp"
#include "http_client.hpp"
#include "stats.hpp"

namespace bench {

// One connection of a scenario. Touched only by its own coroutine while the scenario runs.
struct Worker {
  Worker(asio::any_io_executor executor, const Server& server, unsigned seed)
      : connection(std::move(executor), server), rng(seed) {}
  Connection connection;
  Stats stats;
  std::mt19937 rng;
  std::vector<std::string> kept;  // what a scenario keeps of its answers for a later one
};

// What the connections of one scenario saw together.
struct Measured {
  Stats stats;
  double seconds = 0;
  int reconnects = 0;
  CpuUse cpu;
  std::vector<std::string> kept;
};

// Runs loop(shared, worker) on `connections` new connections, over `threads` threads, until every
// loop has returned, and merges what they saw.
template <class Shared>
Measured run_connections(asio::io_context& io, const Server& server, int connections, int threads,
                         int server_pid, asio::awaitable<void> (*loop)(Shared&, Worker&),
                         Shared& shared) {
  std::vector<std::unique_ptr<Worker>> workers;
  for (int c = 0; c < connections; ++c)
    workers.push_back(std::make_unique<Worker>(io.get_executor(), server, c + 1u));
  const auto cpu_before = sample_cpu(server_pid);
  const auto start = std::chrono::steady_clock::now();
  for (auto& w : workers) asio::co_spawn(io, loop(shared, *w), rethrow);
  std::vector<std::jthread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back([&io] { io.run(); });
  io.run();
  helpers.clear();
  io.restart();

  Measured m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu = cpu_use(cpu_before, sample_cpu(server_pid));
  for (auto& w : workers) {
    m.stats.merge(w->stats);
    m.reconnects += std::max(0, w->connection.connects() - 1);
    for (auto& k : w->kept) m.kept.push_back(std::move(k));
  }
  return m;
}

}  // namespace bench
