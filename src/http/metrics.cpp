#include "http/metrics.hpp"

#include <sstream>
#include <string_view>

namespace boxoffice::http {
namespace {

// The method is chosen by the client: a label per name would let a loop of random method names
// grow the series (and the server's memory) without bound, so anything else is "other".
std::string method_label(const std::string& method) {
  static constexpr std::array<std::string_view, 9> kKnown{
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"};
  for (auto known : kKnown)
    if (method == known) return method;
  return "other";
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  const std::string label = method_label(method);
  std::lock_guard lock(mutex_);
  ++requests_[{label, route, status}];
  auto& h = durations_[{label, route}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::add_counter(std::string name, std::string help, std::function<std::uint64_t()> read) {
  counters_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::add_gauge(std::string name, std::string help, std::function<std::uint64_t()> read) {
  counters_.push_back({std::move(name), std::move(help), std::move(read), "gauge"});
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP boxoffice_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE boxoffice_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "boxoffice_http_requests_total{method=\"" << method << "\",route=\"" << route
        << "\",status=\"" << status << "\"} " << n << '\n';
  }
  out << "# HELP boxoffice_http_request_duration_seconds Time from request read to response "
         "ready.\n# TYPE boxoffice_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : durations_) {
    const std::string labels = "method=\"" + key.first + "\",route=\"" + key.second + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "boxoffice_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << h.buckets[i] << '\n';
    out << "boxoffice_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} "
        << h.count << '\n'
        << "boxoffice_http_request_duration_seconds_sum{" << labels << "} " << h.sum << '\n'
        << "boxoffice_http_request_duration_seconds_count{" << labels << "} " << h.count << '\n';
  }
  out << "# HELP boxoffice_http_connections_open Client connections currently open.\n"
         "# TYPE boxoffice_http_connections_open gauge\n"
      << "boxoffice_http_connections_open " << connections_.load() << '\n';
  for (const auto& c : counters_)
    out << "# HELP " << c.name << ' ' << c.help << "\n# TYPE " << c.name << ' ' << c.type << '\n'
        << c.name << ' ' << c.read() << '\n';
  return out.str();
}

}  // namespace boxoffice::http
