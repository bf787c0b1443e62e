#pragma once
// Events on sale, holds and orders through HTTP, for the tests of orders and of what follows them.
#include "integration/event_helpers.hpp"

namespace boxoffice::testing {

class SaleFixture : public EventFixture {
 protected:
  struct Sale {
    std::string event;
    std::string type;  // Standard: 4500, fee 10 % -> 450
  };
  static Sale on_sale(const std::string& name, json::object overrides = {},
                      json::object type_extra = {}) {
    overrides["sales_open_at"] = at(-1);
    const std::string event =
        create_event(make_place(name), name, overrides).at("id").as_string().c_str();
    json::object type{{"name", "Standard"},
                      {"price", 4500},
                      {"fees", json::array{json::object{
                                   {"name", "Service"}, {"kind", "percent"}, {"amount", 1000}}}}};
    for (auto& [k, v] : type_extra) type[k] = v;
    auto tt = add_ticket_type(event, type);
    EXPECT_EQ(tt.status, 201) << tt.body;
    EXPECT_EQ(act(event, "publish").status, 200);
    return {event, str(tt.json(), "id")};
  }
  static std::string hold_seats(const std::string& event, json::array seats,
                                const std::string& token) {
    auto r =
        client().post("/api/v1/holds", {{"event_id", event}, {"seats", std::move(seats)}}, token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? str(r.json(), "id") : "";
  }
  static json::object order_body(const std::string& hold, json::array items,
                                 const char* card = "4242424242424242") {
    return {{"hold_id", hold},
            {"buyer", {{"name", "Ada Buyer"}, {"email", "ada@example.com"}}},
            {"items", std::move(items)},
            {"payment", {{"method", "test_card"}, {"card_number", card}}}};
  }
  static HttpResult order(const json::object& body, const std::string& token,
                          const std::string& key) {
    std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token}};
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    return client().request("POST", "/api/v1/orders", json::serialize(body), headers);
  }
  // A paid order of `seats` (seat ids) or of `standing` places of the floor; its JSON.
  static json::value buy(const Sale& sale, const std::string& token,
                         const std::vector<std::string>& seats, std::int64_t standing = 0) {
    static int n = 0;
    json::object hold_body{{"event_id", sale.event}};
    json::array items = seat_items(seats, sale.type);
    if (standing > 0) {
      hold_body["section"] = "floor";
      hold_body["quantity"] = standing;
      items.push_back({{"section", "floor"}, {"ticket_type_id", sale.type}});
    } else {
      hold_body["seats"] = json::array(seats.begin(), seats.end());
    }
    auto hold = client().post("/api/v1/holds", hold_body, token);
    EXPECT_EQ(hold.status, 201) << hold.body;
    if (hold.status != 201) return {};
    auto r = order(order_body(str(hold.json(), "id"), std::move(items)), token,
                   "buy-" + std::to_string(++n));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json() : json::value{};
  }
  static json::array seat_items(const std::vector<std::string>& seats, const std::string& type) {
    json::array items;
    for (const auto& s : seats) items.push_back({{"seat", s}, {"ticket_type_id", type}});
    return items;
  }
};

}  // namespace boxoffice::testing
