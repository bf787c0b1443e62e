#include "json/object_reader.hpp"

#include <boost/json/parse.hpp>
#include <cmath>

namespace boxoffice::json {

Result<boost::json::object> parse_object(std::string_view body) {
  if (body.empty()) {
    return Error{
        ErrorKind::malformed, "malformed_json", "The request body must be a JSON object.", {}};
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec) {
    return Error{ErrorKind::malformed,
                 "malformed_json",
                 "The request body is not valid JSON: " + ec.message() + ".",
                 {}};
  }
  if (!value.is_object()) {
    return Error{
        ErrorKind::malformed, "malformed_json", "The request body must be a JSON object.", {}};
  }
  return std::move(value.as_object());
}

std::string ObjectReader::path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

bool ObjectReader::has(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  return v && !v->is_null();
}

const boost::json::value* ObjectReader::find(std::string_view key, Need need) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (need == required) fail(key, "is required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need,
                                                std::size_t max_length) {
  const auto* v = find(key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "must be a string");
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (s.size() > max_length) {
    fail(key, "must have at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  if (need == required && s.empty()) {
    fail(key, "is required");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Need need) {
  const auto* v = find(key, need);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_double()) {
    const double d = v->get_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
      return static_cast<std::int64_t>(d);
  }
  fail(key, v->is_uint64() ? "is too large" : "must be a whole number");
  return std::nullopt;
}

std::optional<double> ObjectReader::number(std::string_view key, Need need) {
  const auto* v = find(key, need);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->to_number<double>();
  fail(key, "must be a number");
  return std::nullopt;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) {
  const auto* v = find(key, need);
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->get_bool();
  fail(key, "must be true or false");
  return std::nullopt;
}

std::optional<TimePoint> ObjectReader::time(std::string_view key, Need need) {
  const auto* v = find(key, need);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    if (auto t = parse_rfc3339(v->get_string())) return t;
  }
  fail(key, "must be an RFC 3339 time such as 2027-06-01T19:30:00Z");
  return std::nullopt;
}

const boost::json::array* ObjectReader::array(std::string_view key, Need need) {
  const auto* v = find(key, need);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(key, "must be an array");
    return nullptr;
  }
  return &v->get_array();
}

const boost::json::object* ObjectReader::object(std::string_view key, Need need) {
  const auto* v = find(key, need);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(key, "must be an object");
    return nullptr;
  }
  return &v->get_object();
}

void ObjectReader::reject_unknown(std::span<const std::string_view> known) {
  for (const auto& [key, value] : object_) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found) fail(key, "is not a known field");
  }
}

}  // namespace boxoffice::json
