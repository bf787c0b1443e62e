#include "memory.hpp"

#include <fstream>
#include <string>

namespace bench {

MemorySample sample_memory(int pid) {
  MemorySample sample;
  if (pid <= 0) return sample;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  // Lines "VmRSS:	  123456 kB"; the values are always in kB, whatever the page size.
  for (std::string key; in >> key;) {
    if (key == "VmRSS:")
      in >> sample.rss_kib;
    else if (key == "VmHWM:")
      in >> sample.hwm_kib;
    in.ignore(1 << 16, '\n');
  }
  return sample;
}

}  // namespace bench
