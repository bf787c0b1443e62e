// Cancelling an event settles every paid order, through HTTP on the real server: refunds, credit,
// vouchers for the rescheduled show, the buyer's choice, and a settlement that a killed server
// leaves half done is finished by the next one, each order once.
#include <csignal>
#include <thread>

#include "integration/sale_fixture.hpp"

namespace boxoffice::testing {
namespace {

using namespace std::chrono_literals;

class SettlementTest : public SaleFixture {
 protected:
  static json::value get_order(const json::value& order, const std::string& token) {
    auto r = client().get("/api/v1/orders/" + str(order, "id"), token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static std::int64_t total(const json::value& order) { return order.at("total").as_int64(); }
  static std::int64_t group(const json::value& answer, const char* status, const char* what) {
    for (const auto& g : answer.at("orders").as_array())
      if (g.at("status").as_string() == status) return g.at(what).as_int64();
    return 0;
  }
};

TEST_F(SettlementTest, CancellingWithRefundSettlesEveryOrderVoidsTicketsAndReleasesHolds) {
  const Sale sale = on_sale("Refunded Show");
  const std::string other = new_account("buyer");
  const auto first = buy(sale, buyer_token(), {"stalls/A/1", "stalls/A/2"});
  const auto second = buy(sale, other, {}, 3);
  const std::string late = new_account("buyer");
  const std::string open_hold = hold_seats(sale.event, {"stalls/B/1"}, late);

  auto r = act(sale.event, "cancel", {{"resolution", "refund"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& answer = r.json();
  EXPECT_EQ(str(answer.at("event"), "status"), "cancelled");
  EXPECT_EQ(str(answer, "resolution"), "refund");
  EXPECT_EQ(answer.at("orders_settled").as_int64(), 2);
  EXPECT_EQ(answer.at("amount_settled").as_int64(), total(first) + total(second));
  EXPECT_EQ(group(answer, "refunded", "orders"), 2);
  EXPECT_TRUE(answer.at("finished").as_bool());

  for (const auto& [order, token] : {std::pair{first, buyer_token()}, std::pair{second, other}}) {
    const auto now = get_order(order, token);
    EXPECT_EQ(str(now, "status"), "refunded");
    for (const auto& t : now.at("tickets").as_array()) {
      EXPECT_EQ(str(t, "status"), "void");
      EXPECT_EQ(str(t, "void_reason"), "cancelled");
    }
  }
  auto hold = client().get("/api/v1/holds/" + open_hold, late);
  ASSERT_EQ(hold.status, 200) << hold.body;
  EXPECT_EQ(str(hold.json(), "status"), "released");
  auto again =
      client().post("/api/v1/holds", {{"event_id", sale.event}, {"seats", {"stalls/C/1"}}}, late);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_code(again), "event_cancelled");

  auto summary = client().get(event_path(sale.event) + "/settlement", manager_token());
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json().at("amount_settled").as_int64(), total(first) + total(second));
  EXPECT_EQ(client().get(event_path(sale.event) + "/settlement", buyer_token()).status, 403);
}

TEST_F(SettlementTest, CancellingWithCreditFillsTheBuyersLedger) {
  const Sale sale = on_sale("Credited Show");
  const std::string buyer = new_account("buyer");
  const auto bought = buy(sale, buyer, {"stalls/A/3"});
  auto r = act(sale.event, "cancel", {{"resolution", "credit"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(group(r.json(), "credited", "amount"), total(bought));
  EXPECT_EQ(str(get_order(bought, buyer), "status"), "credited");

  auto credit = client().get("/api/v1/accounts/me/credit", buyer);
  ASSERT_EQ(credit.status, 200) << credit.body;
  const auto& balances = credit.json().at("balances").as_array();
  ASSERT_EQ(balances.size(), 1u);
  EXPECT_EQ(str(balances[0], "currency"), "EUR");
  EXPECT_EQ(balances[0].at("amount").as_int64(), total(bought));
  const auto& entries = credit.json().at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(str(entries[0], "order_id"), str(bought, "id"));
  EXPECT_EQ(str(entries[0], "reason"), "event_cancelled");
  EXPECT_EQ(client().get("/api/v1/accounts/me/credit").status, 401);
}

TEST_F(SettlementTest, CancellingWithVouchersGivesOnePerTicketForTheRescheduledShow) {
  const Sale sale = on_sale("Moved Show");
  const Sale later = on_sale("Moved Show Again");
  const std::string buyer = new_account("buyer");
  const auto bought = buy(sale, buyer, {"stalls/A/4", "stalls/A/5"});
  auto refused = act(sale.event, "cancel", {{"resolution", "voucher"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(names_field(refused, "rescheduled_event_id"));

  auto r =
      act(sale.event, "cancel", {{"resolution", "voucher"}, {"rescheduled_event_id", later.event}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(get_order(bought, buyer), "status"), "voucher_issued");
  auto vouchers = client().get("/api/v1/accounts/me/vouchers", buyer);
  ASSERT_EQ(vouchers.status, 200) << vouchers.body;
  const auto& list = vouchers.json().at("vouchers").as_array();
  ASSERT_EQ(list.size(), 2u);
  for (const auto& v : list) {
    EXPECT_EQ(str(v, "event_id"), later.event);
    EXPECT_EQ(v.at("value").as_int64(), 4500 + 450);
    EXPECT_EQ(str(v, "status"), "issued");
  }
  EXPECT_NE(str(list[0], "code"), str(list[1], "code"));
}

TEST_F(SettlementTest, WithBuyerChoiceEachBuyerPicksOnceAndTheDefaultFollowsTheDeadline) {
  const Sale sale = on_sale("Choice Show");
  const std::string chooser = new_account("buyer");
  const std::string silent = new_account("buyer");
  const auto picked = buy(sale, chooser, {"stalls/A/6"});
  const auto waiting = buy(sale, silent, {"stalls/A/7"});
  const std::string deadline =
      rfc3339(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 3s);
  auto r =
      act(sale.event, "cancel", {{"resolution", "buyer_choice"}, {"choice_deadline", deadline}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(group(r.json(), "awaiting_choice", "orders"), 2);
  EXPECT_FALSE(r.json().at("finished").as_bool());
  EXPECT_EQ(str(get_order(picked, chooser), "status"), "awaiting_choice");

  const std::string path = "/api/v1/orders/" + str(picked, "id") + "/choice";
  EXPECT_EQ(client().post(path, {{"resolution", "credit"}}, silent).status, 403);
  auto no_voucher = client().post(path, {{"resolution", "voucher"}}, chooser);
  EXPECT_EQ(no_voucher.status, 422) << "no rescheduled show, so no voucher";
  auto chose = client().post(path, {{"resolution", "credit"}}, chooser);
  ASSERT_EQ(chose.status, 200) << chose.body;
  EXPECT_EQ(str(chose.json(), "status"), "credited");
  auto twice = client().post(path, {{"resolution", "refund"}}, chooser);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(error_code(twice), "no_choice_pending");
  auto credit = client().get("/api/v1/accounts/me/credit", chooser);
  EXPECT_EQ(credit.json().at("balances").as_array()[0].at("amount").as_int64(), total(picked));

  // The background task applies the default once the deadline has passed.
  std::string status;
  for (int i = 0; i < 100 && status != "refunded"; ++i) {
    std::this_thread::sleep_for(100ms);
    status = str(get_order(waiting, silent), "status");
  }
  EXPECT_EQ(status, "refunded");
  auto late = client().post("/api/v1/orders/" + str(waiting, "id") + "/choice",
                            {{"resolution", "credit"}}, silent);
  EXPECT_EQ(late.status, 409);
}

// The cancelling node is killed while it settles; another node finishes the settlement, and no
// order is settled twice: the credit ledger has one entry per order.
TEST_F(SettlementTest, ASettlementCutShortByAKillIsFinishedByTheNextServerOnce) {
  const std::string name = "Killed Settlement";
  const Sale sale = on_sale(name, {{"max_tickets_per_buyer", 100}});
  constexpr int kBuyers = 3;
  constexpr int kOrdersEach = 30;
  std::vector<std::string> buyers;
  std::vector<json::value> orders;
  for (int b = 0; b < kBuyers; ++b) {
    buyers.push_back(new_account("buyer"));
    for (int n = 0; n < kOrdersEach; ++n) orders.push_back(buy(sale, buyers.back(), {}, 1));
  }
  auto doomed = std::make_unique<ServerProcess>(g_server, shared_->db.url());
  std::thread cancel([&, port = doomed->port()] {
    try {
      HttpClient(port).post(event_path(sale.event) + "/cancel", {{"resolution", "credit"}},
                            manager_token());
    } catch (const std::exception&) {
      // the node died before it answered
    }
  });
  // Kill it as soon as the first order is settled.
  for (int i = 0; i < 2000; ++i) {
    if (str(get_order(orders.front(), buyers.front()), "status") != "paid") break;
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(doomed->stop(SIGKILL), 128 + SIGKILL);
  cancel.join();
  int settled_before = 0;
  for (int b = 0; b < kBuyers; ++b)
    for (int n = 0; n < kOrdersEach; ++n)
      settled_before +=
          str(get_order(orders[b * kOrdersEach + n], buyers[b]), "status") == "credited";
  EXPECT_GT(settled_before, 0) << "the kill came before the settlement began";
  EXPECT_LT(settled_before, kBuyers * kOrdersEach) << "the kill came after it ended";

  // The shared server's background task finishes it.
  bool finished = false;
  for (int i = 0; i < 150 && !finished; ++i) {
    std::this_thread::sleep_for(100ms);
    auto s = client().get(event_path(sale.event) + "/settlement", manager_token());
    finished = s.status == 200 && s.json().at("finished").as_bool();
  }
  ASSERT_TRUE(finished);
  for (int b = 0; b < kBuyers; ++b) {
    auto credit = client().get("/api/v1/accounts/me/credit", buyers[b]);
    ASSERT_EQ(credit.status, 200) << credit.body;
    std::int64_t expected = 0;
    for (int n = 0; n < kOrdersEach; ++n) {
      const auto& o = orders[b * kOrdersEach + n];
      expected += total(o);
      EXPECT_EQ(str(get_order(o, buyers[b]), "status"), "credited");
    }
    EXPECT_EQ(credit.json().at("entries").as_array().size(), std::size_t{kOrdersEach});
    EXPECT_EQ(credit.json().at("balances").as_array()[0].at("amount").as_int64(), expected);
  }
}

}  // namespace
}  // namespace boxoffice::testing
