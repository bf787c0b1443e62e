#pragma once
// The HTTP layer's own request and response values. Handlers see only these, never Beast, so that
// they compile quickly and read like plain functions.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
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

// The body of a response that goes on being sent (server-sent events). The server sends what
// `next` returns ("" when nothing) at once, and again whenever wake() is called, until the client
// goes away or the server shuts down.
class Stream {
 public:
  std::function<std::string()> next;
  void wake();  // from any thread
  // The server's: `notify` is called on every wake() from now on (and at once if one came first).
  void on_wake(std::function<void()> notify);

 private:
  std::mutex mutex_;
  bool woken_ = false;
  std::function<void()> notify_;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<Stream> stream;  // when set, sent after `body`, instead of ending the response
};

}  // namespace boxoffice::http
