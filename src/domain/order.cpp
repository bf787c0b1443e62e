#include "domain/order.hpp"

#include <algorithm>
#include <map>

namespace boxoffice {

std::string_view to_string(OrderStatus status) {
  switch (status) {
    case OrderStatus::paid:
      return "paid";
    case OrderStatus::refunded:
      return "refunded";
    case OrderStatus::partially_refunded:
      return "partially_refunded";
    case OrderStatus::credited:
      return "credited";
    case OrderStatus::voucher_issued:
      return "voucher_issued";
    case OrderStatus::awaiting_choice:
      return "awaiting_choice";
    case OrderStatus::cancelled:
      return "cancelled";
  }
  return "paid";
}

std::optional<OrderStatus> parse_order_status(std::string_view text) {
  for (auto s : {OrderStatus::paid, OrderStatus::refunded, OrderStatus::partially_refunded,
                 OrderStatus::credited, OrderStatus::voucher_issued, OrderStatus::awaiting_choice,
                 OrderStatus::cancelled})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::string_view to_string(TicketVoid why) {
  switch (why) {
    case TicketVoid::refunded:
      return "refunded";
    case TicketVoid::cancelled:
      return "cancelled";
    case TicketVoid::transferred:
      return "transferred";
  }
  return "cancelled";
}

std::optional<TicketVoid> parse_ticket_void(std::string_view text) {
  for (auto w : {TicketVoid::refunded, TicketVoid::cancelled, TicketVoid::transferred})
    if (to_string(w) == text) return w;
  return std::nullopt;
}

Result<std::vector<Ticket>> price_tickets(const Hold& hold, const std::vector<OrderLine>& lines,
                                          const std::vector<TicketType>& types) {
  FieldErrors errors;
  std::map<std::string, const OrderLine*> chosen;    // place -> its line
  std::map<std::string, const TicketType*> type_of;  // place -> type
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "]";
    const auto& line = lines[i];
    const TicketType* type = nullptr;
    for (const auto& t : types)
      if (t.id == line.ticket_type_id) type = &t;
    const HoldItem* item = nullptr;
    for (const auto& it : hold.items)
      if ((it.seat_id.empty() ? it.section : it.seat_id) == line.place) item = &it;
    if (!item)
      errors[field] = "'" + line.place + "' is not a place of this hold";
    else if (!type)
      errors[field + ".ticket_type_id"] = "the event has no such ticket type";
    else if (!type->valid_for(item->section))
      errors[field + ".ticket_type_id"] = type->name + " is not valid in section " + item->section;
    else if (!chosen.emplace(line.place, &line).second)
      errors[field] = "names a place twice";
    else
      type_of[line.place] = type;
  }
  std::vector<Ticket> tickets;
  for (const auto& item : hold.items) {
    const std::string place = item.seat_id.empty() ? item.section : item.seat_id;
    auto it = type_of.find(place);
    if (it == type_of.end()) {
      if (errors.empty()) errors["items"] = "choose a ticket type for " + place;
      continue;
    }
    std::string row;
    if (!item.seat_id.empty()) {
      const auto first = item.seat_id.find('/');
      row = item.seat_id.substr(first + 1, item.seat_id.rfind('/') - first - 1);
    }
    for (std::int64_t n = 0; n < item.quantity; ++n) {
      Ticket t;
      t.section = item.section;
      t.seat_id = item.seat_id;
      t.ticket_type_id = it->second->id;
      t.price = it->second->price_for(item.section, row);
      t.fees = it->second->fees_for(t.price);
      if (n == 0) t.voucher_code = chosen.at(place)->voucher;
      tickets.push_back(std::move(t));
    }
  }
  if (!errors.empty()) return validation_error(std::move(errors));
  return tickets;
}

Error hold_expired_error() {
  return {ErrorKind::conflict,
          "hold_expired",
          "This hold is no longer active; hold the places again.",
          {}};
}

Result<void> may_buy(const Order& order, const Event* event, const Hold* hold, TimePoint now) {
  if (!event) return hold_expired_error();
  if (auto stopped = sales_not_stopped(event->status); !stopped) return stopped;
  if (!hold || hold->event_id != order.event_id || hold->account_id != order.account_id ||
      !hold->active_at(now))
    return hold_expired_error();
  return tickets_match_hold(order.tickets, *hold);
}

Result<void> tickets_match_hold(const std::vector<Ticket>& tickets, const Hold& hold) {
  // (section, seat) -> places: a seat once, a standing area by its quantity.
  std::map<std::pair<std::string, std::string>, std::int64_t> held, ticketed;
  for (const auto& item : hold.items) held[{item.section, item.seat_id}] += item.quantity;
  for (const auto& t : tickets) ++ticketed[{t.section, t.seat_id}];
  if (held == ticketed) return {};
  return Error{ErrorKind::conflict,
               "hold_changed",
               "The places of this hold changed while the order was placed; nothing was bought.",
               {}};
}

Result<void> within_quotas(const std::vector<Ticket>& tickets, const std::vector<TicketType>& types,
                           const std::map<std::string, std::int64_t>& sold_by_type) {
  std::map<std::string, std::int64_t> wanted;
  for (const auto& t : tickets) ++wanted[t.ticket_type_id];
  for (const auto& type : types) {
    if (!type.quota || !wanted.count(type.id)) continue;
    const auto sold = sold_by_type.count(type.id) ? sold_by_type.at(type.id) : 0;
    if (sold + wanted[type.id] > *type.quota) {
      return Error{ErrorKind::conflict,
                   "quota_exceeded",
                   "Only " + std::to_string(std::max<std::int64_t>(0, *type.quota - sold)) + " " +
                       type.name + " tickets are left.",
                   {{type.id, "quota " + std::to_string(*type.quota) + " reached"}}};
    }
  }
  return {};
}

Minor order_total(const std::vector<Ticket>& tickets) {
  Minor total = 0;
  for (const auto& t : tickets) total += t.price + t.fees;
  return total;
}

}  // namespace boxoffice
