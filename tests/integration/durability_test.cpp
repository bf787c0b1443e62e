// What a server acknowledged survives its sudden death: buyers place holds on a node that is
// killed with SIGKILL in the middle of the load, and every hold it answered 201 is there
// afterwards, read through another node; every seat is held by at most one of them. And holds
// whose time ran out while no server was running are freed as soon as one starts again. Round
// after round of sales cut short by SIGKILL, every order acknowledged is kept.
#include <atomic>
#include <mutex>
#include <thread>

#include "integration/selling_load.hpp"
#include "support/scratch_database.hpp"

namespace boxoffice::testing {
namespace {

class DurabilityTest : public SellingFixture {};

// Three rounds of: buyers hold and buy seats on a node, the node is killed with SIGKILL in the
// middle of it, and a new node starts on the database. After each restart every order
// acknowledged in any round is there with its seats, no seat is in two of them, the seats held by
// purchases the kill cut short are freed when their holds run out, and the counts are those of
// the seat map.
TEST_F(DurabilityTest, AcknowledgedOrdersSurviveKillsRoundAfterRound) {
  const Sale sale = big_sale("Killed Rounds");
  const std::string manager = manager_token();
  const auto tokens = buyers(6);
  std::vector<Sold> acknowledged;
  auto node = std::make_unique<ServerProcess>(g_server, shared_->db.url());
  for (int round = 1; round <= 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Load load(node->port(), sale, tokens);
    load.wait_for(15);
    EXPECT_EQ(node->stop(SIGKILL), 128 + SIGKILL);
    load.stop();
    const auto sold = load.sold();
    ASSERT_GE(sold.size(), 15u) << "too little load to tell anything";
    acknowledged.insert(acknowledged.end(), sold.begin(), sold.end());

    // A hold lasts a minute at least: its end is brought forward behind the API's back, so that
    // the new node's expiry frees it without the test waiting that minute.
    shared_->db.execute("UPDATE holds SET expires_at = 0 WHERE status = 'active' AND event_id = '" +
                        sale.event + "'");
    node = std::make_unique<ServerProcess>(g_server, shared_->db.url());
    const HttpClient c(node->port());
    std::int64_t held = -1;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (held != 0 && std::chrono::steady_clock::now() < until) {
      held = c.get(event_path(sale.event) + "/availability")
                 .json()
                 .at("sections")
                 .at(0)
                 .at("held")
                 .as_int64();
      if (held != 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(held, 0) << "held seats were not freed when their holds ran out";
    expect_sales_kept(c, sale, acknowledged, manager, 0);
  }
}

TEST_F(DurabilityTest, AcknowledgedHoldsSurviveAKill) {
  const std::string name = "Killed Node";
  const std::string event = published_event(
      make_place(name), name, {{"sales_open_at", at(-1)}, {"max_tickets_per_buyer", 100}});
  constexpr int kBuyers = 8;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) tokens.push_back(new_account("buyer"));
  auto doomed = std::make_unique<ServerProcess>(g_server, shared_->db.url());
  const auto port = doomed->port();

  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> acknowledged;  // hold id, seat
  std::atomic<bool> stop{false};
  std::vector<std::thread> buyers;
  for (int b = 0; b < kBuyers; ++b) {
    buyers.emplace_back([&, b] {
      const HttpClient c(port);
      for (int n = 0; !stop; ++n) {
        const int index = b * 1000 + n;
        const std::string seat = index % 2 ? "stalls/A/" + std::to_string(1 + n % 10) : "floor";
        json::object body{{"event_id", event}};
        if (seat == "floor") {
          body["section"] = "floor";
          body["quantity"] = 1;
        } else {
          body["seats"] = {seat};
        }
        HttpResult r;
        try {
          r = c.post("/api/v1/holds", body, tokens[b]);
        } catch (const std::exception&) {
          return;  // the node is gone
        }
        if (r.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.emplace_back(str(r.json(), "id"), seat);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(doomed->stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (auto& t : buyers) t.join();
  ASSERT_GT(acknowledged.size(), 10u) << "too little load to tell anything";

  std::set<std::string> seats;
  std::int64_t standing = 0;
  for (const auto& [id, seat] : acknowledged) {
    auto r = client().get("/api/v1/holds/" + id, admin_token());
    ASSERT_EQ(r.status, 200) << "acknowledged hold " << id << " is gone: " << r.body;
    EXPECT_EQ(str(r.json(), "status"), "active");
    if (seat == "floor") {
      ++standing;
    } else {
      EXPECT_TRUE(seats.insert(seat).second) << seat << " acknowledged twice";
    }
  }
  auto counts = client().get(event_path(event) + "/availability");
  for (const auto& s : counts.json().at("sections").as_array()) {
    if (s.at("key").as_string() == "floor") {
      EXPECT_EQ(s.at("held").as_int64(), standing);
    }
  }
}

// On a database of its own with the demo data, so that no other server's sweeper is running: a
// hold of 60 s, the server killed, the time passes, and a new server frees the seats at once.
TEST_F(DurabilityTest, HoldsThatRanOutWhileNoServerRanAreFreedAtStart) {
  ScratchDatabase db(g_backend);
  auto first =
      std::make_unique<ServerProcess>(g_server, db.url(), std::vector<std::string>{"--demo"});
  HttpClient c(first->port());
  const std::string manager = sign_in(c, "manager@boxoffice.test", "demo-manager-pass");
  const std::string buyer = sign_in(c, "buyer@boxoffice.test", "demo-buyer-pass");
  const std::string event = str(c.get("/api/v1/events").json().at("events").at(0), "id");
  auto changed = c.request("PATCH", event_path(event), R"({"hold_seconds": 60})",
                           {{"Authorization", "Bearer " + manager}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto held = c.post("/api/v1/holds", {{"event_id", event}, {"seats", {"101/A/1"}}}, buyer);
  ASSERT_EQ(held.status, 201) << held.body;
  const auto expires = epoch_seconds(held.json(), "expires_at");
  EXPECT_EQ(first->stop(SIGKILL), 128 + SIGKILL);

  while (Clock::to_time_t(Clock::now()) < expires + 1)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ServerProcess second(g_server, db.url());
  const auto started = std::chrono::steady_clock::now();
  const HttpClient again(second.port());
  std::string state;
  while (std::chrono::steady_clock::now() - started < std::chrono::seconds(3)) {
    auto seats = again.get(event_path(event) + "/sections/101/seats");
    ASSERT_EQ(seats.status, 200) << seats.body;
    state = std::string(seats.json().at("seats").at(0).at("state").as_string());
    if (state == "available") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(state, "available");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  auto hold = again.get("/api/v1/holds/" + str(held.json(), "id"), buyer);
  EXPECT_EQ(str(hold.json(), "status"), "expired") << hold.body;
}

}  // namespace
}  // namespace boxoffice::testing
