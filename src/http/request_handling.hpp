#pragma once
// What happens between "a request has been read" and "its handler has answered", apart from the
// sockets: shared by the server (src/http/server.cpp) and the fuzz targets (fuzz/), so that what
// is fuzzed is what is served.
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <exception>
#include <functional>
#include <optional>

#include "http/client_address.hpp"
#include "http/router.hpp"

namespace boxoffice::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// The client's address, for per-address limits and the log: the peer's, unless the peer is a
// trusted proxy that names the client in X-Forwarded-For.
boost::asio::ip::address client_address(const TrustedProxies& proxies, const BeastRequest& in,
                                        const boost::asio::ip::address& peer);

// The request as handlers see it; nullopt when its target is not a path with an optional query.
std::optional<Request> to_request(const BeastRequest& in, const boost::asio::ip::address& client);

// Told of a handler that failed: `storage` when the database failed (answered 503), else a bug
// (answered 500).
using HandlerFailure =
    std::function<void(const Route& route, bool storage, const std::exception& failure)>;

// Runs the storage-backed `route` with the bearer token's account resolved (401 when the token is
// unknown) and passes its answer to `reply`, at once or, for a later handler, when it is ready.
void invoke(const Route& route, const Request& request, Storage& storage, const AppEnv& env,
            const Reply& reply, const HandlerFailure& failed);

}  // namespace boxoffice::http
