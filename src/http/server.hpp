#pragma once
// The HTTP/1.1 server: Beast and Asio with C++20 coroutines. All of Beast stays behind this header.
#include <chrono>
#include <memory>
#include <string>

#include "app/app_env.hpp"
#include "app/storage_workers.hpp"
#include "http/client_address.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace boxoffice::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port; the ready line names it
  int io_threads = 2;
  std::size_t body_limit = 1024 * 1024;
  // To receive a whole request once it has begun, and the first byte of a new connection's first.
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{60};     // between requests on a kept-alive connection
  std::chrono::seconds drain_timeout{20};    // for in-flight requests after SIGTERM
  std::string database_name;                 // for the ready line
  TrustedProxies trusted_proxies;            // whose X-Forwarded-For names the client
  std::size_t max_connections = 10000;       // past it a new connection gets 503 and is closed
  std::size_t max_streams_per_address = 16;  // updates streams open at once, past it 429
  bool limit_loopback = false;               // whether loopback clients have per-address caps
  std::size_t password_threads = 2;          // of ServerParts::password_workers
  std::size_t password_queue = 32;           // password jobs waiting for them; past it 503
};

struct ServerParts {
  const Router& router;
  StorageWorkers& workers;
  // Only for routes that hash passwords: a small pool of its own, so that Argon2id's time and
  // memory never hold up the storage workers.
  StorageWorkers& password_workers;
  const AppEnv& env;
  Metrics& metrics;
  const StaticFiles& files;
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish (closing
// idle connections at once) and returns. Throws if it cannot listen.
void serve(const ServerOptions& options, ServerParts parts);

}  // namespace boxoffice::http
