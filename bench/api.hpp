// Requests to the boxoffice API whose answers the load generator needs to read.
#pragma once

#include <boost/json/object.hpp>
#include <exception>
#include <stdexcept>
#include <string>

#include "http_client.hpp"

namespace bench {

// An answer other than the expected one where the run cannot go on without it.
struct ApiError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Request get(std::string target, std::string token = {});
Request post(std::string target, const boost::json::object& body, std::string token = {});

// Sends the request and returns its JSON object (empty for an empty body); throws ApiError naming
// the request and the answer when the status is not `expected`.
asio::awaitable<boost::json::object> call(Connection& connection, const Request& request,
                                          int expected);

// The completion handler of a co_spawned coroutine: an error ends the run instead of being lost.
void rethrow(std::exception_ptr e);

// The value of a string field of a JSON object; throws ApiError when it is missing.
std::string string_field(const boost::json::object& object, const char* key);

}  // namespace bench
