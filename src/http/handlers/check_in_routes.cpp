// Check-in at the door: managers and door accounts scan ticket codes and read how many came in.
#include "app/check_ins.hpp"
#include "http/json_io.hpp"
#include "http/routes.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;

boost::json::object counts_json(const CheckInCounts& c) {
  return {{"checked_in", c.checked_in}, {"valid", c.valid}};
}

Response check_in(Context& ctx) {
  auto body = read_json_body(ctx.request);
  if (!body) return error_response(body.error());
  FieldErrors errors;
  json::ObjectReader r(body.value(), "", errors);
  r.reject_unknown({"code"});
  // No length limit here: a code too long to be one is an invalid_code like any other.
  const auto code = r.string("code", Need::required).value_or("");
  if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  return answer(
      check_ins::check_in(ctx.storage, ctx.env, *ctx.account, ctx.request.param("event"), code),
      201, [](const check_ins::Admission& a) {
        boost::json::object o{{"ticket_id", a.ticket_id},
                              {"section", a.section},
                              {"seat", nullptr},
                              {"checked_in_at", format_rfc3339(a.checked_in_at)},
                              {"counts", counts_json(a.counts)}};
        if (!a.seat.empty()) o["seat"] = a.seat;
        return o;
      });
}

Response check_in_counts(Context& ctx) {
  return answer(check_ins::counts(ctx.storage, ctx.env, *ctx.account, ctx.request.param("event")),
                200, counts_json);
}

}  // namespace

void add_check_in_routes(Router& router) {
  router.add("POST", "/api/v1/events/{event}/check-ins",
             with_permission(Permission::check_in_tickets, check_in));
  router.add("GET", "/api/v1/events/{event}/check-ins",
             with_permission(Permission::check_in_tickets, check_in_counts));
}

}  // namespace boxoffice::http
