#pragma once
// A fixture for tests that buy: an event on sale with a ticket type, holds and orders over HTTP.
#include "integration/event_helpers.hpp"

namespace boxoffice::testing {

class OrderFixture : public EventFixture {
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
  static json::array seat_items(const std::vector<std::string>& seats, const std::string& type) {
    json::array items;
    for (const auto& s : seats) items.push_back({{"seat", s}, {"ticket_type_id", type}});
    return items;
  }
};

}  // namespace boxoffice::testing
