#pragma once
// The JSON form of an order, as the API answers it and as webhooks receive it.
#include <boost/json/object.hpp>

#include "domain/order.hpp"

namespace boxoffice::json {

boost::json::object ticket_json(const Ticket& t);
boost::json::object order_json(const Order& o);

}  // namespace boxoffice::json
