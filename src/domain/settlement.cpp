#include "domain/settlement.hpp"

namespace boxoffice {

std::optional<Resolution> parse_resolution(std::string_view text) {
  for (auto r :
       {Resolution::refund, Resolution::credit, Resolution::voucher, Resolution::buyer_choice})
    if (to_string(r) == text) return r;
  return std::nullopt;
}

std::string_view to_string(Resolution r) {
  switch (r) {
    case Resolution::refund:
      return "refund";
    case Resolution::credit:
      return "credit";
    case Resolution::voucher:
      return "voucher";
    case Resolution::buyer_choice:
      return "buyer_choice";
  }
  return "refund";
}

std::vector<Resolution> choices(const Settlement& s) {
  std::vector<Resolution> out{Resolution::refund, Resolution::credit};
  if (s.rescheduled_event_id) out.push_back(Resolution::voucher);
  return out;
}

std::optional<OrderSettlement> settle(const Order& order, Resolution resolution) {
  const bool open =
      order.status == OrderStatus::paid || order.status == OrderStatus::partially_refunded;
  const bool awaiting = order.status == OrderStatus::awaiting_choice;
  if (resolution == Resolution::buyer_choice ? !open : !(open || awaiting)) return std::nullopt;

  OrderSettlement out;
  std::vector<const Ticket*> settled;
  for (const auto& t : order.tickets) {
    if (open ? !t.void_reason : t.void_reason == TicketVoid::cancelled) settled.push_back(&t);
    if (open && !t.void_reason) out.voided.push_back(t.id);
  }
  for (const auto* t : settled) {
    const Minor value = t->price + t->fees;
    out.amount += value;
    switch (resolution) {
      case Resolution::buyer_choice:
        break;
      case Resolution::refund: {
        // Only what the provider charged goes back through it. What a voucher or the buyer's
        // credit paid goes to credit, and so does a ticket received by transfer: its giver paid
        // for it and gave it away, so its holder gets its value.
        const Minor paid = value - t->voucher_amount;
        (order.payment_method == kCardPayment ? out.provider_refund : out.credit) += paid;
        out.credit += t->voucher_amount;
        break;
      }
      case Resolution::credit:
        out.credit += value;
        break;
      case Resolution::voucher:
        out.vouchers.push_back({t->id, value});
        break;
    }
  }
  switch (resolution) {
    case Resolution::buyer_choice:
      out.status = OrderStatus::awaiting_choice;
      break;
    case Resolution::refund:
      out.status = OrderStatus::refunded;
      break;
    case Resolution::credit:
      out.status = OrderStatus::credited;
      break;
    case Resolution::voucher:
      out.status = OrderStatus::voucher_issued;
      break;
  }
  return out;
}

Result<void> may_choose(const Settlement& s, Resolution picked, TimePoint now) {
  bool offered = false;
  for (auto r : choices(s)) offered = offered || r == picked;
  if (!offered) {
    std::string list;
    for (auto r : choices(s)) list += (list.empty() ? "" : ", ") + std::string(to_string(r));
    return validation_error({{"resolution", "must be one of " + list}});
  }
  if (s.choice_deadline && now >= *s.choice_deadline)
    return Error{ErrorKind::conflict,
                 "choice_closed",
                 "The time to choose has passed; the order was refunded.",
                 {{"choice_deadline", format_rfc3339(*s.choice_deadline)}}};
  return {};
}

}  // namespace boxoffice
