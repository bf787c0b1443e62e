#pragma once
// The HTTP layer's own request and response values. Handlers see only these, never Beast, so that
// they compile quickly and read like plain functions.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boxoffice::http {

struct Request {
  std::string method;
  std::string path;   // decoded path, no query
  std::string query;  // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  bool loopback = false;
  std::map<std::string, std::string, std::less<>> params;  // from the route pattern

  std::string_view header(std::string_view name) const;  // "" when absent
  std::optional<std::string> query_param(std::string_view name) const;
  const std::string& param(std::string_view name) const { return params.find(name)->second; }
  // The token of "Authorization: Bearer <token>", empty when there is none.
  std::string_view bearer_token() const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace boxoffice::http
