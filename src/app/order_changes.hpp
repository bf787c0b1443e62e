#pragma once
// Use cases after the sale of a single order: a manager refunds some or all of its tickets; its
// buyer gives one ticket to another account.
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::orders {

// A manager's refund of the tickets `ticket_ids` of order `order_id` (every valid ticket not yet
// used at the door when empty): decide_refund on the order as read (404, 422, 409), the money
// given back through the payment provider with a key made of the order and the tickets (so a
// retry never refunds twice; a retry of a refund already stored answers the order), then the one
// transaction of Storage::refund_tickets. The order afterwards.
Result<Order> refund(Storage& storage, const AppEnv& env, const Account& manager,
                     std::string_view order_id, const std::vector<std::string>& ticket_ids);

// The buyer of order `order_id` gives its ticket `ticket_id` to the account with e-mail `email`
// (422 naming "email" when there is none, or it is the buyer's own): may_transfer on the order
// as read, a new ticket id and its code, then the one transaction of Storage::transfer_ticket.
// The receiver's new order, with the new ticket.
Result<Order> transfer(Storage& storage, const AppEnv& env, const Account& sender,
                       std::string_view order_id, std::string_view ticket_id,
                       std::string_view email);

}  // namespace boxoffice::orders
