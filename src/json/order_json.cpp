#include "json/order_json.hpp"

namespace boxoffice::json {

boost::json::object ticket_json(const Ticket& t) {
  boost::json::object ticket{
      {"id", t.id},       {"section", t.section}, {"ticket_type_id", t.ticket_type_id},
      {"price", t.price}, {"fees", t.fees},       {"code", t.code}};
  if (!t.seat_id.empty()) ticket["seat"] = t.seat_id;
  ticket["status"] = t.void_reason ? "void" : "valid";
  if (t.void_reason) ticket["void_reason"] = to_string(*t.void_reason);
  if (t.checked_in_at) ticket["checked_in_at"] = format_rfc3339(*t.checked_in_at);
  return ticket;
}

boost::json::object order_json(const Order& o) {
  boost::json::array tickets;
  for (const auto& t : o.tickets) tickets.push_back(ticket_json(t));
  return {{"id", o.id},
          {"event_id", o.event_id},
          {"hold_id", o.hold_id},
          {"status", to_string(o.status)},
          {"total", o.total},
          {"currency", o.currency},
          {"buyer", {{"name", o.buyer_name}, {"email", o.buyer_email}}},
          {"created_at", format_rfc3339(o.created_at)},
          {"payment_method", o.payment_method},
          {"tickets", std::move(tickets)}};
}

}  // namespace boxoffice::json
