// After the sale of single orders, through HTTP: a manager refunds some tickets then the rest
// (their seats sell again), a buyer gives a ticket to another account, who gives it on.
#include "integration/sale_fixture.hpp"

namespace boxoffice::testing {
namespace {

class RefundTest : public SaleFixture {
 protected:
  static HttpResult refund(const std::string& order, const json::object& body,
                           const std::string& token) {
    return client().post("/api/v1/orders/" + order + "/refund", body, token);
  }
  static HttpResult transfer(const std::string& order, const std::string& ticket,
                             const std::string& email, const std::string& token) {
    return client().post("/api/v1/orders/" + order + "/tickets/" + ticket + "/transfer",
                         {{"email", email}}, token);
  }
  // A paid order of `token`'s account for `seats`.
  static json::object buy(const Sale& sale, const std::vector<std::string>& seats,
                          const std::string& token) {
    json::array names;
    for (const auto& s : seats) names.push_back(json::value(s));
    const auto hold = hold_seats(sale.event, std::move(names), token);
    auto r = order(order_body(hold, seat_items(seats, sale.type)), token,
                   "k-" + hold);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }
  static std::string email_of(const std::string& token) {
    return str(client().get("/api/v1/accounts/me", token).json(), "email");
  }
  static const json::value& ticket(const json::value& order, std::size_t i) {
    return order.at("tickets").as_array().at(i);
  }
  static json::array ids(std::initializer_list<std::string> list) {
    json::array out;
    for (const auto& id : list) out.push_back(json::value(id));
    return out;
  }
};

TEST_F(RefundTest, AManagerRefundsPartThenTheRestAndTheSeatsSellAgain) {
  const Sale sale = on_sale("Refund Show");
  const std::string buyer = new_account("buyer");
  auto paid = buy(sale, {"stalls/A/1", "stalls/A/2", "stalls/A/3"}, buyer);
  const std::string id = str(paid, "id");
  const std::string first = str(ticket(paid, 0), "id");

  // Only managers refund; what is named must be this order's.
  EXPECT_EQ(refund(id, {}, buyer).status, 403);
  auto unknown = refund(id, {{"tickets", ids({first, "tkt_nope"})}}, manager_token());
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_TRUE(unknown.json().at("error").at("fields").as_object().contains("tickets[1]"));
  EXPECT_EQ(refund("ord_nope", {}, manager_token()).status, 404);

  auto part = refund(id, {{"tickets", ids({first})}}, manager_token());
  ASSERT_EQ(part.status, 200) << part.body;
  EXPECT_EQ(str(part.json(), "status"), "partially_refunded");
  EXPECT_EQ(str(ticket(part.json(), 0), "status"), "void");
  EXPECT_EQ(str(ticket(part.json(), 0), "void_reason"), "refunded");
  EXPECT_EQ(str(ticket(part.json(), 1), "status"), "valid");
  // A retry of the same request answers the order; naming the ticket with another is a conflict.
  auto retry = refund(id, {{"tickets", ids({first})}}, manager_token());
  EXPECT_EQ(retry.status, 200) << retry.body;
  auto overlap =
      refund(id, {{"tickets", ids({first, str(ticket(paid, 1), "id")})}}, manager_token());
  ASSERT_EQ(overlap.status, 409) << overlap.body;
  EXPECT_EQ(str(overlap.json().at("error"), "code"), "ticket_void");
  auto seen = client().get("/api/v1/orders/" + id, buyer);
  EXPECT_EQ(str(seen.json(), "status"), "partially_refunded");

  // The refunded seat is on sale again, and another buyer buys it.
  const std::string other = new_account("buyer");
  auto resold = buy(sale, {"stalls/A/1"}, other);
  EXPECT_EQ(str(resold, "status"), "paid");

  auto rest = refund(id, {}, manager_token());
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(str(rest.json(), "status"), "refunded");
  for (const auto& t : rest.json().at("tickets").as_array()) EXPECT_EQ(str(t, "status"), "void");
  auto nothing = refund(id, {}, manager_token());
  EXPECT_EQ(nothing.status, 409) << nothing.body;
  buy(sale, {"stalls/A/2", "stalls/A/3"}, other);

  // Sales count what was kept: the other buyer's three tickets.
  auto sales = client().get(event_path(sale.event) + "/sales", manager_token());
  ASSERT_EQ(sales.status, 200) << sales.body;
  EXPECT_EQ(sales.json().at("tickets").as_int64(), 3);
  EXPECT_EQ(sales.json().at("revenue").as_int64(), 3 * (4500 + 450));
}

TEST_F(RefundTest, ABuyerGivesATicketThatIsGivenOn) {
  const Sale sale = on_sale("Transfer Show");
  const std::string giver = new_account("buyer");
  const std::string receiver = new_account("buyer");
  const std::string third = new_account("buyer");
  auto paid = buy(sale, {"stalls/B/1", "stalls/B/2"}, giver);
  const std::string id = str(paid, "id");
  const std::string given = str(ticket(paid, 0), "id");

  auto own = transfer(id, given, email_of(giver), giver);
  ASSERT_EQ(own.status, 422) << own.body;
  EXPECT_TRUE(own.json().at("error").at("fields").as_object().contains("email"));
  auto nobody = transfer(id, given, "nobody-here@test.example", giver);
  ASSERT_EQ(nobody.status, 422) << nobody.body;
  EXPECT_TRUE(nobody.json().at("error").at("fields").as_object().contains("email"));
  EXPECT_EQ(transfer(id, given, email_of(third), receiver).status, 403);

  auto moved = transfer(id, given, email_of(receiver), giver);
  ASSERT_EQ(moved.status, 200) << moved.body;
  const std::string fresh = str(moved.json(), "id");
  EXPECT_NE(fresh, given);
  EXPECT_NE(str(moved.json(), "code"), str(ticket(paid, 0), "code"));
  EXPECT_EQ(str(moved.json(), "seat"), "stalls/B/1");
  EXPECT_EQ(str(moved.json(), "status"), "valid");

  // The old code is void in the giver's order; the receiver has the ticket as its own.
  auto old = client().get("/api/v1/orders/" + id, giver);
  EXPECT_EQ(str(ticket(old.json(), 0), "status"), "void");
  EXPECT_EQ(str(ticket(old.json(), 0), "void_reason"), "transferred");
  EXPECT_EQ(str(ticket(old.json(), 1), "status"), "valid");
  auto theirs = client().get("/api/v1/orders", receiver);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  const auto& orders = theirs.json().at("orders").as_array();
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(str(orders[0], "id"), str(moved.json(), "order_id"));
  EXPECT_EQ(str(ticket(orders[0], 0), "code"), str(moved.json(), "code"));
  EXPECT_EQ(client()
                .get("/api/v1/orders/" + str(orders[0], "id") + "/tickets/" + fresh + "/qr.svg",
                     receiver)
                .status,
            200);

  // The giver cannot give it again; the receiver gives it on.
  auto again = transfer(id, given, email_of(third), giver);
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(str(again.json().at("error"), "code"), "ticket_void");
  auto on = transfer(str(orders[0], "id"), fresh, email_of(third), receiver);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(client().get("/api/v1/orders", third).json().at("orders").as_array().size(), 1u);
  EXPECT_EQ(str(ticket(client().get("/api/v1/orders", receiver).json().at("orders").at(0), 0),
                "void_reason"),
            "transferred");

  // The seat stayed sold, and was sold once.
  auto sales = client().get(event_path(sale.event) + "/sales", manager_token());
  EXPECT_EQ(sales.json().at("tickets").as_int64(), 2);
  auto taken = client().post("/api/v1/holds",
                             {{"event_id", sale.event}, {"seats", json::array{"stalls/B/1"}}},
                             new_account("buyer"));
  EXPECT_EQ(taken.status, 409) << taken.body;
}

}  // namespace
}  // namespace boxoffice::testing
