#include "http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <stdexcept>

namespace bench {
namespace {

// Far above any latency worth measuring; a request that takes this long counts as failed.
constexpr auto kTimeout = std::chrono::seconds(30);
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

}  // namespace

Server resolve_server(asio::io_context& io, std::string_view url) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) throw std::invalid_argument("the URL must start with http://");
  url.remove_prefix(scheme.size());
  if (auto slash = url.find('/'); slash != std::string_view::npos) url = url.substr(0, slash);
  const auto colon = url.rfind(':');
  if (colon == std::string_view::npos) throw std::invalid_argument("the URL needs a port");
  Server s{std::string(url.substr(0, colon)), std::string(url.substr(colon + 1)), {}};
  s.endpoints = tcp::resolver(io).resolve(s.host, s.port);
  return s;
}

Connection::Connection(asio::any_io_executor executor, const Server& server)
    : server_(server), stream_(std::move(executor)) {}

void Connection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
  buffer_.clear();
  open_ = false;
}

asio::awaitable<Reply> Connection::send(const Request& r) {
  if (!open_) {
    stream_.expires_after(kTimeout);
    auto [ec, endpoint] = co_await stream_.async_connect(server_.endpoints, kNoThrow);
    if (ec) {
      close();
      co_return Reply{};
    }
    // Small requests on a kept-alive connection: Nagle would add delay, not save packets.
    stream_.socket().set_option(tcp::no_delay(true));
    open_ = true;
    ++connects_;
  }

  http::request<http::string_body> req{r.method, r.target, 11};
  req.set(http::field::host, server_.host);
  if (!r.token.empty()) req.set(http::field::authorization, "Bearer " + r.token);
  if (!r.idempotency_key.empty()) req.set("Idempotency-Key", r.idempotency_key);
  if (!r.body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = r.body;
  }
  req.keep_alive(true);
  req.prepare_payload();

  stream_.expires_after(kTimeout);
  if (auto [ec, n] = co_await http::async_write(stream_, req, kNoThrow); ec) {
    close();
    co_return Reply{};
  }
  http::response<http::string_body> res;
  if (auto [ec, n] = co_await http::async_read(stream_, buffer_, res, kNoThrow); ec) {
    close();
    co_return Reply{};
  }
  if (!res.keep_alive()) close();
  co_return Reply{static_cast<int>(res.result_int()), std::move(res.body())};
}

}  // namespace bench
