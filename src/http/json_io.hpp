#pragma once
#include <boost/json/value.hpp>

#include "domain/error.hpp"
#include "http/message.hpp"
#include "json/object_reader.hpp"

namespace boxoffice::http {

Response json_response(int status, const boost::json::value& body);
Response no_content();
// The one error shape: {"error": {"code", "message", "fields"}}, with the matching status.
Response error_response(const Error& error);
int status_of(ErrorKind kind);
// For protocol-level failures that have no ErrorKind (413, 405, 500, 503).
Response error_response(int status, std::string code, std::string message);

// 201/200 with the value as JSON, or the error.
template <class T, class ToJson>
Response answer(const Result<T>& result, int status, ToJson to_json) {
  if (!result) return error_response(result.error());
  return json_response(status, to_json(result.value()));
}

// The body as a JSON object; 400 when it is declared as something else or does not parse.
Result<boost::json::object> read_json_body(const Request& request);

// A query parameter's whole number of 0 or more; nullopt when absent or not such a number.
std::optional<std::int64_t> whole_number(const std::optional<std::string>& text);

}  // namespace boxoffice::http
