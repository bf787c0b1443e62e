#include "http/router.hpp"

#include "http/json_io.hpp"

namespace boxoffice::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    const auto end = path.find('/');
    out.push_back(path.substr(0, end));
    path = end == std::string_view::npos ? std::string_view{} : path.substr(end);
  }
  return out;
}

// Literal segments must be equal; a "{name}" segment takes any non-empty one.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].starts_with('{') ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

}  // namespace

Handler with_permission(Permission permission, Handler handler) {
  return [permission, handler = std::move(handler)](Context& context) {
    if (auto allowed = authorize(context.account, permission); !allowed)
      return error_response(allowed.error());
    return handler(context);
  };
}

void Router::push(Route route) {
  for (auto segment : segments(route.pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  push({std::move(method), std::move(pattern), std::move(handler), {}, {}, {}, {}});
}

void Router::add_io(std::string method, std::string pattern, IoHandler handler) {
  push({std::move(method), std::move(pattern), {}, std::move(handler), {}, {}, {}});
}

void Router::add_later(std::string method, std::string pattern, LaterHandler handler) {
  push({std::move(method), std::move(pattern), {}, {}, std::move(handler), {}, {}});
}

void Router::add_fast(std::string method, std::string pattern, FastHandler fast, Handler handler) {
  push({std::move(method), std::move(pattern), std::move(handler), {}, {}, std::move(fast), {}});
}

void Router::add_hashing(std::string method, std::string pattern, Handler handler) {
  add(std::move(method), std::move(pattern), std::move(handler));
  routes_.back().hashes_password = true;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  // The path is split once and no route allocates while it is compared: the status polls of a
  // waiting room come through here tens of thousands of times a second.
  Match m;
  const auto have = segments(path);
  for (const auto& route : routes_) {
    if (!matches(route.segments, have)) continue;
    if (route.method == method) {
      m.route = &route;
      for (std::size_t i = 0; i < have.size(); ++i) {
        const auto& want = route.segments[i];
        if (want.starts_with('{')) m.params.emplace(want.substr(1, want.size() - 2), have[i]);
      }
      return m;
    }
    if (m.allowed.find(route.method) == std::string::npos)
      m.allowed += (m.allowed.empty() ? "" : ", ") + route.method;
  }
  return m;
}

}  // namespace boxoffice::http
