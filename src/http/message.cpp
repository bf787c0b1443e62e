#include "http/message.hpp"

#include <strings.h>

#include <boost/url/parse_query.hpp>

namespace boxoffice::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), name.size()) == 0) return v;
  return {};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto params = boost::urls::parse_query(query);
  if (!params) return std::nullopt;
  for (const auto& p : *params) {
    if (p.key.decode() == name) return p.has_value ? p.value.decode() : std::string();
  }
  return std::nullopt;
}

std::string_view Request::bearer_token() const {
  std::string_view h = header("Authorization");
  if (h.size() > 7 && strncasecmp(h.data(), "Bearer ", 7) == 0) return h.substr(7);
  return {};
}

void Stream::wake() {
  std::function<void()> notify;
  {
    std::lock_guard lock(mutex_);
    if (!notify_) {
      woken_ = true;
      return;
    }
    notify = notify_;
  }
  notify();
}

void Stream::on_wake(std::function<void()> notify) {
  bool woken = false;
  {
    std::lock_guard lock(mutex_);
    notify_ = notify;
    woken = std::exchange(woken_, false);
  }
  if (woken) notify();
}

}  // namespace boxoffice::http
