#include "http/request_log.hpp"

#include <algorithm>
#include <cctype>

namespace boxoffice::http {
namespace {

bool names_a_token(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("token") != std::string::npos;
}

}  // namespace

std::string loggable_target(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, question + 1));
  std::string_view query = target.substr(question + 1);
  for (bool first = true;; first = false) {
    const auto amp = query.find('&');
    const auto param = query.substr(0, amp);
    if (!first) out += '&';
    const auto equals = param.find('=');
    if (equals != std::string_view::npos && names_a_token(param.substr(0, equals))) {
      out += param.substr(0, equals + 1);
      out += "REDACTED";
    } else {
      out += param;
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return out;
}

}  // namespace boxoffice::http
