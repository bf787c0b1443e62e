// The waiting-room scenarios: anonymous buyers join one event's line, then poll their places,
// in turns with /healthz for as long (their ceiling in the same run), then every place is
// read once to check that the line is a permutation of 1..joins.
#pragma once

#include <cstdint>
#include <string>

#include "http_client.hpp"

namespace bench {

struct QueueOptions {
  int connections = 64;
  int threads = 1;
  std::uint64_t joins = 1'000'000;  // joins that must succeed
  double seconds = 10;              // of the poll scenario, and of the /healthz one
  std::string label;                // printed as backend=...
  int server_pid = 0;               // when known: its CPU use and memory are reported
};

// Runs join, poll, healthz and verify against `event_id`, whose waiting room must be empty and must
// admit nobody while the run lasts (its sales open later). Prints one key=value line per scenario
// and one of the server's memory; returns whether every join succeeded, every poll and /healthz was
// answered as expected and verify passed.
bool run_queue(const Server& server, const std::string& event_id, const QueueOptions& options);

}  // namespace bench
