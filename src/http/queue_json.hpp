#pragma once
// A buyer's place in a waiting room as JSON, for its route and the updates stream alike.
#include <boost/json/object.hpp>

#include "app/queues.hpp"

namespace boxoffice::http {

boost::json::object queue_status_json(const queues::Status& status);

}  // namespace boxoffice::http
