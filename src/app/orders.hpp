#pragma once
// Use cases of orders: a buyer pays for an active hold and gets one signed ticket per place.
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::orders {

struct Purchase {
  std::string hold_id;
  std::string buyer_name;
  std::string buyer_email;
  std::vector<OrderLine> lines;
  std::string payment_method;
  std::string card_number;
  std::string idempotency_key;  // the same key again answers the order made the first time
};

Result<Order> purchase(Storage& storage, const AppEnv& env, const Account& buyer,
                       const Purchase& purchase, FieldErrors parse_errors = {});

// The order, for its buyer or a manager.
Result<Order> get(Storage& storage, const Account& reader, std::string_view id);

// The public half of the key that signs an event's ticket codes, for scanners.
Result<std::string> ticket_key(Storage& storage, std::string_view event_id);

}  // namespace boxoffice::orders
