#pragma once
// A small blocking HTTP/1.1 client for the integration tests.
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace boxoffice::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  boost::json::value parsed;  // the body as JSON; null if it is not JSON
  const boost::json::value& json() const { return parsed; }
  std::string header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : port_(port) {}
  // Connects from `source_address` (another loopback address such as 127.0.0.2): a client that a
  // proxy in front of the server must tell apart from the proxy itself.
  HttpClient(unsigned short port, std::string source_address)
      : port_(port), source_address_(std::move(source_address)) {}

  HttpResult get(const std::string& target, const std::string& token = "") const;
  HttpResult del(const std::string& target, const std::string& token = "") const;
  HttpResult post(const std::string& target, const boost::json::value& body,
                  const std::string& token = "") const;
  HttpResult request(const std::string& method, const std::string& target, const std::string& body,
                     std::vector<std::pair<std::string, std::string>> headers = {}) const;

  // Sends raw bytes on a new connection and returns everything read until the server closes it
  // or `timeout_ms` passes: for tests of the HTTP layer itself.
  std::string raw(const std::string& bytes, int timeout_ms = 5000) const;

 private:
  void connect(boost::asio::ip::tcp::socket& socket) const;

  unsigned short port_;
  std::string source_address_;  // empty: the system's choice
};

}  // namespace boxoffice::testing
