#pragma once
// Business failures are values: every layer passes an Error up unchanged and only the HTTP layer
// turns its kind into a status code.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace boxoffice {

enum class ErrorKind {
  malformed,     // the request cannot be understood
  unauthorized,  // no or bad credentials
  forbidden,     // credentials fine, action not allowed
  not_found,
  conflict,      // clashes with the current state
  invalid,       // validation failed; `fields` names every bad field
  rate_limited,  // `retry_after_seconds` says when to come back
  payment,       // the payment was declined
  unavailable,   // a part the request needs is down or full; `retry_after_seconds` says when
  internal,      // a bug on the server's side, never caused by what the client sent
};

// Field path (e.g. "sections[2].rows[0].seats") to a sentence saying what is wrong with it.
using FieldErrors = std::map<std::string, std::string>;

struct Error {
  ErrorKind kind;
  std::string code;
  std::string message;
  FieldErrors fields;
  int retry_after_seconds = 0;
};

inline Error validation_error(FieldErrors fields) {
  return {ErrorKind::invalid, "validation_failed", "Some fields are invalid; see error.fields.",
          std::move(fields)};
}
inline Error not_found_error(std::string what) {
  return {ErrorKind::not_found, "not_found", std::move(what) + " was not found.", {}};
}

// A value or an Error. Small on purpose: C++23's std::expected is not in GCC 12.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}
  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& value() const& { return std::get<0>(state_); }
  const Error& error() const { return std::get<1>(state_); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}
  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace boxoffice
