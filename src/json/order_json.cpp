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
  if (!t.voucher_code.empty()) {
    ticket["voucher_code"] = t.voucher_code;
    ticket["voucher_amount"] = t.voucher_amount;
  }
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
          {"charged", o.charged},
          {"tickets", std::move(tickets)}};
}

boost::json::object order_details_json(const orders::Details& d) {
  auto o = order_json(d.order);
  boost::json::array refunds;
  for (const auto& r : d.refunds)
    refunds.push_back({{"id", r.id},
                       {"amount", r.amount},
                       {"currency", r.currency},
                       {"method", r.method},
                       {"reference", r.reference},
                       {"reason", r.reason},
                       {"status", r.reference.empty() ? "pending" : "done"},
                       {"created_at", format_rfc3339(r.created_at)}});
  o["refunds"] = std::move(refunds);
  if (d.choice) {
    boost::json::array options;
    for (auto r : choices(*d.choice)) options.push_back(boost::json::string(to_string(r)));
    boost::json::object choice{{"options", std::move(options)}};
    if (d.choice->choice_deadline) choice["deadline"] = format_rfc3339(*d.choice->choice_deadline);
    if (d.choice->rescheduled_event_id)
      choice["rescheduled_event_id"] = *d.choice->rescheduled_event_id;
    o["choice"] = std::move(choice);
  }
  return o;
}

}  // namespace boxoffice::json
