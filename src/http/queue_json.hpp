#pragma once
// A buyer's place in a waiting room as JSON text, for its route and the updates stream alike.
#include <string>

#include "app/queues.hpp"

namespace boxoffice::http {

// {"token", "event_id", "number", "state", "drawn", "position", "estimated_wait_seconds"} and,
// when they apply, "ahead" and "admitted_until", in that order and without spaces.
std::string queue_status_text(const queues::Status& status);

}  // namespace boxoffice::http
