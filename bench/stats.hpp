// What one connection saw during a scenario; merged over connections at the end.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bench {

// Microseconds from `start` to now, as Latencies keeps them.
inline std::uint32_t micros_since(std::chrono::steady_clock::time_point start) {
  return static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                        std::chrono::steady_clock::now() - start)
                                        .count());
}

// Latencies in microseconds, kept whole: a run of a few seconds is at most a few hundred thousand
// samples, and exact percentiles are simpler to trust than bucketed ones.
class Latencies {
 public:
  void add(std::uint32_t micros) { samples_.push_back(micros); }
  void merge(const Latencies& other);
  std::size_t count() const { return samples_.size(); }
  // The p-th percentile (0..100) in milliseconds, nearest rank; 0 when there are no samples.
  double percentile_ms(double p);

 private:
  std::vector<std::uint32_t> samples_;
  bool sorted_ = false;
};

struct Stats {
  std::uint64_t ops = 0;  // scenario operations started (a hold+purchase pair is one)
  std::uint64_t ok = 0;   // operations that ended as the scenario expects
  std::uint64_t refused =
      0;                    // answers the scenario expects under contention (409 for a taken seat)
  std::uint64_t other = 0;  // anything else: errors, unexpected statuses, I/O failures
  Latencies op_latency;     // of each operation, whatever its outcome
  Latencies release_latency;  // holds_contended: the DELETE after each successful hold
  Latencies healthz_latency;  // flood: the /healthz probes between holds
  std::map<std::string, std::uint64_t> statuses;  // "POST /holds 201" -> count; 0 = I/O failure

  void count_status(const std::string& what, int status) {
    ++statuses[what + " " + std::to_string(status)];
  }
  void merge(const Stats& other);
  // "hold:201=12,hold:409=3": every status per request kind, for a result line.
  std::string codes() const;
};

}  // namespace bench
