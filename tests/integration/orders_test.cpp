// Orders through HTTP: a hold becomes paid tickets with signed codes, safely retried, and only
// while the hold lasts.
#include <algorithm>
#include <map>
#include <thread>

#include "app/security.hpp"
#include "integration/sale_fixture.hpp"

namespace boxoffice::testing {
namespace {

class OrderTest : public SaleFixture {};

TEST_F(OrderTest, AHoldBecomesPaidTicketsWithSignedCodes) {
  security::initialize();
  const Sale sale = on_sale("Paid Show");
  const std::string hold = hold_seats(sale.event, {"stalls/A/1", "stalls/A/2"}, buyer_token());
  auto r = order(order_body(hold, seat_items({"stalls/A/1", "stalls/A/2"}, sale.type)),
                 buyer_token(), "k-1");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(str(r.json(), "status"), "paid");
  EXPECT_EQ(str(r.json(), "currency"), "EUR");
  EXPECT_EQ(r.json().at("total").as_int64(), 2 * (4500 + 450));
  const auto& tickets = r.json().at("tickets").as_array();
  ASSERT_EQ(tickets.size(), 2u);
  EXPECT_EQ(str(tickets[0], "seat"), "stalls/A/1");
  EXPECT_EQ(tickets[0].at("price").as_int64(), 4500);
  EXPECT_EQ(tickets[0].at("fees").as_int64(), 450);
  EXPECT_NE(str(tickets[0], "code"), str(tickets[1], "code"));

  auto key = client().get(event_path(sale.event) + "/ticket-key");
  ASSERT_EQ(key.status, 200) << key.body;
  const std::string public_key = str(key.json(), "public_key");
  for (const auto& t : tickets)
    EXPECT_TRUE(security::verify_ticket_code(public_key, sale.event, str(t, "code")));
  std::string forged = str(tickets[0], "code");
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(security::verify_ticket_code(public_key, sale.event, forged));

  auto seats = client().get(event_path(sale.event) + "/sections/stalls/seats");
  EXPECT_EQ(str(seats.json().at("seats").at(0), "state"), "sold");
  auto held = client().get("/api/v1/holds/" + hold, buyer_token());
  EXPECT_EQ(str(held.json(), "status"), "purchased");
  auto mine = client().get("/api/v1/orders/" + str(r.json(), "id"), buyer_token());
  EXPECT_EQ(mine.status, 200);
  EXPECT_EQ(client().get("/api/v1/orders/" + str(r.json(), "id"), new_account("buyer")).status,
            403);
  EXPECT_EQ(client().get("/api/v1/orders/" + str(r.json(), "id"), manager_token()).status, 200);
}

// A draft's ticket key tells the public that the event exists: only its managers may read it.
TEST_F(OrderTest, ADraftsTicketKeyIsForManagersOnly) {
  const std::string draft = ready_event(make_place("Key Hall"), "Unannounced Show");
  auto anonymous = client().get(event_path(draft) + "/ticket-key");
  EXPECT_EQ(anonymous.status, 404) << anonymous.body;
  EXPECT_EQ(client().get(event_path(draft) + "/ticket-key", buyer_token()).status, 404);
  auto manager = client().get(event_path(draft) + "/ticket-key", manager_token());
  EXPECT_EQ(manager.status, 200) << manager.body;
  EXPECT_FALSE(str(manager.json(), "public_key").empty());
}

TEST_F(OrderTest, TheSameIdempotencyKeyNeverBuysTwice) {
  const Sale sale = on_sale("Retry Show");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"balcony/A/1"}, buyer);
  const auto body = order_body(hold, seat_items({"balcony/A/1"}, sale.type));
  auto first = order(body, buyer, "retry-1");
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = order(body, buyer, "retry-1");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(str(again.json(), "id"), str(first.json(), "id"));
  EXPECT_EQ(order(body, buyer, "").status, 400);
  auto other_key = order(body, buyer, "retry-2");
  EXPECT_EQ(other_key.status, 409) << "the hold was bought already: " << other_key.body;
  EXPECT_EQ(error_code(other_key), "hold_expired");
}

TEST_F(OrderTest, ADeclinedCardKeepsTheHoldForAnotherTry) {
  const Sale sale = on_sale("Declined Show");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"balcony/A/2"}, buyer);
  auto declined = order(
      order_body(hold, seat_items({"balcony/A/2"}, sale.type), "4000000000000002"), buyer, "d-1");
  ASSERT_EQ(declined.status, 402) << declined.body;
  EXPECT_EQ(error_code(declined), "payment_declined");
  EXPECT_EQ(str(client().get("/api/v1/holds/" + hold, buyer).json(), "status"), "active");
  EXPECT_EQ(order(order_body(hold, seat_items({"balcony/A/2"}, sale.type)), buyer, "d-2").status,
            201);
}

TEST_F(OrderTest, StandingPlacesAreSoldByTheirSection) {
  const Sale sale = on_sale("Standing Sale");
  const std::string buyer = new_account("buyer");
  auto h = client().post("/api/v1/holds",
                         {{"event_id", sale.event}, {"section", "floor"}, {"quantity", 3}}, buyer);
  ASSERT_EQ(h.status, 201) << h.body;
  auto r = order(
      order_body(str(h.json(), "id"),
                 json::array{json::object{{"section", "floor"}, {"ticket_type_id", sale.type}}}),
      buyer, "s-1");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("tickets").as_array().size(), 3u);
  auto availability = client().get(event_path(sale.event) + "/availability");
  for (const auto& s : availability.json().at("sections").as_array())
    if (s.at("key").as_string() == "floor") {
      EXPECT_EQ(s.at("sold").as_int64(), 3);
      EXPECT_EQ(s.at("held").as_int64(), 0);
    }
}

TEST_F(OrderTest, OnlyTheBuyersActiveHoldCanBeBought) {
  const Sale sale = on_sale("Hold Rules");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"stalls/B/1"}, buyer);
  const auto body = order_body(hold, seat_items({"stalls/B/1"}, sale.type));
  EXPECT_EQ(order(body, new_account("buyer"), "x-1").status, 403);
  ASSERT_EQ(client().del("/api/v1/holds/" + hold, buyer).status, 204);
  auto released = order(body, buyer, "x-2");
  EXPECT_EQ(released.status, 409);
  EXPECT_EQ(error_code(released), "hold_expired");
  EXPECT_EQ(
      order(order_body("hld_missing", seat_items({"stalls/B/1"}, sale.type)), buyer, "x-3").status,
      404);
}

// A hold made while sales ran cannot be bought once a manager pauses, closes or cancels them, and
// no money is taken; after resuming it can.
TEST_F(OrderTest, StoppedSalesRefuseOrdersForHoldsMadeBefore) {
  const Sale sale = on_sale("Stopped Sales");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"stalls/C/1"}, buyer);
  const auto body = order_body(hold, seat_items({"stalls/C/1"}, sale.type));

  ASSERT_EQ(act(sale.event, "pause-sales").status, 200);
  auto paused = order(body, buyer, "s-1");
  EXPECT_EQ(paused.status, 409) << paused.body;
  EXPECT_EQ(error_code(paused), "sales_paused");
  auto more =
      client().post("/api/v1/holds", {{"event_id", sale.event}, {"seats", {"stalls/C/2"}}}, buyer);
  EXPECT_EQ(more.status, 409) << more.body;
  EXPECT_EQ(error_code(more), "sales_paused");

  ASSERT_EQ(act(sale.event, "resume-sales").status, 200);
  auto bought = order(body, buyer, "s-2");
  EXPECT_EQ(bought.status, 201) << bought.body;

  const std::string later = hold_seats(sale.event, {"stalls/C/3"}, buyer);
  const auto later_body = order_body(later, seat_items({"stalls/C/3"}, sale.type));
  ASSERT_EQ(act(sale.event, "close-sales").status, 200);
  auto closed = order(later_body, buyer, "s-3");
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(error_code(closed), "sales_closed");
  ASSERT_EQ(act(sale.event, "cancel", {{"resolution", "refund"}}).status, 200);
  auto cancelled = order(later_body, buyer, "s-4");
  EXPECT_EQ(cancelled.status, 409) << cancelled.body;
  EXPECT_EQ(error_code(cancelled), "event_cancelled");
  // The paid order's retry still answers with that order.
  EXPECT_EQ(order(body, buyer, "s-2").status, 201);
}

TEST_F(OrderTest, AfterAPartialReleaseOnlyWhatIsLeftIsSold) {
  const Sale sale = on_sale("Partly Bought");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"stalls/B/4", "stalls/B/5"}, buyer);
  auto part = client().post("/api/v1/holds/" + hold + "/release",
                            {{"seats", json::array{"stalls/B/5"}}}, buyer);
  ASSERT_EQ(part.status, 200) << part.body;
  auto stale =
      order(order_body(hold, seat_items({"stalls/B/4", "stalls/B/5"}, sale.type)), buyer, "p-1");
  ASSERT_EQ(stale.status, 422) << stale.body;
  EXPECT_TRUE(names_field(stale, "items[1]")) << stale.body;
  auto r = order(order_body(hold, seat_items({"stalls/B/4"}, sale.type)), buyer, "p-2");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("tickets").as_array().size(), 1u);
  EXPECT_EQ(r.json().at("total").as_int64(), 4500 + 450);
  auto seats = client().get(event_path(sale.event) + "/sections/stalls/seats");
  std::map<std::string, std::string> states;
  for (const auto& s : seats.json().at("seats").as_array())
    states[std::string(s.at("id").as_string())] = std::string(s.at("state").as_string());
  EXPECT_EQ(states["stalls/B/4"], "sold");
  EXPECT_EQ(states["stalls/B/5"], "available");
}

TEST_F(OrderTest, BadOrdersNameEveryField) {
  const Sale sale = on_sale("Bad Orders", {}, {{"sections", json::array{"stalls"}}});
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"balcony/A/3", "balcony/A/4"}, buyer);
  json::object body = order_body(
      hold, json::array{json::object{{"seat", "balcony/A/3"}, {"ticket_type_id", sale.type}},
                        json::object{{"seat", "stalls/A/9"}, {"ticket_type_id", sale.type}}});
  body["buyer"] = {{"name", ""}, {"email", "nope"}};
  auto r = order(body, buyer, "b-1");
  ASSERT_EQ(r.status, 422) << r.body;
  for (const char* f : {"items[0].ticket_type_id", "items[1]", "buyer.email", "buyer.name"})
    EXPECT_TRUE(names_field(r, f)) << f << ": " << r.body;
}

TEST_F(OrderTest, APriceChangeLeavesSoldTicketsAtTheirPrice) {
  const Sale sale = on_sale("Repriced Show");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"stalls/B/9"}, buyer);
  auto sold = order(order_body(hold, seat_items({"stalls/B/9"}, sale.type)), buyer, "p-1");
  ASSERT_EQ(sold.status, 201) << sold.body;
  auto repriced = patch(event_path(sale.event) + "/ticket-types/" + sale.type, {{"price", 9900}},
                        manager_token());
  ASSERT_EQ(repriced.status, 200) << repriced.body;
  auto again = client().get("/api/v1/orders/" + str(sold.json(), "id"), buyer);
  EXPECT_EQ(again.json().at("tickets").at(0).at("price").as_int64(), 4500);
  EXPECT_EQ(again.json().at("total").as_int64(), 4500 + 450);
  const std::string next = hold_seats(sale.event, {"stalls/B/10"}, buyer);
  auto later = order(order_body(next, seat_items({"stalls/B/10"}, sale.type)), buyer, "p-2");
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_EQ(later.json().at("tickets").at(0).at("price").as_int64(), 9900);
}

TEST_F(OrderTest, QuotasAndTheBuyerLimitCountWhatIsSold) {
  const Sale sale = on_sale("Quota Show", {{"max_tickets_per_buyer", 3}}, {{"quota", 2}});
  const std::string buyer = new_account("buyer");
  const std::string hold =
      hold_seats(sale.event, {"stalls/C/1", "stalls/C/2", "stalls/C/3"}, buyer);
  auto over =
      order(order_body(hold, seat_items({"stalls/C/1", "stalls/C/2", "stalls/C/3"}, sale.type)),
            buyer, "q-1");
  ASSERT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(error_code(over), "quota_exceeded");
  ASSERT_EQ(client().del("/api/v1/holds/" + hold, buyer).status, 204);
  const std::string two = hold_seats(sale.event, {"stalls/C/1", "stalls/C/2"}, buyer);
  ASSERT_EQ(
      order(order_body(two, seat_items({"stalls/C/1", "stalls/C/2"}, sale.type)), buyer, "q-2")
          .status,
      201);
  auto more = client().post(
      "/api/v1/holds", {{"event_id", sale.event}, {"seats", {"stalls/C/3", "stalls/C/4"}}}, buyer);
  EXPECT_EQ(more.status, 409) << more.body;
  EXPECT_EQ(error_code(more), "limit_exceeded");
}

// What the pages read back: the basket (active holds), "my orders", a ticket's QR code.
TEST_F(OrderTest, ABuyerListsTheirActiveHoldsAndOrders) {
  const Sale sale = on_sale("Basket Show");
  const Sale other_sale = on_sale("Other Basket Show");
  const std::string buyer = new_account("buyer");
  const std::string stranger = new_account("buyer");
  const std::string first = hold_seats(sale.event, {"stalls/A/1"}, buyer);
  const std::string second = hold_seats(sale.event, {"stalls/A/2"}, buyer);
  const std::string released = hold_seats(sale.event, {"stalls/A/3"}, buyer);
  ASSERT_EQ(client().del("/api/v1/holds/" + released, buyer).status, 204);
  hold_seats(sale.event, {"stalls/A/4"}, stranger);
  hold_seats(other_sale.event, {"stalls/A/5"}, buyer);

  const auto basket = [&] {
    auto r = client().get("/api/v1/holds?event_id=" + sale.event, buyer);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    for (const auto& h : r.json().at("holds").as_array()) ids.push_back(str(h, "id"));
    std::sort(ids.begin(), ids.end());  // made within one second: their order is not defined
    return ids;
  };
  EXPECT_EQ(basket(), first < second ? (std::vector<std::string>{first, second})
                                     : (std::vector<std::string>{second, first}));
  auto unnamed = client().get("/api/v1/holds", buyer);
  EXPECT_EQ(unnamed.status, 422) << unnamed.body;
  EXPECT_TRUE(unnamed.json().at("error").at("fields").as_object().contains("event_id"));
  EXPECT_EQ(client().get("/api/v1/holds?event_id=" + sale.event).status, 401);

  auto paid = order(order_body(first, seat_items({"stalls/A/1"}, sale.type)), buyer, "b-1");
  ASSERT_EQ(paid.status, 201) << paid.body;
  EXPECT_EQ(basket(), (std::vector<std::string>{second}));
  // Order times are kept to the second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto later = order(order_body(second, seat_items({"stalls/A/2"}, sale.type)), buyer, "b-2");
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_TRUE(basket().empty());

  auto mine = client().get("/api/v1/orders", buyer);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto& orders = mine.json().at("orders").as_array();
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(str(orders[0], "id"), str(later.json(), "id")) << "newest first";
  EXPECT_EQ(str(orders[1], "id"), str(paid.json(), "id"));
  EXPECT_EQ(orders[0].at("tickets").as_array().size(), 1u);
  EXPECT_EQ(client()
                .get("/api/v1/orders?event_id=" + other_sale.event, buyer)
                .json()
                .at("orders")
                .as_array()
                .size(),
            0u);
  EXPECT_EQ(client().get("/api/v1/orders", stranger).json().at("orders").as_array().size(), 0u);
  EXPECT_EQ(client().get("/api/v1/orders").status, 401);
}

TEST_F(OrderTest, EveryTicketHasAQrCodeForItsBuyer) {
  const Sale sale = on_sale("QR Show");
  const std::string buyer = new_account("buyer");
  const std::string hold = hold_seats(sale.event, {"stalls/B/1"}, buyer);
  auto paid = order(order_body(hold, seat_items({"stalls/B/1"}, sale.type)), buyer, "qr-1");
  ASSERT_EQ(paid.status, 201) << paid.body;
  const std::string path = "/api/v1/orders/" + str(paid.json(), "id") + "/tickets/" +
                           str(paid.json().at("tickets").at(0), "id") + "/qr.svg";
  auto qr = client().get(path, buyer);
  ASSERT_EQ(qr.status, 200) << qr.body;
  EXPECT_EQ(qr.header("content-type"), "image/svg+xml");
  EXPECT_EQ(qr.body.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u) << qr.body;
  EXPECT_NE(qr.body.find("<path"), std::string::npos);
  EXPECT_EQ(client().get(path, manager_token()).status, 200);
  EXPECT_EQ(client().get(path, new_account("buyer")).status, 403);
  EXPECT_EQ(client().get(path).status, 401);
  EXPECT_EQ(client()
                .get("/api/v1/orders/" + str(paid.json(), "id") + "/tickets/tkt_none/qr.svg", buyer)
                .status,
            404);
}

TEST_F(OrderTest, ManagersSeeSalesOverTime) {
  const Sale sale = on_sale("Sales Chart Show");
  const std::string buyer = new_account("buyer");
  const std::string sales = event_path(sale.event) + "/sales";
  auto empty = client().get(sales, manager_token());
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.json().at("orders").as_int64(), 0);
  EXPECT_EQ(empty.json().at("buckets").as_array().size(), 0u);
  EXPECT_EQ(empty.json().at("bucket_seconds").as_int64(), 3600);

  std::int64_t revenue = 0;
  for (const auto* seat : {"stalls/B/1", "stalls/B/2"}) {
    const std::string hold = hold_seats(sale.event, {seat}, buyer);
    auto paid = order(order_body(hold, seat_items({seat}, sale.type)), buyer, seat);
    ASSERT_EQ(paid.status, 201) << paid.body;
    revenue += paid.json().at("total").as_int64();
  }
  // A declined card sells nothing.
  const std::string unpaid = hold_seats(sale.event, {"stalls/B/3"}, buyer);
  EXPECT_EQ(order(order_body(unpaid, seat_items({"stalls/B/3"}, sale.type), "4000000000000002"),
                  buyer, "declined")
                .status,
            402);

  auto r = client().get(sales + "?bucket_seconds=86400", manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json(), "currency"), "EUR");
  EXPECT_EQ(r.json().at("orders").as_int64(), 2);
  EXPECT_EQ(r.json().at("tickets").as_int64(), 2);
  EXPECT_EQ(r.json().at("revenue").as_int64(), revenue);
  std::int64_t in_buckets = 0;
  for (const auto& b : r.json().at("buckets").as_array()) {
    in_buckets += b.at("revenue").as_int64();
    EXPECT_EQ(str(b, "start").substr(10), "T00:00:00Z") << "a day's bucket starts at midnight UTC";
  }
  EXPECT_EQ(in_buckets, revenue);

  auto bad = client().get(sales + "?bucket_seconds=5", manager_token());
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("bucket_seconds"));
  EXPECT_EQ(client().get(sales + "?bucket_seconds=x", manager_token()).status, 422);
  EXPECT_EQ(client().get(sales, buyer).status, 403);
  EXPECT_EQ(client().get(event_path("evt_missing") + "/sales", manager_token()).status, 404);
}

}  // namespace
}  // namespace boxoffice::testing
