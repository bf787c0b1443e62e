#pragma once
// Request counts and latency histograms per route, rendered in Prometheus' text format.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace boxoffice::http {

class Metrics {
 public:
  // `route` is the matched pattern ("/api/v1/venues/{venue}"), never the raw path, and methods
  // other than the standard ones are counted as "other", so that the number of series stays
  // bounded whatever clients send.
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  void connection_opened() { ++connections_; }
  void connection_closed() { --connections_; }
  // A counter kept elsewhere (e.g. by the hold writer), read when the metrics are rendered.
  // Registered before serving starts.
  void add_counter(std::string name, std::string help, std::function<std::uint64_t()> read);
  // Likewise a gauge: a value that goes up and down (e.g. messages waiting to be delivered).
  void add_gauge(std::string name, std::string help, std::function<std::uint64_t()> read);
  std::string render() const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> durations_;
  std::atomic<std::int64_t> connections_{0};
  struct Counter {
    std::string name;
    std::string help;
    std::function<std::uint64_t()> read;
    const char* type = "counter";
  };
  std::vector<Counter> counters_;
};

}  // namespace boxoffice::http
