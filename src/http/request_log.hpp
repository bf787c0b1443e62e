#pragma once
// What of a request may go into the log.
#include <string>
#include <string_view>

namespace boxoffice::http {

// The request target with the value of every query parameter whose name contains "token"
// (token=, queue_token=) replaced by "REDACTED": a waiting-room token in a log is a place in the
// queue for whoever reads the log.
std::string loggable_target(std::string_view target);

}  // namespace boxoffice::http
