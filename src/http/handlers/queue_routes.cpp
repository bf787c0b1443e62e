// The waiting room: joining an event's line, a buyer's status (answered from memory on the I/O
// thread whenever memory can tell), leaving, and the public draw.
#include <charconv>

#include "app/queues.hpp"
#include "http/json_io.hpp"
#include "http/queue_json.hpp"
#include "http/routes.hpp"
#include "json/object_reader.hpp"

namespace boxoffice::http {
namespace {

using Need = json::ObjectReader::Need;
constexpr std::size_t kMaxLogPage = 1000;

// The status as the answer, or the error.
Response status_answer(int code, const Result<queues::Status>& status) {
  if (!status) return error_response(status.error());
  return {code, "application/json", queue_status_text(status.value()), {}, {}};
}

Response join(Context& ctx) {
  // A join must say it is JSON, empty or not: a page on another site can make its visitors'
  // browsers send a form or plain text here, but not a request of this type without asking
  // first (CORS), which this server never grants. So no site can fill a line with its visitors.
  if (!ctx.request.header("Content-Type").starts_with("application/json")) {
    return error_response(
        Error{ErrorKind::malformed,
              "unsupported_media_type",
              "Send the join as JSON with Content-Type: application/json ({} will do).",
              {}});
  }
  queues::JoinRequest request;
  FieldErrors errors;
  if (!ctx.request.body.empty()) {
    auto body = read_json_body(ctx.request);
    if (!body) return error_response(body.error());
    json::ObjectReader r(body.value(), "", errors);
    r.reject_unknown({"notify"});
    if (const auto* notify = r.object("notify", Need::optional)) {
      json::ObjectReader n(*notify, r.path("notify"), errors);
      n.reject_unknown({"email", "phone"});
      request.notify_email = n.string("email", Need::optional, 254).value_or("");
      request.notify_phone = n.string("phone", Need::optional, 16).value_or("");
    }
  }
  auto joined = queues::join(ctx.storage, ctx.env, ctx.account, ctx.request.param("event"), request,
                             ctx.request.remote_address, ctx.request.loopback, std::move(errors));
  if (!joined) return error_response(joined.error());
  return status_answer(joined->created ? 201 : 200, joined->status);
}

std::optional<Response> status_fast(const Request& request, const AppEnv& env) {
  auto status = queues::status_in_memory(env, request.param("token"));
  if (!status) return std::nullopt;
  return status_answer(200, *status);
}

Response status(Context& ctx) {
  return status_answer(200, queues::status(ctx.storage, ctx.env, ctx.request.param("token")));
}

Response leave(Context& ctx) {
  auto left = queues::leave(ctx.storage, ctx.env, ctx.request.param("token"));
  if (!left) return error_response(left.error());
  return Response{204, "", "", {}, {}};
}

Response draw(Context& ctx) {
  FieldErrors errors;
  const auto after_text = ctx.request.query_param("after");
  const auto limit_text = ctx.request.query_param("limit");
  const auto after = whole_number(after_text);
  const auto limit = whole_number(limit_text);
  if (after_text && !after) errors["after"] = "must be a whole number (an entry's number)";
  if (limit_text && (!limit || *limit < 1 || *limit > static_cast<std::int64_t>(kMaxLogPage)))
    errors["limit"] = "must be a whole number from 1 to " + std::to_string(kMaxLogPage);
  if (!errors.empty()) return error_response(validation_error(std::move(errors)));
  auto d = queues::draw(ctx.storage, ctx.env, ctx.account, ctx.request.param("event"),
                        after.value_or(0), static_cast<std::size_t>(limit.value_or(100)));
  if (!d) return error_response(d.error());
  boost::json::array entries;
  for (const auto& e : d->entries) {
    boost::json::object o{{"number", e.number},          {"joined_at", format_rfc3339(e.joined_at)},
                          {"drawn", drawn(e.order_key)}, {"order_key", e.order_key},
                          {"state", to_string(e.state)}, {"admitted_at", nullptr}};
    if (e.admitted_at) o["admitted_at"] = format_rfc3339(*e.admitted_at);
    entries.push_back(std::move(o));
  }
  const auto& room = d->room;
  boost::json::object out{{"event_id", room.event_id}, {"commitment", nullptr},
                          {"seed", nullptr},           {"active", d->active},
                          {"joined", room.joined},     {"waiting", room.waiting},
                          {"admitted", room.admitted}, {"entries", std::move(entries)}};
  if (!room.commitment.empty()) out["commitment"] = room.commitment;
  if (d->revealed && !room.seed.empty()) out["seed"] = room.seed;
  return json_response(200, out);
}

}  // namespace

void add_queue_routes(Router& router) {
  router.add("POST", "/api/v1/events/{event}/queue", join);
  router.add("GET", "/api/v1/events/{event}/queue", draw);
  router.add_fast("GET", "/api/v1/queue/{token}", status_fast, status);
  router.add("DELETE", "/api/v1/queue/{token}", leave);
}

}  // namespace boxoffice::http
