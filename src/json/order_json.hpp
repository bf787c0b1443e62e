#pragma once
// The JSON form of an order, as the API answers it and as webhooks receive it.
#include <boost/json/object.hpp>

#include "app/orders.hpp"
#include "domain/order.hpp"

namespace boxoffice::json {

boost::json::object ticket_json(const Ticket& t);
boost::json::object order_json(const Order& o);
// order_json with the refunds, and the choice while the order awaits one.
boost::json::object order_details_json(const orders::Details& d);

}  // namespace boxoffice::json
