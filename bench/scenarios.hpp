// The load scenarios: many connections, each sending one request after another for a fixed time
// or a fixed number of operations, whichever ends first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "setup.hpp"

namespace bench {

// Names accepted by --scenarios, in the order a full run uses them.
const std::vector<std::string>& scenario_names();

struct RunOptions {
  int connections = 64;
  int threads = 1;
  double seconds = 5;
  std::uint64_t max_ops = 0;  // 0: no limit
  std::string label;          // printed as backend=..., to tell runs apart
  int server_pid = 0;         // when known, the server's CPU use is reported apart from the rest
};

struct Outcome {
  double ok_per_s = 0;
  bool check_passed = true;
};

// Runs one scenario, prints its result line on stdout and returns its outcome. The ok/s of an
// earlier healthz run, when given, is the machine's HTTP ceiling the line is compared with.
Outcome run_scenario(const std::string& name, const Server& server, const Setup& setup,
                     const RunOptions& options, std::optional<double> healthz_ok_per_s);

}  // namespace bench
