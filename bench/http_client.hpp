// A keep-alive HTTP/1.1 client connection for the load generator: one request at a time.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <string>
#include <string_view>

namespace bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Where the server listens, from "http://HOST:PORT" (nothing else is accepted).
struct Server {
  std::string host;
  std::string port;
  tcp::resolver::results_type endpoints;
};
Server resolve_server(asio::io_context& io, std::string_view url);

struct Request {
  http::verb method = http::verb::get;
  std::string target;
  std::string body;   // sent as application/json when not empty
  std::string token;  // Bearer token, when not empty
  std::string idempotency_key;
};

// status 0: the request failed below HTTP (connect, write, read or timeout).
struct Reply {
  int status = 0;
  std::string body;
};

class Connection {
 public:
  Connection(asio::any_io_executor executor, const Server& server);

  // Never throws for network trouble: a failed request answers status 0 and the next one
  // reconnects, so one broken connection does not end a run. Requests are never retried, because
  // a POST that reached the server may have taken effect.
  asio::awaitable<Reply> send(const Request& request);

  // Connections opened so far (1 for a connection that was never broken).
  int connects() const { return connects_; }

 private:
  void close();

  const Server& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bool open_ = false;
  int connects_ = 0;
};

}  // namespace bench
