// The HTTP layer itself: errors for anything a client can send, limits, timeouts, keep-alive,
// metrics, documents and a graceful stop.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "integration/fixture.hpp"

namespace boxoffice::testing {
namespace {

using Protocol = ServerTest;

std::string error_code(const HttpResult& r) {
  return str(r.json().at("error"), "code");
}

TEST_F(Protocol, HealthAndMetrics) {
  auto c = client();
  auto health = c.get("/healthz");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(str(health.json(), "status"), "ok");
  c.get("/api/v1/venues");
  auto metrics = c.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(
      metrics.body.find(
          R"(boxoffice_http_requests_total{method="GET",route="/api/v1/venues",status="200"})"),
      std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find(R"(boxoffice_http_request_duration_seconds_bucket{method="GET",)"
                              R"(route="/healthz",le="0.005"})"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("boxoffice_http_connections_open"), std::string::npos);
}

// The method is the client's to choose: a loop of random long ones must get 501 at once and be
// counted under one label, so that /metrics (and the server's memory) does not grow with them.
TEST_F(Protocol, RandomMethodsAre501AndKeepMetricsBounded) {
  auto c = client();
  std::mt19937 rng(14);
  auto send_random_method = [&] {
    std::string method(2000, 'A');
    for (auto& ch : method) ch = static_cast<char>('A' + rng() % 26);
    return c.raw(method + " /api/v1/venues HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  };
  auto first = send_random_method();
  EXPECT_EQ(first.rfind("HTTP/1.1 501", 0), 0u) << first.substr(0, 200);
  c.get("/metrics");  // its own series exist before the size is taken
  const auto before = c.get("/metrics").body.size();
  for (int i = 0; i < 200; ++i) send_random_method();
  const auto after = c.get("/metrics").body;
  EXPECT_LT(after.size(), before + 200) << after.substr(0, 2000);
  EXPECT_NE(after.find(R"(method="other",route="unknown_method",status="501")"), std::string::npos)
      << after.substr(0, 2000);
}

TEST_F(Protocol, UnknownRoutesAre404AndWrongMethods405) {
  auto c = client();
  auto missing = c.get("/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(error_code(missing), "not_found");
  auto wrong = c.request("PUT", "/api/v1/venues", "{}");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(error_code(wrong), "method_not_allowed");
  EXPECT_EQ(wrong.header("allow"), "POST, GET");
}

TEST_F(Protocol, MalformedBodiesAre400) {
  auto c = client();
  const std::vector<std::pair<std::string, std::string>> auth{
      {"Authorization", "Bearer " + manager_token()}};
  for (const char* body : {"{\"name\": ", "[1, 2]", "", "nul"}) {
    auto r = c.request("POST", "/api/v1/venues", body, auth);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(error_code(r), "malformed_json") << body;
    EXPECT_TRUE(r.json().at("error").as_object().contains("message"));
  }
  auto form = c.request("POST", "/api/v1/sessions", "email=a&password=b",
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 400);
  EXPECT_EQ(error_code(form), "unsupported_media_type");
}

TEST_F(Protocol, OversizedBodiesAre413) {
  auto reply = client().raw(
      "POST /api/v1/venues HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 50000000\r\n\r\n{");
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  EXPECT_NE(reply.find("body_too_large"), std::string::npos);
}

TEST_F(Protocol, GarbageIs400) {
  auto reply = client().raw("HELLO THERE\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
}

TEST_F(Protocol, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto reply = client().raw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n"
      "Connection: close\r\n\r\n");
  std::size_t count = 0;
  for (auto pos = reply.find("HTTP/1.1 200"); pos != std::string::npos;
       pos = reply.find("HTTP/1.1 200", pos + 1))
    ++count;
  EXPECT_EQ(count, 2u) << reply;
}

TEST_F(Protocol, ServesTheSiteAndTheOpenApiDocument) {
  auto c = client();
  auto page = c.get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("referrer-policy"), "same-origin");
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  auto doc = c.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(str(doc.json(), "openapi").substr(0, 2), "3.");
}

// API answers, errors included, are never sniffed as another type nor kept by a cache.
TEST_F(Protocol, ApiAnswersAreNotSniffedOrStored) {
  auto c = client();
  for (const char* target : {"/api/v1/venues", "/api/v1/nothing-here", "/healthz"}) {
    auto r = c.get(target);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(r.header("cache-control"), "no-store") << target;
  }
  // Pages keep their own caching rule.
  EXPECT_EQ(c.get("/").header("cache-control"), "no-cache");
}

// Waiting-room tokens travel in the address of the queue page and of the updates stream; the
// request log must not carry them.
TEST_F(Protocol, QueueTokensStayOutOfTheLog) {
  auto c = client();
  c.get("/queue.html?token=q_SECRET_ONE");
  c.get("/api/v1/events/evt_none/updates?queue_token=q_SECRET_TWO");
  c.request("GET", "/healthz", "", {{"X-Queue-Token", "q_SECRET_THREE"}});
  const auto log = server().log();
  EXPECT_NE(log.find("token=REDACTED"), std::string::npos) << log;
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
}

// Every route the server serves is described in the OpenAPI document, with its method.
TEST_F(Protocol, OpenApiDescribesEveryRoute) {
  auto doc = client().get("/api/v1/openapi.json").json();
  const auto& paths = doc.at("paths").as_object();
  std::unique_ptr<FILE, int (*)(FILE*)> routes(popen((g_server + " routes").c_str(), "r"), pclose);
  ASSERT_TRUE(routes);
  char line[512];
  int seen = 0;
  while (std::fgets(line, sizeof line, routes.get())) {
    std::string method, pattern;
    std::string text(line);
    const auto space = text.find(' ');
    method = text.substr(0, space);
    pattern = text.substr(space + 1, text.find('\n') - space - 1);
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    ++seen;
    ASSERT_TRUE(paths.contains(pattern)) << pattern << " is not in openapi.json";
    EXPECT_TRUE(paths.at(pattern).as_object().contains(method))
        << method << " " << pattern << " is not in openapi.json";
  }
  EXPECT_GT(seen, 10);
}

// A web root copied with its .git folder or an .env file must not hand them out.
TEST(ProtocolStaticFiles, DotfilesAreNeverServed) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("boxoffice-web-" + std::to_string(getpid()));
  fs::create_directories(root / ".git");
  fs::create_directories(root / "js");
  auto write = [&](const fs::path& file, const char* text) { std::ofstream(root / file) << text; };
  write("index.html", "<!doctype html><title>home</title>");
  write("js/app.js", "export {};");
  write(".env", "SECRET=1");
  write(".git/config", "[core]");
  write("js/.app.js.swp", "swap");
  {
    OwnServer own({"--web-root", root.string()});
    auto c = own.client();
    EXPECT_EQ(c.get("/").status, 200);
    EXPECT_EQ(c.get("/js/app.js").status, 200);
    for (const char* target : {"/.env", "/.git/config", "/js/.app.js.swp", "/%2eenv", "/.git/"})
      EXPECT_EQ(c.get(target).status, 404) << target;
  }
  fs::remove_all(root);
}

TEST(ProtocolTimeouts, IdleConnectionsAreClosed) {
  OwnServer own({"--idle-timeout", "1"});
  const auto start = std::chrono::steady_clock::now();
  auto reply = own.client().raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply;
  EXPECT_LT(waited, std::chrono::milliseconds(3500));
  EXPECT_GE(waited, std::chrono::milliseconds(900));
}

TEST(ProtocolTimeouts, SlowHeadersAreCutOff) {
  OwnServer own({"--header-timeout", "1"});
  const auto start = std::chrono::steady_clock::now();
  auto reply = own.client().raw("GET /healthz HTTP/1.1\r\nHost: x\r\n", 5000);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(reply.find("200"), std::string::npos) << reply;
  EXPECT_LT(waited, std::chrono::milliseconds(3500));
}

TEST(ProtocolShutdown, SigtermLetsTheRequestInFlightFinish) {
  OwnServer own({});
  // Sign-in hashes a password (tens of milliseconds): the request is in flight when SIGTERM lands.
  const std::string body =
      std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})";
  std::string reply;
  std::thread request([&] {
    reply = own.client().raw(
        "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/json\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body,
        10000);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const int code = own.server.stop(SIGTERM);
  request.join();
  EXPECT_EQ(code, 0) << own.server.log();
  EXPECT_EQ(reply.rfind("HTTP/1.1 201", 0), 0u) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
  EXPECT_NE(own.server.log().find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace boxoffice::testing
