// A process's memory as the kernel counts it (/proc/PID/status), to see what a workload costs
// the server: the resident set now, and its peak since the process started.
#pragma once

#include <cstdint>

namespace bench {

struct MemorySample {
  std::int64_t rss_kib = 0;  // VmRSS
  std::int64_t hwm_kib = 0;  // VmHWM, the peak of VmRSS
};

// Zeros when the process is unknown or gone.
MemorySample sample_memory(int pid);

}  // namespace bench
