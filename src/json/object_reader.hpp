#pragma once
// Reads fields out of a JSON object and names every problem (missing, wrong type, unknown) in a
// FieldErrors map, so that one answer lists all of a request's mistakes.
#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace boxoffice::json {

// Parses a request body that must be one JSON object; a malformed body is a 400.
Result<boost::json::object> parse_object(std::string_view body);

class ObjectReader {
 public:
  // `prefix` is the path of this object inside the body ("" at the top, "sections[2]" inside).
  ObjectReader(const boost::json::object& object, std::string prefix, FieldErrors& errors)
      : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

  enum Need { optional, required };

  // Each returns nothing (and records why) when the field is missing, null or of the wrong type.
  std::optional<std::string> string(std::string_view key, Need need,
                                    std::size_t max_length = 10000);
  std::optional<std::int64_t> integer(std::string_view key, Need need);
  std::optional<double> number(std::string_view key, Need need);
  std::optional<bool> boolean(std::string_view key, Need need);
  std::optional<TimePoint> time(std::string_view key, Need need);
  const boost::json::array* array(std::string_view key, Need need);
  const boost::json::object* object(std::string_view key, Need need);

  // Names every field not in `known`: a typo such as "capcity" should not pass silently.
  void reject_unknown(std::span<const std::string_view> known);
  void reject_unknown(std::initializer_list<std::string_view> known) {
    reject_unknown(std::span<const std::string_view>(known.begin(), known.size()));
  }

  std::string path(std::string_view key) const;
  void fail(std::string_view key, std::string why) { errors_[path(key)] = std::move(why); }
  bool has(std::string_view key) const;
  const boost::json::object& source() const { return object_; }
  FieldErrors& errors() { return errors_; }

 private:
  const boost::json::value* find(std::string_view key, Need need);

  const boost::json::object& object_;
  std::string prefix_;
  FieldErrors& errors_;
};

}  // namespace boxoffice::json
