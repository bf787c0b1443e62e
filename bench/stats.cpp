#include "stats.hpp"

#include <algorithm>
#include <cmath>

namespace bench {

void Latencies::merge(const Latencies& other) {
  samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  sorted_ = false;
}

double Latencies::percentile_ms(double p) {
  if (samples_.empty()) return 0;
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  const auto n = samples_.size();
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return samples_[rank - 1] / 1000.0;
}

void Stats::merge(const Stats& o) {
  ops += o.ops;
  ok += o.ok;
  refused += o.refused;
  other += o.other;
  op_latency.merge(o.op_latency);
  release_latency.merge(o.release_latency);
  healthz_latency.merge(o.healthz_latency);
  for (const auto& [what, n] : o.statuses) statuses[what] += n;
}

std::string Stats::codes() const {
  std::string out;
  for (const auto& [what, n] : statuses) {
    if (!out.empty()) out += ',';
    auto key = what;
    key[key.find(' ')] = ':';
    out += key + "=" + std::to_string(n);
  }
  return out;
}

}  // namespace bench
