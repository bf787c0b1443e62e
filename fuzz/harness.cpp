#include "harness.hpp"

#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "app/accounts.hpp"
#include "app/demo.hpp"
#include "app/hold_writer.hpp"
#include "app/live_inventory.hpp"
#include "app/live_queues.hpp"
#include "app/security.hpp"
#include "app/storage_workers.hpp"
#include "http/json_io.hpp"
#include "http/request_handling.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"
#include "storage/open_backend.hpp"

namespace boxoffice::fuzz {

struct DemoServer::Parts {
  std::filesystem::path folder;
  SystemClock clock;
  LoginThrottle throttle{clock, ThrottlePolicy{}};
  LoginThrottle join_throttle{clock, ThrottlePolicy{}};
  TestCardProvider payments;
  AppEnv env{clock, throttle, is_iana_timezone, std::chrono::hours(12), &payments};
  std::unique_ptr<Backend> backend;
  std::unique_ptr<Storage> storage;  // the one connection handlers run on
  std::unique_ptr<LiveInventory> live;
  std::unique_ptr<LiveQueues> queues;
  std::unique_ptr<HoldWriter> hold_writer;
  std::unique_ptr<StorageWorkers> workers;  // where a best-available choice is made again
  http::Metrics metrics;
  http::Router router = http::all_routes(metrics);
  http::StaticFiles files{BOXOFFICE_WEB_DIR};
};

namespace {

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "fuzz harness: %s\n", why.c_str());
  std::abort();
}

std::filesystem::path make_folder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "boxoffice-fuzz.XXXXXX").string();
  if (!::mkdtemp(pattern.data())) fail("cannot make a temporary folder");
  return pattern;
}

// The server's answer to a storage-backed route, waited for: bad input must get a 4xx, so a
// handler that fails (the server's 500 or 503) aborts.
http::Response invoke(const http::Route& route, const http::Request& request, Storage& storage,
                      const AppEnv& env) {
  std::promise<http::Response> answer;
  auto answered = answer.get_future();
  auto once = std::make_shared<std::once_flag>();
  http::invoke(
      route, request, storage, env,
      [&answer, once](http::Response r) {
        std::call_once(*once, [&] { answer.set_value(std::move(r)); });
      },
      [](const http::Route& failed, bool in_storage, const std::exception& e) {
        fail(std::string(in_storage ? "storage failure" : "handler failure (500)") + " on " +
             failed.pattern + ": " + e.what());
      });
  return answered.get();
}

std::string field(const http::Response& response, std::initializer_list<std::string_view> path) {
  boost::system::error_code ec;
  auto value = boost::json::parse(response.body, ec);
  if (ec) return {};
  const boost::json::value* v = &value;
  for (auto key : path) {
    if (v->is_object()) {
      v = v->as_object().if_contains(key);
    } else if (v->is_array() && !v->as_array().empty()) {
      v = &v->as_array().front();
    } else {
      return {};
    }
    if (!v) return {};
  }
  return v->is_string() ? std::string(v->as_string()) : std::string();
}

http::Request api(std::string method, std::string path, std::string_view token,
                  std::string body = {}) {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + std::string(token));
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("Idempotency-Key", "fuzz-setup");
  r.body = std::move(body);
  r.remote_address = "127.0.0.1";
  r.loopback = true;
  return r;
}

}  // namespace

DemoServer& DemoServer::get() {
  static DemoServer* server = new DemoServer();  // never destroyed: see the header
  return *server;
}

DemoServer::DemoServer() : parts_(new Parts) {
  spdlog::set_level(spdlog::level::off);
  security::initialize();
  Parts& p = *parts_;
  p.folder = make_folder();
  std::atexit([] { std::filesystem::remove_all(get().parts_->folder); });
  p.env.join_throttle = &p.join_throttle;
  p.backend = open_backend("sqlite:" + (p.folder / "fuzz.db").string());
  p.backend->migrate();
  p.storage = p.backend->connect();
  if (!accounts::ensure_admin(*p.storage, p.env, "admin@boxoffice.test", "demo-admin-pass"))
    fail("cannot create the administrator");
  auto seeded = demo::seed(*p.storage, p.env);
  if (!seeded) fail("demo data: " + seeded.error().message);
  // No background tasks: every read catches up with the change feed before it answers.
  p.live = std::make_unique<LiveInventory>(p.clock);
  p.env.live = p.live.get();
  p.queues = std::make_unique<LiveQueues>(p.clock);
  p.env.queues = p.queues.get();
  p.hold_writer = std::make_unique<HoldWriter>(*p.backend, [](const std::string&) {}, &p.clock);
  p.env.hold_writer = p.hold_writer.get();
  p.workers = std::make_unique<StorageWorkers>(*p.backend, 1);
  p.env.workers = p.workers.get();

  auto token = [&](const std::string& email, const std::string& password) {
    auto in = accounts::sign_in(*p.storage, p.env, email, password, {"127.0.0.1", true});
    if (!in) fail("cannot sign in " + email);
    return in.value().token;
  };
  const std::string admin = token("admin@boxoffice.test", "demo-admin-pass");
  const std::string manager = token("manager@boxoffice.test", "demo-manager-pass");
  const std::string buyer = token("buyer@boxoffice.test", "demo-buyer-pass");
  const std::string venue = p.storage->list_venues().at(0).id;
  const std::string layout = p.storage->list_layouts(venue).at(0).id;
  const auto events = p.storage->list_events({});
  if (events.size() < 2) fail("the demo data has fewer than two events");
  const std::string event = events[0].id;
  std::string type;  // the demo's "Standard", valid in every section
  for (const auto& t : p.storage->ticket_types(event))
    if (t.name == "Standard") type = t.id;
  const auto seat_hold = [&](const std::string& seat) {
    return handle(api("POST", "/api/v1/holds", buyer,
                      R"({"event_id":")" + event + R"(","seats":[")" + seat + R"("]})"));
  };
  const std::string bought = field(seat_hold("101/A/1"), {"id"});
  const auto order =
      handle(api("POST", "/api/v1/orders", buyer,
                 R"({"hold_id":")" + bought + R"(","buyer":{"name":"Fuzz","email":"buyer@)" +
                     R"(boxoffice.test"},"items":[{"seat":"101/A/1","ticket_type_id":")" + type +
                     R"("}],"payment":{"method":"test_card","card_number":"4242424242424242"}})"));
  const std::string hold = field(seat_hold("101/A/2"), {"id"});
  const std::string queue =
      field(handle(api("POST", "/api/v1/events/" + event + "/queue", buyer, "{}")), {"token"});
  placeholders_ = {{"@admin", admin},
                   {"@manager", manager},
                   {"@buyer", buyer},
                   {"@venue", venue},
                   {"@layout", layout},
                   {"@event2", events[1].id},  // before @event, which it starts with
                   {"@event", event},
                   {"@type", type},
                   {"@hold", hold},
                   {"@order", field(order, {"id"})},
                   {"@ticket", field(order, {"tickets", "", "id"})},
                   {"@queue", queue}};
  for (const auto& [name, value] : placeholders_)
    if (value.empty())
      fail("setup found no value for " + name + " (the order: " + order.body + ")");
}

std::string DemoServer::expand(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '@') {
      for (const auto& [name, value] : placeholders_) {
        if (text.substr(i).starts_with(name)) {
          out += value;
          i += name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

http::Response DemoServer::handle(http::Request request) {
  Parts& p = *parts_;
  auto match = p.router.match(request.method, request.path);
  if (!match.route) {
    if (!match.allowed.empty()) return http::error_response(405, "method_not_allowed", "");
    if (request.method == "GET" && !request.path.starts_with("/api/"))
      if (const http::Response* file = p.files.find(request.path)) return *file;
    return http::error_response(404, "not_found", "There is nothing at " + request.path + ".");
  }
  request.params = std::move(match.params);
  if (match.route->io_handler) return match.route->io_handler(request);
  if (match.route->fast)
    if (auto fast = match.route->fast(request, p.env)) return std::move(*fast);
  http::Response response = invoke(*match.route, request, *p.storage, p.env);
  if (response.stream) response.body += response.stream->next();  // the stream's first part
  return response;
}

}  // namespace boxoffice::fuzz

// libFuzzer calls this before it starts timing inputs: the demo data and three Argon2id sign-ins
// take seconds under the sanitizers, which must not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  boxoffice::fuzz::DemoServer::get();
  return 0;
}
