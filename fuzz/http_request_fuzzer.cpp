// Bytes in, response out: raw bytes (placeholders such as @buyer expanded, see harness.hpp) read
// by Beast's request parser with the server's limits, one request after another as on a kept-alive
// connection, each routed to the real handlers and its response serialised.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "harness.hpp"
#include "http/request_handling.hpp"

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
using boxoffice::http::Request;
using boxoffice::http::Response;

// As in src/http/server.cpp (ServerOptions::body_limit's default, and the header limit).
constexpr std::size_t kBodyLimit = 1024 * 1024;
constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr int kMaxRequests = 8;
// A client on loopback, itself a trusted proxy, so that X-Forwarded-For is read.
const auto kPeer = boost::asio::ip::make_address("127.0.0.1");
const auto kProxies = boxoffice::http::TrustedProxies::parse("127.0.0.1");

std::string serialise(const Response& res, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "boxoffice");
  if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
  for (const auto& [k, v] : res.headers) out.set(k, v);
  out.body() = res.body;
  out.keep_alive(keep_alive);
  out.prepare_payload();
  std::ostringstream text;
  text << out;
  return text.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& server = boxoffice::fuzz::DemoServer::get();
  const std::string bytes =
      server.expand(std::string_view(reinterpret_cast<const char*>(data), size));
  beast::flat_buffer buffer;
  buffer.commit(boost::asio::buffer_copy(buffer.prepare(bytes.size()), boost::asio::buffer(bytes)));
  for (int n = 0; n < kMaxRequests && buffer.size() > 0; ++n) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(kBodyLimit);
    parser.header_limit(kHeaderLimit);
    beast::error_code ec;
    bool incomplete = false;  // the server would wait for the rest, then time out
    while (!ec && !incomplete && !parser.is_done()) {
      const auto used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      if (ec == bhttp::error::need_more) ec = {};
      incomplete = !ec && (used == 0 || buffer.size() == 0) && !parser.is_done();
    }
    if (ec) (void)serialise(Response{400, "application/json", ec.message(), {}, {}}, 11, false);
    if (!parser.is_done()) break;
    const auto& in = parser.get();
    Response res;
    if (in.method() == bhttp::verb::unknown) {
      res = Response{501, "application/json", "{}", {}, {}};
    } else if (auto request = boxoffice::http::to_request(
                   in, boxoffice::http::client_address(kProxies, in, kPeer))) {
      res = server.handle(std::move(*request));
    } else {
      res = Response{400, "application/json", "{}", {}, {}};
    }
    const bool keep_alive = in.keep_alive() && in.method() != bhttp::verb::unknown;
    (void)serialise(res, in.version(), keep_alive);
    if (!keep_alive || res.stream) break;
  }
  return 0;
}
