// CPU time used during a scenario, by the server, by the load generator and by everything else,
// read from /proc: on a small machine the load generator and anything else running take cores the
// server would otherwise have, and a figure means little without knowing how much.
#pragma once

#include <chrono>

namespace bench {

struct CpuSample {
  std::chrono::steady_clock::time_point at;
  double machine_busy = 0;  // CPU-seconds, all processes (/proc/stat)
  double server = 0;        // CPU-seconds of the server process, 0 if unknown
  double self = 0;          // CPU-seconds of the load generator
};

CpuSample sample_cpu(int server_pid);  // server_pid 0: not measured

// Average cores used between two samples.
struct CpuUse {
  double server = 0;
  double loadgen = 0;
  double rest = 0;  // everything else: PostgreSQL's processes, other programs
};
CpuUse cpu_use(const CpuSample& before, const CpuSample& after);

}  // namespace bench
