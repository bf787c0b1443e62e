// Paying with what a cancellation gave, through HTTP on the real server: credit spent at a later
// checkout (in full or in part, never beyond the balance), vouchers redeemed at the rescheduled
// show once, and money paid from credit given back to it by a manager's refund.
#include <thread>

#include "integration/sale_fixture.hpp"

namespace boxoffice::testing {
namespace {

class PayingTest : public SaleFixture {
 protected:
  static std::int64_t balance(const std::string& token) {
    auto r = client().get("/api/v1/accounts/me/credit", token);
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& b : r.json().at("balances").as_array())
      if (b.at("currency").as_string() == "EUR") return b.at("amount").as_int64();
    return 0;
  }
  // Cancels a show of `buyer`'s with `resolution`; what the buyer paid for it.
  static std::int64_t cancelled_purchase(const std::string& buyer, const char* resolution,
                                         const std::vector<std::string>& seats,
                                         const std::string& rescheduled = "") {
    const Sale gone = on_sale(std::string("Cancelled for ") + resolution);
    const auto bought = buy(gone, buyer, seats);
    json::object body{{"resolution", resolution}};
    if (!rescheduled.empty()) body["rescheduled_event_id"] = rescheduled;
    auto r = act(gone.event, "cancel", body);
    EXPECT_EQ(r.status, 200) << r.body;
    return bought.at("total").as_int64();
  }
  static json::object with_credit(json::object body) {
    body["payment"] = json::object{{"method", "credit"}};
    return body;
  }
  static std::vector<std::string> voucher_codes(const std::string& token) {
    auto r = client().get("/api/v1/accounts/me/vouchers", token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> codes;
    for (const auto& v : r.json().at("vouchers").as_array())
      if (v.at("status").as_string() == "issued") codes.emplace_back(v.at("code").as_string());
    return codes;
  }
};

TEST_F(PayingTest, CreditPaysALaterOrderInPartAndNeverBeyondTheBalance) {
  const std::string buyer = new_account("buyer");
  const auto credited = cancelled_purchase(buyer, "credit", {"stalls/A/1", "stalls/A/2"});
  ASSERT_EQ(balance(buyer), credited);

  const Sale next = on_sale("Paid With Credit");
  const auto hold = hold_seats(next.event, {"stalls/A/1"}, buyer);
  auto r = order(with_credit(order_body(hold, seat_items({"stalls/A/1"}, next.type))), buyer,
                 "credit-1");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto paid = r.json();
  EXPECT_EQ(str(paid, "payment_method"), "credit");
  EXPECT_EQ(paid.at("charged").as_int64(), paid.at("total").as_int64());
  EXPECT_EQ(balance(buyer), credited - paid.at("total").as_int64()) << "spent in part";

  auto ledger = client().get("/api/v1/accounts/me/credit", buyer).json();
  const auto& newest = ledger.at("entries").as_array().front();
  EXPECT_EQ(newest.at("amount").as_int64(), -paid.at("total").as_int64());
  EXPECT_EQ(str(newest, "order_id"), str(paid, "id"));

  // What is left covers one ticket, not two: the second order is refused and nothing changes.
  const auto two = hold_seats(next.event, {"stalls/B/1", "stalls/B/2"}, buyer);
  auto refused =
      order(with_credit(order_body(two, seat_items({"stalls/B/1", "stalls/B/2"}, next.type))),
            buyer, "credit-2");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(error_code(refused), "insufficient_credit");
  EXPECT_EQ(balance(buyer), credited - paid.at("total").as_int64());
  auto still = client().get("/api/v1/holds/" + two, buyer);
  EXPECT_EQ(str(still.json(), "status"), "active") << "the places stay held to pay otherwise";

  // A buyer without credit is refused at once.
  const std::string poor = new_account("buyer");
  const auto theirs = hold_seats(next.event, {"stalls/C/1"}, poor);
  auto none = order(with_credit(order_body(theirs, seat_items({"stalls/C/1"}, next.type))), poor,
                    "credit-3");
  EXPECT_EQ(error_code(none), "insufficient_credit");
}

TEST_F(PayingTest, AManagersRefundOfAnOrderPaidWithCreditGivesItBackToTheBalance) {
  const std::string buyer = new_account("buyer");
  const auto credited = cancelled_purchase(buyer, "credit", {"stalls/A/1", "stalls/A/2"});
  const Sale next = on_sale("Refunded To Credit");
  const auto hold = hold_seats(next.event, {"stalls/A/5"}, buyer);
  auto r = order(with_credit(order_body(hold, seat_items({"stalls/A/5"}, next.type))), buyer,
                 "credit-refund");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");
  ASSERT_LT(balance(buyer), credited);

  auto refund = client().post("/api/v1/orders/" + id + "/refund", json::object{}, manager_token());
  ASSERT_EQ(refund.status, 200) << refund.body;
  EXPECT_EQ(str(refund.json(), "status"), "refunded");
  EXPECT_EQ(balance(buyer), credited);
  const auto& refunds = refund.json().at("refunds").as_array();
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(str(refunds[0], "method"), "credit");
  EXPECT_EQ(refunds[0].at("amount").as_int64(), r.json().at("total").as_int64());
  EXPECT_EQ(str(refunds[0], "status"), "done");
}

TEST_F(PayingTest, AVoucherPaysOneTicketAtTheRescheduledShowOnce) {
  const Sale next = on_sale("Rescheduled Show");
  const std::string buyer = new_account("buyer");
  cancelled_purchase(buyer, "voucher", {"stalls/A/1"}, next.event);
  const auto codes = voucher_codes(buyer);
  ASSERT_EQ(codes.size(), 1u);

  const auto hold = hold_seats(next.event, {"stalls/A/6", "stalls/A/7"}, buyer);
  auto items = seat_items({"stalls/A/6", "stalls/A/7"}, next.type);
  items[1].as_object()["voucher"] = codes[0];
  auto r = order(order_body(hold, items), buyer, "voucher-1");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& paid = r.json();
  const auto& tickets = paid.at("tickets").as_array();
  ASSERT_EQ(tickets.size(), 2u);
  std::int64_t by_voucher = 0;
  for (const auto& t : tickets)
    if (t.as_object().contains("voucher_code")) {
      EXPECT_EQ(str(t, "voucher_code"), codes[0]);
      by_voucher = t.at("voucher_amount").as_int64();
    }
  EXPECT_EQ(by_voucher, 4950) << "the voucher is worth what the cancelled ticket cost";
  EXPECT_EQ(paid.at("charged").as_int64(), paid.at("total").as_int64() - by_voucher);
  EXPECT_TRUE(voucher_codes(buyer).empty()) << "the voucher is redeemed";

  // Used once: the next order naming it is refused, naming the item, and nothing is charged.
  const auto again = hold_seats(next.event, {"stalls/A/8"}, buyer);
  auto second = seat_items({"stalls/A/8"}, next.type);
  second[0].as_object()["voucher"] = codes[0];
  auto used = order(order_body(again, second), buyer, "voucher-2");
  EXPECT_EQ(used.status, 422) << used.body;
  EXPECT_TRUE(used.json().at("error").at("fields").as_object().contains("items[0].voucher"))
      << used.body;

  // Another buyer cannot use it, and it looks to them like a code that does not exist.
  const std::string other = new_account("buyer");
  const auto theirs = hold_seats(next.event, {"stalls/A/9"}, other);
  auto foreign = seat_items({"stalls/A/9"}, next.type);
  foreign[0].as_object()["voucher"] = codes[0];
  auto stolen = order(order_body(theirs, foreign), other, "voucher-3");
  EXPECT_EQ(stolen.status, 422) << stolen.body;
  auto unknown = seat_items({"stalls/A/9"}, next.type);
  unknown[0].as_object()["voucher"] = "vch_doesnotexist";
  auto made_up = order(order_body(theirs, unknown), other, "voucher-4");
  EXPECT_EQ(made_up.json().at("error").at("fields").at("items[0].voucher"),
            stolen.json().at("error").at("fields").at("items[0].voucher"));
}

TEST_F(PayingTest, AVoucherIsOnlyForTheRescheduledShow) {
  const Sale next = on_sale("The Real Reschedule");
  const Sale elsewhere = on_sale("Another Show");
  const std::string buyer = new_account("buyer");
  cancelled_purchase(buyer, "voucher", {"stalls/A/1"}, next.event);
  const auto codes = voucher_codes(buyer);
  ASSERT_EQ(codes.size(), 1u);
  const auto hold = hold_seats(elsewhere.event, {"stalls/A/1"}, buyer);
  auto items = seat_items({"stalls/A/1"}, elsewhere.type);
  items[0].as_object()["voucher"] = codes[0];
  auto r = order(order_body(hold, items), buyer, "voucher-elsewhere");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("another event"), std::string::npos) << r.body;
  EXPECT_EQ(voucher_codes(buyer).size(), 1u) << "a refused order leaves the voucher as it was";
}

TEST_F(PayingTest, RacingOrdersSpendTheBalanceAndEachVoucherOnce) {
  const Sale next = on_sale("Rush On Credit", {{"max_tickets_per_buyer", 20}});
  const std::string buyer = new_account("buyer");
  const auto credited = cancelled_purchase(buyer, "credit", {"stalls/A/1", "stalls/A/2"});
  cancelled_purchase(buyer, "voucher", {"stalls/A/3"}, next.event);
  const auto codes = voucher_codes(buyer);
  ASSERT_EQ(codes.size(), 1u);

  // Six orders of one seat each, at once: four from credit (which covers two), two naming the
  // same voucher and paying the rest by card.
  constexpr int kOrders = 6;
  std::vector<json::object> bodies;
  for (int i = 0; i < kOrders; ++i) {
    const std::string seat = "stalls/B/" + std::to_string(i + 1);
    auto items = seat_items({seat}, next.type);
    if (i >= 4) items[0].as_object()["voucher"] = codes[0];
    auto body = order_body(hold_seats(next.event, {seat}, buyer), items);
    bodies.push_back(i < 4 ? with_credit(body) : body);
  }
  std::vector<HttpResult> answers(kOrders);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOrders; ++i)
    threads.emplace_back(
        [&, i] { answers[i] = order(bodies[i], buyer, "race-" + std::to_string(i)); });
  for (auto& t : threads) t.join();

  int on_credit = 0, short_of_credit = 0, with_voucher = 0, voucher_refused = 0;
  for (int i = 0; i < kOrders; ++i) {
    if (answers[i].status == 201)
      ++(i < 4 ? on_credit : with_voucher);
    else if (i < 4 && error_code(answers[i]) == "insufficient_credit")
      ++short_of_credit;
    else if (i >= 4 && answers[i].status == 422)
      ++voucher_refused;
    else
      ADD_FAILURE() << i << ": " << answers[i].status << " " << answers[i].body;
  }
  EXPECT_EQ(on_credit, 2);
  EXPECT_EQ(short_of_credit, 2);
  EXPECT_EQ(with_voucher, 1);
  EXPECT_EQ(voucher_refused, 1);
  EXPECT_EQ(balance(buyer), credited - 2 * 4950) << "exactly two orders spent it";
  EXPECT_EQ(balance(buyer), 0) << "never below zero";
}

}  // namespace
}  // namespace boxoffice::testing
