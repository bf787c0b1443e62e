// Several nodes behind nginx, as the README deploys them: Debian's nginx with the README's own
// configuration in front of three boxoffice processes on one PostgreSQL database. Every check goes
// through nginx only: buyers racing over the nodes never get the same seat, a stream on one node
// sees holds made on the others at once, a node killed mid-sale loses no acknowledged order while
// the others go on serving, and per-address limits see the client nginx names.
#include <signal.h>

#include <fstream>
#include <random>
#include <sstream>

#include "integration/selling_load.hpp"
#include "support/event_stream.hpp"
#include "support/nginx_process.hpp"

namespace boxoffice::testing {
namespace {

using std::chrono::milliseconds;

constexpr int kLoginFailuresPerAddress = 2;

// The nginx block of the README's "PostgreSQL and several nodes", its nodes' ports (8081, 8082,
// 8083) and its own (8080) replaced by those of the test: the README is what is tested. Empty
// if the README no longer has them.
std::string readme_nginx_config(const std::vector<unsigned short>& nodes, unsigned short port) {
  std::ifstream in(BOXOFFICE_README);
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const auto section = readme.find("## PostgreSQL and several nodes");
  const auto begin = readme.find("```nginx\n", section);
  const auto end = readme.find("\n```", begin + 1);
  if (section == std::string::npos || begin == std::string::npos || end == std::string::npos)
    return "";
  std::string config = readme.substr(begin + 9, end - begin - 9);
  auto replace = [&config](const std::string& from, const std::string& to) {
    const auto at = config.find(from);
    if (at == std::string::npos) return false;
    config.replace(at, from.size(), to);
    return true;
  };
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (!replace("127.0.0.1:808" + std::to_string(i + 1), "127.0.0.1:" + std::to_string(nodes[i])))
      return "";
  if (!replace("listen 8080;", "listen 127.0.0.1:" + std::to_string(port) + ";")) return "";
  return config;
}

class NginxNodesTest : public SellingFixture {
 protected:
  // Loopback clients are limited like any other here, so that the test, whose clients are all on
  // 127.0.0.0/8, can see a per-address limit; holds are not, as every buyer of the test is one
  // client (127.0.0.1, which nginx trusts).
  static std::vector<std::string> node_args() {
    return {"--trusted-proxies",
            "127.0.0.1",
            "--rate-limit-loopback",
            "--login-failures-per-address",
            std::to_string(kLoginFailuresPerAddress),
            "--holds-per-address",
            "1000000"};
  }

  static void SetUpTestSuite() {
    if (g_backend != "postgres" || NginxProcess::binary().empty()) return;
    shared_ = std::make_unique<OwnServer>(node_args());
    const std::map<std::string, std::string> env{{"BOXOFFICE_ADMIN_EMAIL", kAdminEmail},
                                                 {"BOXOFFICE_ADMIN_PASSWORD", kAdminPassword}};
    for (int i = 0; i < 2; ++i)
      others_.push_back(
          std::make_unique<ServerProcess>(g_server, shared_->db.url(), node_args(), env));
    // Another process may take the free port before nginx binds it: then nginx exits, and
    // another port is tried.
    for (int attempt = 1; !nginx_; ++attempt) {
      const auto port = NginxProcess::free_port();
      const std::string config = readme_nginx_config(
          {shared_->server.port(), others_[0]->port(), others_[1]->port()}, port);
      if (config.empty()) return;
      try {
        nginx_ = std::make_unique<NginxProcess>(config, port);
      } catch (const std::runtime_error& e) {
        if (attempt == 3) {
          ADD_FAILURE() << e.what();
          return;
        }
      }
    }
  }
  static void TearDownTestSuite() {
    nginx_.reset();
    others_.clear();
    buyers_.clear();
    ServerTest::TearDownTestSuite();
  }
  void SetUp() override {
    if (g_backend != "postgres")
      GTEST_SKIP() << "nodes share a PostgreSQL database: run with --backend=postgres";
    if (NginxProcess::binary().empty())
      GTEST_SKIP() << "nginx is not installed (scripts/deps.sh installs Debian's nginx)";
    ASSERT_TRUE(nginx_) << "no nginx in front of the nodes: it did not start (see above), or "
                           "README.md has no nginx block with nodes 127.0.0.1:8081-8083 and "
                           "`listen 8080;` in \"PostgreSQL and several nodes\"";
  }

  // Six buyers for the suite: each account costs two password hashes.
  static const std::vector<std::string>& suite_buyers() {
    if (buyers_.empty()) buyers_ = buyers(6);
    return buyers_;
  }
  static HttpClient proxy() { return HttpClient(nginx_->port()); }
  // Every node's log together: each node logs the requests it served.
  static std::string node_logs() {
    std::string logs = shared_->server.log();
    for (const auto& node : others_) logs += node->log();
    return logs;
  }

  static inline std::vector<std::unique_ptr<ServerProcess>> others_;
  static inline std::unique_ptr<NginxProcess> nginx_;
  static inline std::vector<std::string> buyers_;
};

// Buyers on threads of their own race for the same 30 seats, each trying every seat in an order
// of its own, nginx sending their requests round the three nodes: each seat is held and bought by
// one buyer only, and every hold and order acknowledged is there afterwards.
TEST_F(NginxNodesTest, BuyersRacingOverTheNodesNeverGetTheSameSeat) {
  // One section "hall" of two rows of 15, the section the sale checks read.
  json::array sections{{{"key", "hall"},
                        {"name", "Hall"},
                        {"kind", "seated"},
                        {"rows", parse(R"([{"label": "A", "from": 1, "to": 15},
                                           {"label": "B", "from": 1, "to": 15}])")}}};
  const Sale sale =
      on_sale("Racing Over Nodes", {{"max_tickets_per_buyer", 100}}, {}, std::move(sections));
  const std::string manager = manager_token();
  const auto& tokens = suite_buyers();
  std::vector<std::string> seats;
  for (const char* row : {"A", "B"})
    for (int s = 1; s <= 15; ++s)
      seats.push_back(std::string("hall/") + row + "/" + std::to_string(s));

  std::mutex mutex;
  std::map<std::string, std::vector<std::string>> held;  // seat -> acknowledged holds
  std::vector<Sold> sold;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (std::size_t b = 0; b < tokens.size(); ++b)
    threads.emplace_back([&, b] {
      const HttpClient c = proxy();
      auto mine = seats;
      std::shuffle(mine.begin(), mine.end(), std::mt19937(static_cast<unsigned>(b)));
      for (const auto& seat : mine) {
        auto hold =
            c.post("/api/v1/holds", {{"event_id", sale.event}, {"seats", {seat}}}, tokens[b]);
        if (hold.status != 201) {
          if (hold.status != 409) {
            std::lock_guard lock(mutex);
            errors.push_back("hold " + seat + ": " + hold.body);
          }
          continue;
        }
        const std::string id = str(hold.json(), "id");
        const std::string key = "race-" + std::to_string(getpid()) + "-" + id;
        auto paid = c.request("POST", "/api/v1/orders",
                              json::serialize(order_body(id, seat_items({seat}, sale.type))),
                              {{"Authorization", "Bearer " + tokens[b]}, {"Idempotency-Key", key}});
        std::lock_guard lock(mutex);
        held[seat].push_back(id);
        if (paid.status == 201)
          sold.push_back({str(paid.json(), "id"), {seat}, std::chrono::steady_clock::now()});
        else
          errors.push_back("order of " + seat + ": " + paid.body);
      }
    });
  for (auto& t : threads) t.join();

  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(held.size(), seats.size()) << "some seats were never held";
  for (const auto& [seat, holds] : held) {
    EXPECT_EQ(holds.size(), 1u) << seat << " held by " << holds.size() << " buyers";
    for (const auto& id : holds) {
      auto r = proxy().get("/api/v1/holds/" + id, manager);
      EXPECT_EQ(r.status, 200) << "acknowledged hold " << id << " is gone: " << r.body;
    }
  }
  EXPECT_EQ(sold.size(), seats.size());
  // Every order is there, paid, with its seat, no seat in two orders, the seat map agreeing.
  expect_sales_kept(proxy(), sale, sold, manager, 0);
  // nginx did spread the buyers: each node placed some of the holds.
  for (const ServerProcess* node : {&shared_->server, others_[0].get(), others_[1].get()})
    EXPECT_NE(node->log().find("method=POST target=\"/api/v1/holds\""), std::string::npos)
        << "a node served no hold";
}

// The updates stream lands on one node; three holds in a row go round all three, so at least two
// are made on another node than the stream's. Each reaches the stream within the bound: nginx
// does not buffer the stream and each node reads the others' changes from the database.
TEST_F(NginxNodesTest, AStreamOnAnyNodeSeesHoldsMadeOnTheOthersLive) {
  const Sale sale = on_sale("Watched Over Nodes");
  EventStream stream(nginx_->port(), event_path(sale.event) + "/updates");
  ASSERT_EQ(stream.status(), 200) << stream.head();
  auto first = stream.next(milliseconds(2000));
  // Every connection is told first where sales stand, then given the snapshot.
  if (first && first->event == "status") first = stream.next(milliseconds(2000));
  ASSERT_TRUE(first) << "no snapshot through nginx";
  EXPECT_EQ(first->event, "snapshot");
  const std::string buyer = buyer_token();
  for (int s = 1; s <= 3; ++s) {
    const std::string seat = "balcony/A/" + std::to_string(s);
    const auto sent = std::chrono::steady_clock::now();
    auto r = proxy().post("/api/v1/holds", {{"event_id", sale.event}, {"seats", {seat}}}, buyer);
    ASSERT_EQ(r.status, 201) << r.body;
    bool seen = false;
    while (!seen) {
      const auto left = milliseconds(2000) - std::chrono::duration_cast<milliseconds>(
                                                 std::chrono::steady_clock::now() - sent);
      auto m = stream.next(std::max(left, milliseconds(0)));
      ASSERT_TRUE(m) << "the stream never showed the hold of " << seat;
      if (m->event != "update") continue;
      for (const auto& changed : m->data.at("seats").as_array())
        seen = seen ||
               (changed.at("id").as_string() == seat && changed.at("state").as_string() == "held");
    }
    EXPECT_LT(std::chrono::steady_clock::now() - sent, milliseconds(2000));
  }
}

// Behind nginx, the client of a node is the one nginx names in X-Forwarded-For: failed sign-ins
// from 127.0.0.2 fill that address's bucket (on whichever node: each counts its own, so at most
// 3 x the limit + 1 tries), while 127.0.0.3, relayed by the same nginx, still has its own.
TEST_F(NginxNodesTest, PerAddressLimitsSeeTheClientNginxForwards) {
  auto failed_sign_in = [](const HttpClient& c, const std::string& email) {
    return c
        .post("/api/v1/sessions",
              {{"email", email + "@test.example"}, {"password", "wrong-password"}})
        .status;
  };
  const HttpClient guesser(nginx_->port(), "127.0.0.2");
  int refused = 0;
  for (int i = 0; i < 3 * kLoginFailuresPerAddress + 1; ++i) {
    const int status = failed_sign_in(guesser, "guess" + std::to_string(i));
    EXPECT_TRUE(status == 401 || status == 429) << status;
    refused += status == 429;
  }
  EXPECT_GE(refused, 1) << "no node limited 127.0.0.2";
  EXPECT_EQ(failed_sign_in(HttpClient(nginx_->port(), "127.0.0.3"), "someone"), 401);
  EXPECT_NE(node_logs().find("remote=127.0.0.2 "), std::string::npos);
}

// One node is killed with SIGKILL while buyers hold and buy through nginx. Every order answered
// 201 is kept; an order POST that was on the killed node gets an error answer from nginx (502:
// nginx does not send a POST on to another node once it has sent it), never a false 201, and the
// same Idempotency-Key again then either returns the order that node had written or makes it.
// The other nodes go on serving: buyers keep buying, and requests after the kill succeed.
TEST_F(NginxNodesTest, KillingANodeLosesNoAcknowledgedOrderAndTheOthersServe) {
  const Sale sale = big_sale("Killed Behind Nginx");
  const std::string manager = manager_token();
  const auto& tokens = suite_buyers();
  Load load(nginx_->port(), sale, tokens);
  load.wait_for(15);
  const auto before = load.sold().size();
  ASSERT_GE(before, 15u) << "too little load to tell anything";
  const auto killed = std::chrono::steady_clock::now();
  EXPECT_EQ(others_[1]->stop(SIGKILL), 128 + SIGKILL);
  load.wait_for(before + 30);
  load.stop();
  auto sold = load.sold();
  EXPECT_GE(sold.size(), before + 30) << "buying stopped with the node";
  const auto unanswered = load.unanswered();
  const auto orders = std::count_if(unanswered.begin(), unanswered.end(),
                                    [](const Unanswered& u) { return !u.idempotency_key.empty(); });
  std::printf(
      "orders acknowledged before the kill %zu, after it %zu; holds answered 5xx %zu, "
      "orders %zu\n",
      before, sold.size() - before, unanswered.size() - orders, static_cast<std::size_t>(orders));
  for (const auto& u : unanswered) {
    EXPECT_EQ(u.status, 502) << u.answer;
    EXPECT_LT(u.sent, killed + milliseconds(500)) << "a request sent well after the kill failed";
    if (u.idempotency_key.empty()) continue;  // a hold: it runs out by itself if it was made
    auto again = proxy().request(
        "POST", "/api/v1/orders", json::serialize(u.body),
        {{"Authorization", "Bearer " + u.token}, {"Idempotency-Key", u.idempotency_key}});
    ASSERT_EQ(again.status, 201) << again.body;
    std::vector<std::string> seats;
    for (const auto& t : again.json().at("tickets").as_array()) seats.push_back(str(t, "seat"));
    sold.push_back({str(again.json(), "id"), seats, std::chrono::steady_clock::now()});
  }
  expect_sales_kept(proxy(), sale, sold, manager, std::nullopt);

  const std::string buyer = buyer_token();  // not one of the load's: far from any limit
  for (int i = 0; i < 12; ++i) {
    auto r = proxy().get(event_path(sale.event) + "/availability");
    EXPECT_EQ(r.status, 200) << "request " << i << " after the kill: " << r.body;
    auto h = proxy().post("/api/v1/holds",
                          {{"event_id", sale.event}, {"section", "hall"}, {"quantity", 1}}, buyer);
    EXPECT_EQ(h.status, 201) << "hold " << i << " after the kill: " << h.body;
  }
}

}  // namespace
}  // namespace boxoffice::testing
