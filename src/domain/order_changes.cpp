#include "domain/order_changes.hpp"

#include <algorithm>
#include <set>

namespace boxoffice {
namespace {

Error conflict(std::string code, std::string message, FieldErrors fields = {}) {
  return {ErrorKind::conflict, std::move(code), std::move(message), std::move(fields)};
}

std::string void_sentence(TicketVoid why) {
  return "this ticket was already " + std::string(to_string(why));
}

}  // namespace

Result<RefundDecision> decide_refund(const Order& order, const std::vector<std::string>& named) {
  if (order.payment_method == "transfer")
    return conflict("not_refundable",
                    "These tickets were given by another buyer; their money was paid with that "
                    "buyer's order.");
  if (order.status != OrderStatus::paid && order.status != OrderStatus::partially_refunded)
    return conflict("not_refundable",
                    "This order is " + std::string(to_string(order.status)) + ": nothing of it "
                    "can be refunded now.");

  std::vector<const Ticket*> chosen;
  if (named.empty()) {
    for (const auto& t : order.tickets)
      if (!t.void_reason && !t.checked_in_at) chosen.push_back(&t);
    if (chosen.empty())
      return conflict("nothing_to_refund",
                      "This order has no valid ticket left to refund (void or used at the door).");
  } else {
    FieldErrors unknown, void_ones, used;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < named.size(); ++i) {
      const std::string field = "tickets[" + std::to_string(i) + "]";
      const auto it = std::find_if(order.tickets.begin(), order.tickets.end(),
                                   [&](const Ticket& t) { return t.id == named[i]; });
      if (it == order.tickets.end())
        unknown[field] = "not a ticket of this order";
      else if (!seen.insert(named[i]).second)
        unknown[field] = "names a ticket twice";
      else if (it->void_reason)
        void_ones[field] = void_sentence(*it->void_reason);
      else if (it->checked_in_at)
        used[field] = "this ticket was used at the door; its place is taken";
      else
        chosen.push_back(&*it);
    }
    if (!unknown.empty()) return validation_error(std::move(unknown));
    if (!void_ones.empty())
      return conflict("ticket_void", "A ticket named is no longer valid; nothing was refunded.",
                      std::move(void_ones));
    if (!used.empty())
      return conflict("already_checked_in",
                      "A ticket named was used at the door; nothing was refunded.",
                      std::move(used));
  }

  RefundDecision d;
  for (const auto* t : chosen) {
    d.ticket_ids.push_back(t->id);
    d.amount += t->price + t->fees - t->voucher_amount;
    if (t->seat_id.empty())
      ++d.places[t->section];
    else
      d.seats.push_back(t->seat_id);
  }
  std::sort(d.ticket_ids.begin(), d.ticket_ids.end());
  std::sort(d.seats.begin(), d.seats.end());
  const auto left = std::count_if(order.tickets.begin(), order.tickets.end(),
                                  [](const Ticket& t) { return !t.void_reason; });
  d.status = static_cast<std::size_t>(left) == chosen.size() ? OrderStatus::refunded
                                                              : OrderStatus::partially_refunded;
  return d;
}

std::string refund_key(std::string_view order_id, std::vector<std::string> ticket_ids) {
  std::sort(ticket_ids.begin(), ticket_ids.end());
  std::string key = "refund:" + std::string(order_id);
  for (const auto& id : ticket_ids) key += ":" + id;
  return key;
}

Result<Ticket> may_transfer(const Order& order, std::string_view ticket_id,
                            std::string_view sender_id, EventStatus event_status) {
  if (order.account_id != sender_id)
    return Error{ErrorKind::forbidden, "forbidden", "This order belongs to another buyer.", {}};
  const auto it = std::find_if(order.tickets.begin(), order.tickets.end(),
                               [&](const Ticket& t) { return t.id == ticket_id; });
  if (it == order.tickets.end())
    return not_found_error("Ticket '" + std::string(ticket_id) + "' of this order");
  if (it->void_reason)
    return conflict("ticket_void", "This ticket was already " +
                                       std::string(to_string(*it->void_reason)) +
                                       "; its code is no longer valid.");
  if (it->checked_in_at)
    return conflict("already_checked_in",
                    "This ticket was used at the door: whoever came in holds its place, so it "
                    "cannot be given to anyone else.");
  if (event_status == EventStatus::cancelled)
    return conflict("event_cancelled", "This event is cancelled; its tickets cannot change hands.");
  return *it;
}

}  // namespace boxoffice
