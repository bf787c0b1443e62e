#include "api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace bench {

Request get(std::string target, std::string token) {
  return {http::verb::get, std::move(target), {}, std::move(token), {}};
}

Request post(std::string target, const boost::json::object& body, std::string token) {
  return {http::verb::post, std::move(target), boost::json::serialize(body), std::move(token), {}};
}

asio::awaitable<boost::json::object> call(Connection& connection, const Request& request,
                                          int expected) {
  const auto reply = co_await connection.send(request);
  if (reply.status != expected) {
    throw ApiError(std::string(http::to_string(request.method)) + " " + request.target +
                   " answered " + std::to_string(reply.status) + " (expected " +
                   std::to_string(expected) + "): " + reply.body.substr(0, 500));
  }
  if (reply.body.empty()) co_return boost::json::object{};
  boost::system::error_code ec;
  auto value = boost::json::parse(reply.body, ec);
  if (ec || !value.is_object())
    throw ApiError(request.target + " answered something other than a JSON object");
  co_return std::move(value.as_object());
}

void rethrow(std::exception_ptr e) {
  if (e) std::rethrow_exception(e);
}

std::string string_field(const boost::json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string())
    throw ApiError(std::string("the answer has no string field '") + key + "'");
  return std::string(value->as_string());
}

}  // namespace bench
