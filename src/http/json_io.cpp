#include "http/json_io.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

namespace boxoffice::http {

Response json_response(int status, const boost::json::value& body) {
  return {status, "application/json", boost::json::serialize(body), {}, {}};
}

Response no_content() {
  return {204, "", "", {}, {}};
}

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::malformed:
      return 400;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::invalid:
      return 422;
    case ErrorKind::rate_limited:
      return 429;
    case ErrorKind::payment:
      return 402;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::internal:
      return 500;
  }
  return 400;
}

Response error_response(const Error& error) {
  boost::json::object fields;
  for (const auto& [k, v] : error.fields) fields[k] = v;
  boost::json::object body{
      {"error", {{"code", error.code}, {"message", error.message}, {"fields", std::move(fields)}}}};
  Response r = json_response(status_of(error.kind), body);
  if (error.kind == ErrorKind::unauthorized) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (error.retry_after_seconds > 0)
    r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

Response error_response(int status, std::string code, std::string message) {
  Response r = error_response(Error{ErrorKind::malformed, std::move(code), std::move(message), {}});
  r.status = status;
  return r;
}

Result<boost::json::object> read_json_body(const Request& request) {
  const auto type = request.header("Content-Type");
  if (!type.empty() && !type.starts_with("application/json")) {
    return Error{ErrorKind::malformed,
                 "unsupported_media_type",
                 "Send the body as JSON with Content-Type: application/json.",
                 {}};
  }
  return json::parse_object(request.body);
}

std::optional<std::int64_t> whole_number(const std::optional<std::string>& text) {
  std::int64_t value = 0;
  if (!text) return std::nullopt;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace boxoffice::http
