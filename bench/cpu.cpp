#include "cpu.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace bench {
namespace {

double ticks_to_seconds(double ticks) {
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// "cpu  user nice system idle iowait irq softirq steal ...": busy is all but idle and iowait.
double machine_busy_seconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  return ticks_to_seconds(user + nice + system + irq + softirq + steal);
}

// utime and stime are the 14th and 15th fields of /proc/PID/stat; the 2nd, the command name in
// parentheses, may contain spaces, so counting starts after its closing parenthesis.
double process_seconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 1));
  std::string skip;
  for (int field = 3; field <= 13; ++field) fields >> skip;
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return ticks_to_seconds(utime + stime);
}

double self_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

CpuSample sample_cpu(int server_pid) {
  return {std::chrono::steady_clock::now(), machine_busy_seconds(),
          server_pid > 0 ? process_seconds(server_pid) : 0, self_seconds()};
}

CpuUse cpu_use(const CpuSample& before, const CpuSample& after) {
  const double wall = std::chrono::duration<double>(after.at - before.at).count();
  if (wall <= 0) return {};
  CpuUse use;
  use.server = (after.server - before.server) / wall;
  use.loadgen = (after.self - before.self) / wall;
  use.rest =
      std::max(0.0, (after.machine_busy - before.machine_busy) / wall - use.server - use.loadgen);
  return use;
}

}  // namespace bench
