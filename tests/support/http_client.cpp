#include "support/http_client.hpp"

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace boxoffice::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string HttpResult::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

void HttpClient::connect(asio::ip::tcp::socket& socket) const {
  const auto server = asio::ip::make_address("127.0.0.1");
  if (!source_address_.empty()) {
    socket.open(asio::ip::tcp::v4());
    socket.bind({asio::ip::make_address(source_address_), 0});
  }
  socket.connect({server, port_});
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               std::vector<std::pair<std::string, std::string>> headers) const {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  connect(socket);
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  for (auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(socket, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(socket, buffer, parser);
  HttpResult out;
  out.status = static_cast<int>(parser.get().result_int());
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = parser.get().body();
  boost::system::error_code json_ec;
  out.parsed = boost::json::parse(out.body, json_ec);
  if (json_ec) out.parsed = nullptr;
  beast::error_code ec;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

namespace {
std::vector<std::pair<std::string, std::string>> auth(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}
}  // namespace

HttpResult HttpClient::get(const std::string& target, const std::string& token) const {
  return request("GET", target, "", auth(token));
}

HttpResult HttpClient::del(const std::string& target, const std::string& token) const {
  return request("DELETE", target, "", auth(token));
}

HttpResult HttpClient::post(const std::string& target, const boost::json::value& body,
                            const std::string& token) const {
  return request("POST", target, boost::json::serialize(body), auth(token));
}

std::string HttpClient::raw(const std::string& bytes, int timeout_ms) const {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  connect(socket);
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{socket.native_handle(), POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    const auto n = socket.read_some(asio::buffer(buf), ec);
    if (ec || n == 0) break;
    out.append(buf, n);
  }
  return out;
}

}  // namespace boxoffice::testing
