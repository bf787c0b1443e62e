#include "json/order_json.hpp"

namespace boxoffice::json {

boost::json::object order_json(const Order& o) {
  boost::json::array tickets;
  for (const auto& t : o.tickets) {
    boost::json::object ticket{
        {"id", t.id},       {"section", t.section}, {"ticket_type_id", t.ticket_type_id},
        {"price", t.price}, {"fees", t.fees},       {"code", t.code}};
    if (!t.seat_id.empty()) ticket["seat"] = t.seat_id;
    tickets.push_back(std::move(ticket));
  }
  return {{"id", o.id},
          {"event_id", o.event_id},
          {"hold_id", o.hold_id},
          {"status", to_string(o.status)},
          {"total", o.total},
          {"currency", o.currency},
          {"buyer", {{"name", o.buyer_name}, {"email", o.buyer_email}}},
          {"created_at", format_rfc3339(o.created_at)},
          {"tickets", std::move(tickets)}};
}

}  // namespace boxoffice::json
