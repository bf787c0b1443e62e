// Check-in at the door through HTTP: the first scan admits, every later one is refused with the
// time of the first; void tickets, tickets of other events and made-up codes are refused with
// their reason; managers and door accounts scan, nobody else, and a door account does nothing more.
#include "integration/sale_fixture.hpp"

namespace boxoffice::testing {
namespace {

class CheckInTest : public SaleFixture {
 protected:
  // The tickets of a paid order of `seats`, each {"id","seat","code",...}.
  static json::array bought(const Sale& sale, const std::vector<std::string>& seats) {
    json::array wanted;
    for (const auto& s : seats) wanted.push_back(json::value(s));
    const std::string hold = hold_seats(sale.event, wanted, buyer_token());
    static int n = 0;
    auto r = order(order_body(hold, seat_items(seats, sale.type)), buyer_token(),
                   "check-in-" + std::to_string(++n));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("tickets").as_array() : json::array{};
  }
  static HttpResult scan(const std::string& event, const std::string& code,
                         const std::string& token = manager_token()) {
    return client().post(event_path(event) + "/check-ins", {{"code", code}}, token);
  }
  static std::string door_token() {
    auto& token = tokens_["door"];
    if (token.empty()) token = new_account("door");
    return token;
  }
};

TEST_F(CheckInTest, TheFirstScanAdmitsASecondIsRefusedWithTheTimeOfTheFirst) {
  const Sale sale = on_sale("Door Show");
  const auto tickets = bought(sale, {"stalls/A/1", "stalls/A/2"});
  ASSERT_EQ(tickets.size(), 2u);
  const std::string code = str(tickets[0], "code");

  auto first = scan(sale.event, code);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(str(first.json(), "ticket_id"), str(tickets[0], "id"));
  EXPECT_EQ(str(first.json(), "seat"), "stalls/A/1");
  EXPECT_EQ(str(first.json(), "section"), "stalls");
  const std::string admitted_at = str(first.json(), "checked_in_at");
  EXPECT_LE(std::abs(epoch_seconds(admitted_at) - std::chrono::duration_cast<std::chrono::seconds>(
                                                      Clock::now().time_since_epoch())
                                                      .count()),
            60);
  EXPECT_EQ(first.json().at("counts").at("checked_in").as_int64(), 1);
  EXPECT_EQ(first.json().at("counts").at("valid").as_int64(), 2);

  auto again = scan(sale.event, code);
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_code(again), "already_checked_in");
  EXPECT_EQ(field_message(again, "checked_in_at"), admitted_at);

  // A scanner's Enter or a paste's newline around the code changes nothing.
  auto pasted = scan(sale.event, "  " + str(tickets[1], "code") + "\r\n");
  ASSERT_EQ(pasted.status, 201) << pasted.body;
  EXPECT_EQ(str(pasted.json(), "seat"), "stalls/A/2");

  auto counts = client().get(event_path(sale.event) + "/check-ins", manager_token());
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(counts.json().at("checked_in").as_int64(), 2);
  EXPECT_EQ(counts.json().at("valid").as_int64(), 2);

  // The buyer's order shows when each ticket came in.
  auto orders = client().get("/api/v1/orders?event_id=" + sale.event, buyer_token());
  ASSERT_EQ(orders.status, 200) << orders.body;
  bool seen = false;
  for (const auto& o : orders.json().at("orders").as_array())
    for (const auto& t : o.at("tickets").as_array())
      if (str(t, "id") == str(tickets[0], "id")) {
        seen = true;
        EXPECT_EQ(str(t, "checked_in_at"), admitted_at);
      }
  EXPECT_TRUE(seen);
}

TEST_F(CheckInTest, OtherEventsTicketsAndMadeUpCodesAreRefused) {
  const Sale here = on_sale("Here Show");
  const Sale there = on_sale("There Show");
  const auto theirs = bought(there, {"balcony/A/1"});
  const auto ours = bought(here, {"balcony/A/1"});
  ASSERT_EQ(theirs.size(), 1u);
  ASSERT_EQ(ours.size(), 1u);

  auto wrong = scan(here.event, str(theirs[0], "code"));
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(error_code(wrong), "wrong_event");

  std::string forged = str(ours[0], "code");
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  const std::string ticket_id = str(ours[0], "id");
  for (const std::string& bad :
       {std::string("garbage"), std::string(" \n"), forged, ticket_id, ticket_id + ".",
        std::string("tkt_unknown.") + std::string(86, 'A'), std::string(4000, 'x') + ".y"}) {
    auto r = scan(here.event, bad);
    EXPECT_EQ(r.status, 422) << bad << ": " << r.body;
    EXPECT_EQ(error_code(r), "invalid_code") << bad;
  }
  // Nothing was admitted on the way.
  EXPECT_EQ(scan(here.event, str(ours[0], "code")).status, 201);

  auto no_code =
      client().post(event_path(here.event) + "/check-ins", json::object{}, manager_token());
  EXPECT_EQ(no_code.status, 422) << no_code.body;
  EXPECT_EQ(error_code(no_code), "validation_failed");
  EXPECT_TRUE(names_field(no_code, "code"));
  EXPECT_EQ(error_code(scan(here.event, "")), "validation_failed");  // nothing typed: as missing
  EXPECT_EQ(scan("evt_missing", str(ours[0], "code")).status, 404);
}

TEST_F(CheckInTest, VoidTicketsAndTicketsOfACancelledEventAreRefusedWithTheirReason) {
  const Sale sale = on_sale("Void Show");
  const auto tickets = bought(sale, {"stalls/B/1", "stalls/B/2"});
  ASSERT_EQ(tickets.size(), 2u);
  // Refunds and transfers void tickets elsewhere; here the column is written directly.
  shared_->db.execute("UPDATE tickets SET void_reason = 'refunded' WHERE id = '" +
                      str(tickets[0], "id") + "'");
  auto refunded = scan(sale.event, str(tickets[0], "code"));
  EXPECT_EQ(refunded.status, 409) << refunded.body;
  EXPECT_EQ(error_code(refunded), "ticket_void");
  EXPECT_EQ(field_message(refunded, "void_reason"), "refunded");

  ASSERT_EQ(act(sale.event, "cancel", {{"resolution", "refund"}}).status, 200);
  auto cancelled = scan(sale.event, str(tickets[1], "code"));
  EXPECT_EQ(cancelled.status, 409) << cancelled.body;
  EXPECT_EQ(error_code(cancelled), "ticket_void");
  EXPECT_EQ(field_message(cancelled, "void_reason"), "cancelled");
}

TEST_F(CheckInTest, ManagersAndDoorAccountsScanNobodyElse) {
  const Sale sale = on_sale("Roles Show");
  const auto tickets = bought(sale, {"stalls/C/1", "stalls/C/2"});
  ASSERT_EQ(tickets.size(), 2u);
  auto buyer = scan(sale.event, str(tickets[0], "code"), buyer_token());
  EXPECT_EQ(buyer.status, 403) << buyer.body;
  EXPECT_EQ(client().get(event_path(sale.event) + "/check-ins", buyer_token()).status, 403);
  EXPECT_EQ(client()
                .post(event_path(sale.event) + "/check-ins", {{"code", str(tickets[0], "code")}})
                .status,
            401);

  auto door = scan(sale.event, str(tickets[0], "code"), door_token());
  EXPECT_EQ(door.status, 201) << door.body;
  EXPECT_EQ(client().get(event_path(sale.event) + "/check-ins", door_token()).status, 200);
  EXPECT_EQ(scan(sale.event, str(tickets[1], "code"), admin_token()).status, 201);
}

TEST_F(CheckInTest, ADoorAccountReadsEventsButManagesNothing) {
  const Sale sale = on_sale("Door Limits Show", {{"visibility", "hidden"}});
  const std::string door = door_token();
  // It picks the event from the list, hidden ones included, without the sales figures.
  auto list = client().get("/api/v1/events?limit=100", door);
  ASSERT_EQ(list.status, 200) << list.body;
  bool listed = false;
  for (const auto& e : list.json().at("events").as_array())
    if (str(e, "id") == sale.event) {
      listed = true;
      EXPECT_FALSE(e.as_object().contains("counts"));
    }
  EXPECT_TRUE(listed);
  EXPECT_EQ(client().get(event_path(sale.event), door).status, 200);

  EXPECT_EQ(patch(event_path(sale.event), {{"name", "Renamed"}}, door).status, 403);
  EXPECT_EQ(act(sale.event, "pause-sales", {}, door).status, 403);
  EXPECT_EQ(act(sale.event, "cancel", {{"resolution", "refund"}}, door).status, 403);
  EXPECT_EQ(client().get(event_path(sale.event) + "/sales", door).status, 403);
  EXPECT_EQ(client().get(event_path(sale.event) + "/audit", door).status, 403);
  EXPECT_EQ(client()
                .post("/api/v1/venues",
                      {{"name", "Door Hall"}, {"address", "1 Door St"}, {"timezone", "UTC"}}, door)
                .status,
            403);
  EXPECT_EQ(client().get("/api/v1/accounts", door).status, 403);
  EXPECT_EQ(str(client().get("/api/v1/accounts/me", door).json(), "role"), "door");
}

}  // namespace
}  // namespace boxoffice::testing
