#pragma once
// Maps method + path to a handler. Patterns are literal segments and "{name}" parameters.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/storage.hpp"
#include "http/message.hpp"

namespace boxoffice::http {

// What a storage-backed handler gets: it runs on a storage worker thread, never an I/O thread.
struct Context {
  const Request& request;
  Storage& storage;
  const AppEnv& env;
  std::optional<Account> account;  // the signed-in account, resolved from the bearer token
};

using Handler = std::function<Response(Context&)>;
// Answers a request once its answer is ready, from any thread; only the first call counts.
using Reply = std::function<void(Response)>;
// For writes that wait for a batch to commit: the handler hands its work on and returns its
// storage worker at once, and the work calls `reply` when it is done. The Context, and the
// request in it, live only until the handler returns.
using LaterHandler = std::function<void(Context&, Reply)>;
// For the few routes that need no storage and answer at once (health, metrics, documents).
using IoHandler = std::function<Response(const Request&)>;

// For hot reads answered from memory on the I/O thread when memory can tell (nullopt: it
// cannot, and the route's storage-backed handler answers instead).
using FastHandler = std::function<std::optional<Response>(const Request&, const AppEnv&)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;  // exactly one of handler, io_handler and later is set
  IoHandler io_handler;
  LaterHandler later;
  FastHandler fast;                   // tried before `handler` when set
  std::vector<std::string> segments;  // of `pattern`, split once
  // Hashes a password (Argon2id, 64 MiB, tens of milliseconds): run on the server's small bounded
  // password pool rather than the storage workers, so that sign-up floods cannot stall holds.
  bool hashes_password = false;
};

// Wraps `handler` so that it answers 401/403 unless the signed-in account has `permission`.
Handler with_permission(Permission permission, Handler handler);

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  void add_io(std::string method, std::string pattern, IoHandler handler);
  void add_later(std::string method, std::string pattern, LaterHandler handler);
  void add_fast(std::string method, std::string pattern, FastHandler fast, Handler handler);
  // A storage-backed route whose handler hashes or verifies a password (see Route).
  void add_hashing(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Route* route = nullptr;  // null: see `allowed`
    std::map<std::string, std::string, std::less<>> params;
    std::string allowed;  // when the path exists for other methods only: "GET, POST"
  };
  Match match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  void push(Route route);
  std::vector<Route> routes_;
};

}  // namespace boxoffice::http
