#include "http/request_handling.hpp"

#include <boost/url/parse.hpp>

#include "app/accounts.hpp"
#include "http/json_io.hpp"

namespace boxoffice::http {

boost::asio::ip::address client_address(const TrustedProxies& proxies, const BeastRequest& in,
                                        const boost::asio::ip::address& peer) {
  std::string forwarded_for;
  const auto [first, last] = in.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) {
    if (!forwarded_for.empty()) forwarded_for += ',';
    forwarded_for += it->value();
  }
  return proxies.client_of(peer, forwarded_for);
}

std::optional<Request> to_request(const BeastRequest& in, const boost::asio::ip::address& client) {
  auto target = boost::urls::parse_origin_form(in.target());
  if (!target) return std::nullopt;
  Request r;
  r.method = std::string(in.method_string());
  r.path = std::string(target->path());
  r.query = std::string(target->encoded_query());
  for (const auto& field : in) r.headers.emplace_back(field.name_string(), field.value());
  r.body = in.body();
  r.remote_address = client.to_string();
  r.loopback = client.is_loopback();
  return r;
}

void invoke(const Route& route, const Request& request, Storage& storage, const AppEnv& env,
            const Reply& reply, const HandlerFailure& failed) {
  try {
    Context context{request, storage, env, std::nullopt};
    if (auto token = request.bearer_token(); !token.empty()) {
      context.account = accounts::account_for_token(storage, env, token);
      if (!context.account) {
        return reply(
            error_response(Error{ErrorKind::unauthorized,
                                 "invalid_token",
                                 "The bearer token is unknown or has expired; sign in again.",
                                 {}}));
      }
    }
    if (route.later) return route.later(context, reply);
    reply(route.handler(context));
  } catch (const StorageError& e) {
    failed(route, true, e);
    reply(error_response(storage_unavailable_error()));
  } catch (const std::exception& e) {
    failed(route, false, e);
    reply(error_response(500, "internal_error", "Something went wrong on our side."));
  }
}

}  // namespace boxoffice::http
