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

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string, std::less<>>& params) {
  const auto want = segments(pattern);
  const auto have = segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string, std::less<>> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{')) {
      if (have[i].empty()) return false;
      found.emplace(want[i].substr(1, want[i].size() - 2), have[i]);
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  params = std::move(found);
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

void Router::add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler), {}, {}});
}

void Router::add_io(std::string method, std::string pattern, IoHandler handler) {
  routes_.push_back({std::move(method), std::move(pattern), {}, std::move(handler), {}});
}

void Router::add_fast(std::string method, std::string pattern, FastHandler fast, Handler handler) {
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(handler), {}, std::move(fast)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  std::map<std::string, std::string, std::less<>> params;
  for (const auto& route : routes_) {
    if (!match_pattern(route.pattern, path, params)) continue;
    if (route.method == method) {
      m.route = &route;
      m.params = std::move(params);
      return m;
    }
    if (m.allowed.find(route.method) == std::string::npos)
      m.allowed += (m.allowed.empty() ? "" : ", ") + route.method;
  }
  return m;
}

}  // namespace boxoffice::http
