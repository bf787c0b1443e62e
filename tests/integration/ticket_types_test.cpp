// Ticket types through HTTP (docs/events-api.md): sections, quotas, fees, price levels by row,
// validation, edits, deletion while a draft, and the prices buyers see in the availability.
#include "integration/event_helpers.hpp"

namespace boxoffice::testing {
namespace {

class TicketTypeTest : public EventFixture {
 protected:
  static std::string types_path(const std::string& event) {
    return event_path(event) + "/ticket-types";
  }
  // The availability's prices per section key.
  static std::map<std::string, std::vector<std::int64_t>> prices(const HttpResult& r) {
    std::map<std::string, std::vector<std::int64_t>> out;
    for (const auto& s : r.json().at("sections").as_array()) {
      auto& list = out[str(s, "key")];
      for (const auto& p : s.at("prices").as_array()) list.push_back(p.as_int64());
    }
    return out;
  }
  static const json::value* section(const HttpResult& r, const std::string& key) {
    for (const auto& s : r.json().at("sections").as_array())
      if (s.at("key").as_string() == key) return &s;
    return nullptr;
  }
};

using Prices = std::vector<std::int64_t>;

TEST_F(TicketTypeTest, TypesWithSectionsQuotasFeesAndLevelsPriceTheSections) {
  const Place place = make_place("Pricing Hall");
  auto ev = create_event(place, "Priced Show");
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");

  auto standard = add_ticket_type(id, parse(R"({
      "name": "Standard", "price": 5000,
      "fees": [{"name": "Service", "kind": "fixed", "amount": 250},
               {"name": "Booking", "kind": "percent", "amount": 500}],
      "price_levels": [{"sections": ["stalls"], "rows": ["A"], "price": 6500},
                       {"sections": ["stalls"], "price": 5500}]})")
                                          .as_object());
  ASSERT_EQ(standard.status, 201) << standard.body;
  const auto& s = standard.json();
  EXPECT_FALSE(str(s, "id").empty());
  EXPECT_EQ(str(s, "event_id"), id);
  EXPECT_EQ(str(s, "name"), "Standard");
  EXPECT_EQ(s.at("price").as_int64(), 5000);
  EXPECT_EQ(str(s, "currency"), "EUR") << standard.body;
  EXPECT_TRUE(s.at("sections").as_array().empty()) << "no sections: valid everywhere";
  EXPECT_FALSE(s.as_object().contains("quota")) << standard.body;
  ASSERT_EQ(s.at("fees").as_array().size(), 2u);
  EXPECT_EQ(str(s.at("fees").at(0), "name"), "Service");
  EXPECT_EQ(str(s.at("fees").at(0), "kind"), "fixed");
  EXPECT_EQ(s.at("fees").at(0).at("amount").as_int64(), 250);
  EXPECT_EQ(str(s.at("fees").at(1), "kind"), "percent");
  EXPECT_EQ(s.at("fees").at(1).at("amount").as_int64(), 500);
  ASSERT_EQ(s.at("price_levels").as_array().size(), 2u);
  EXPECT_EQ(s.at("price_levels").at(0).at("rows").at(0).as_string(), "A");
  EXPECT_EQ(s.at("price_levels").at(0).at("price").as_int64(), 6500);
  EXPECT_EQ(s.at("price_levels").at(1).at("price").as_int64(), 5500);

  auto vip = add_ticket_type(id, parse(R"({
      "name": "VIP", "price": 12000, "sections": ["stalls"], "quota": 20,
      "price_levels": [{"sections": ["stalls"], "rows": ["A", "B"], "price": 15000}]})")
                                     .as_object());
  ASSERT_EQ(vip.status, 201) << vip.body;
  EXPECT_EQ(vip.json().at("quota").as_int64(), 20);
  EXPECT_EQ(vip.json().at("sections"), json::value(json::array{"stalls"}));

  auto reduced = add_ticket_type(id, {{"name", "Reduced"},
                                      {"price", 3000},
                                      {"sections", json::array{"balcony", "floor"}},
                                      {"quota", 50}});
  ASSERT_EQ(reduced.status, 201) << reduced.body;
  // Same price as Standard on the floor: prices are listed once.
  auto student = add_ticket_type(
      id, {{"name", "Student"}, {"price", 5000}, {"sections", json::array{"floor"}}});
  ASSERT_EQ(student.status, 201) << student.body;

  auto list = client().get(types_path(id), manager_token());
  ASSERT_EQ(list.status, 200) << list.body;
  const auto& types = list.json().at("ticket_types").as_array();
  ASSERT_EQ(types.size(), 4u) << list.body;
  EXPECT_EQ(ids_of(list.json().at("ticket_types")),
            (std::set<std::string>{str(s, "id"), str(vip.json(), "id"), str(reduced.json(), "id"),
                                   str(student.json(), "id")}));
  for (const auto& t : types) EXPECT_EQ(str(t, "event_id"), id);

  auto availability = client().get(event_path(id) + "/availability", manager_token());
  ASSERT_EQ(availability.status, 200) << availability.body;
  EXPECT_EQ(str(availability.json(), "currency"), "EUR");
  auto by_section = prices(availability);
  // stalls: Standard row A 6500, rows B and C 5500; VIP rows A and B 15000, row C 12000.
  EXPECT_EQ(by_section["stalls"], (Prices{5500, 6500, 12000, 15000})) << availability.body;
  // balcony: Standard 5000 (no level there), Reduced 3000.
  EXPECT_EQ(by_section["balcony"], (Prices{3000, 5000})) << availability.body;
  // floor: Reduced 3000, Standard and Student both 5000.
  EXPECT_EQ(by_section["floor"], (Prices{3000, 5000})) << availability.body;

  const json::value* stalls = section(availability, "stalls");
  ASSERT_NE(stalls, nullptr) << availability.body;
  EXPECT_EQ(str(*stalls, "name"), "Stalls");
  EXPECT_EQ(str(*stalls, "kind"), "seated");
  EXPECT_EQ(stalls->at("capacity").as_int64(), 24);
  EXPECT_EQ(stalls->at("available").as_int64(), 24);
  EXPECT_EQ(stalls->at("held").as_int64(), 0);
  EXPECT_EQ(stalls->at("sold").as_int64(), 0);
  const json::value* floor = section(availability, "floor");
  ASSERT_NE(floor, nullptr) << availability.body;
  EXPECT_EQ(str(*floor, "kind"), "standing");
  EXPECT_EQ(floor->at("capacity").as_int64(), 100);

  // Once published, anyone reads the types and the availability.
  ASSERT_EQ(act(id, "publish").status, 200);
  auto anonymous = client().get(types_path(id));
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  EXPECT_EQ(anonymous.json().at("ticket_types").as_array().size(), 4u);
  auto public_availability = client().get(event_path(id) + "/availability");
  ASSERT_EQ(public_availability.status, 200) << public_availability.body;
  EXPECT_EQ(prices(public_availability)["stalls"], (Prices{5500, 6500, 12000, 15000}));
}

TEST_F(TicketTypeTest, AnEventWithoutTypesHasNoPrices) {
  const Place place = make_place("Unpriced Hall");
  auto ev = create_event(place, "Unpriced");
  ASSERT_TRUE(ev.contains("id"));
  auto list = client().get(types_path(str(ev, "id")), manager_token());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(list.json().at("ticket_types").as_array().empty());
  auto availability = client().get(event_path(str(ev, "id")) + "/availability", manager_token());
  ASSERT_EQ(availability.status, 200) << availability.body;
  for (const auto& [key, list_of_prices] : prices(availability))
    EXPECT_TRUE(list_of_prices.empty()) << key << ": " << availability.body;
}

TEST_F(TicketTypeTest, ValidationNamesEveryBadField) {
  const Place place = make_place("Strict Pricing Hall");
  auto ev = create_event(place, "Strict Prices");
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");

  auto r = add_ticket_type(id, parse(R"({
      "name": "", "price": -1, "sections": ["stalls", "nowhere"], "quota": 0,
      "fees": [{"name": "Percent", "kind": "percent", "amount": 10001},
               {"name": "Fixed", "kind": "fixed", "amount": -5}],
      "price_levels": [{"sections": ["stalls"], "rows": ["A", "Z"], "price": 100}],
      "colour": "gold"})")
                                   .as_object());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_code(r), "validation_failed");
  for (const char* field : {"name", "price", "sections[1]", "quota", "fees[0].amount",
                            "fees[1].amount", "price_levels[0].rows[1]", "colour"})
    EXPECT_TRUE(names_field(r, field)) << "missing " << field << " in " << r.body;
  EXPECT_FALSE(names_field(r, "sections[0]")) << r.body;
  EXPECT_FALSE(names_field(r, "price_levels[0].rows[0]")) << r.body;
  EXPECT_EQ(field_message(r, "colour"), "is not a known field");

  auto high = add_ticket_type(id, {{"name", std::string(101, 'n')}, {"price", 100000001}});
  ASSERT_EQ(high.status, 422) << high.body;
  EXPECT_TRUE(names_field(high, "price")) << high.body;

  auto typed = add_ticket_type(id, {{"name", 7}, {"price", "50"}});
  ASSERT_EQ(typed.status, 422) << typed.body;
  EXPECT_EQ(field_message(typed, "name"), "must be a string") << typed.body;
  EXPECT_TRUE(names_field(typed, "price")) << typed.body;

  auto missing = add_ticket_type(id, json::object{});
  ASSERT_EQ(missing.status, 422) << missing.body;
  EXPECT_TRUE(names_field(missing, "name")) << missing.body;
  EXPECT_TRUE(names_field(missing, "price")) << missing.body;

  auto bad_level = add_ticket_type(id, parse(R"({
      "name": "Levels", "price": 100,
      "price_levels": [{"sections": ["nowhere"], "price": 100},
                       {"sections": ["stalls"], "price": -3}]})")
                                           .as_object());
  ASSERT_EQ(bad_level.status, 422) << bad_level.body;
  EXPECT_TRUE(names_field(bad_level, "price_levels[0].sections[0]")) << bad_level.body;
  EXPECT_TRUE(names_field(bad_level, "price_levels[1].price")) << bad_level.body;

  // The edges are fine.
  auto edges = add_ticket_type(id, parse(R"({
      "name": "Edges", "price": 100000000, "quota": 1,
      "fees": [{"name": "All of it", "kind": "percent", "amount": 10000},
               {"name": "None", "kind": "fixed", "amount": 0}]})")
                                       .as_object());
  EXPECT_EQ(edges.status, 201) << edges.body;
  auto gratis = add_ticket_type(id, {{"name", "Guest list"}, {"price", 0}});
  EXPECT_EQ(gratis.status, 201) << gratis.body;

  auto list = client().get(types_path(id), manager_token());
  EXPECT_EQ(list.json().at("ticket_types").as_array().size(), 2u)
      << "refused types are not stored: " << list.body;
}

TEST_F(TicketTypeTest, PatchChangesOnlyTheGivenFields) {
  const Place place = make_place("Repricing Hall");
  auto ev = create_event(place, "Repriced");
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");
  auto created = add_ticket_type(id, {{"name", "Standard"},
                                      {"price", 4000},
                                      {"sections", json::array{"stalls", "balcony"}},
                                      {"quota", 30}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string type = str(created.json(), "id");
  const std::string path = types_path(id) + "/" + type;

  auto r = patch(path, {{"price", 4200}}, manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json(), "id"), type);
  EXPECT_EQ(r.json().at("price").as_int64(), 4200);
  EXPECT_EQ(str(r.json(), "name"), "Standard");
  EXPECT_EQ(r.json().at("sections"), created.json().at("sections"));
  EXPECT_EQ(r.json().at("quota").as_int64(), 30);

  auto renamed = patch(path, parse(R"({"name": "Early bird",
                                 "fees": [{"name": "Service", "kind": "fixed", "amount": 100}]})"),
                       manager_token());
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(str(renamed.json(), "name"), "Early bird");
  EXPECT_EQ(renamed.json().at("price").as_int64(), 4200);
  EXPECT_EQ(renamed.json().at("fees").as_array().size(), 1u);

  auto bad = patch(path, {{"quota", 0}, {"sections", json::array{"nowhere"}}}, manager_token());
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(names_field(bad, "quota")) << bad.body;
  EXPECT_TRUE(names_field(bad, "sections[0]")) << bad.body;

  auto list = client().get(types_path(id), manager_token());
  ASSERT_EQ(list.status, 200);
  const auto& stored = list.json().at("ticket_types").at(0);
  EXPECT_EQ(str(stored, "name"), "Early bird");
  EXPECT_EQ(stored.at("price").as_int64(), 4200);
  EXPECT_EQ(stored.at("quota").as_int64(), 30) << "a refused edit changes nothing";

  auto availability = client().get(event_path(id) + "/availability", manager_token());
  ASSERT_EQ(availability.status, 200);
  EXPECT_EQ(prices(availability)["stalls"], (Prices{4200}));
  EXPECT_TRUE(prices(availability)["floor"].empty()) << "the type is not valid on the floor";

  EXPECT_EQ(patch(types_path(id) + "/tt_nope", {{"price", 1}}, manager_token()).status, 404);
  EXPECT_EQ(patch(types_path("evt_nope") + "/" + type, {{"price", 1}}, manager_token()).status,
            404);
}

TEST_F(TicketTypeTest, TypesAreDeletedOnlyWhileTheEventIsADraft) {
  const Place place = make_place("Deleting Hall");
  auto ev = create_event(place, "Deletions");
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");
  auto first = add_ticket_type(id, {{"name", "First"}, {"price", 1000}});
  auto second = add_ticket_type(id, {{"name", "Second"}, {"price", 2000}});
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 201) << second.body;

  const std::string first_path = types_path(id) + "/" + str(first.json(), "id");
  auto gone = client().del(first_path, manager_token());
  EXPECT_EQ(gone.status, 204) << gone.body;
  EXPECT_EQ(client().del(first_path, manager_token()).status, 404);
  auto list = client().get(types_path(id), manager_token());
  ASSERT_EQ(list.json().at("ticket_types").as_array().size(), 1u) << list.body;
  EXPECT_EQ(str(list.json().at("ticket_types").at(0), "name"), "Second");

  ASSERT_EQ(act(id, "publish").status, 200);
  auto refused = client().del(types_path(id) + "/" + str(second.json(), "id"), manager_token());
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(error_code(refused), "event_not_draft");
  EXPECT_EQ(client().get(types_path(id)).json().at("ticket_types").as_array().size(), 1u);

  // New types may still be added to a published event.
  EXPECT_EQ(add_ticket_type(id, {{"name", "Late"}, {"price", 2500}}).status, 201);
}

TEST_F(TicketTypeTest, UnknownEventsAndCancelledEvents) {
  EXPECT_EQ(add_ticket_type("evt_nope", {{"name", "X"}, {"price", 1}}).status, 404);
  EXPECT_EQ(client().get(types_path("evt_nope"), manager_token()).status, 404);

  const Place place = make_place("Cancelled Pricing Hall");
  auto ev = create_event(place, "Called Off");
  ASSERT_TRUE(ev.contains("id"));
  ASSERT_EQ(act(str(ev, "id"), "cancel", {{"resolution", "refund"}}).status, 200);
  auto r = add_ticket_type(str(ev, "id"), {{"name", "Too Late"}, {"price", 100}});
  EXPECT_EQ(r.status, 409) << r.body;
}

TEST_F(TicketTypeTest, LevelsCheckRowsOfEverySectionTheyName) {
  const Place place = make_place("Rows Hall");
  auto ev = create_event(place, "Rows");
  ASSERT_TRUE(ev.contains("id"));
  // Row B exists in the stalls, not on the balcony (one row A).
  auto r = add_ticket_type(str(ev, "id"), parse(R"({
      "name": "Front", "price": 100,
      "price_levels": [{"sections": ["stalls", "balcony"], "rows": ["A", "B"], "price": 200}]})")
                                              .as_object());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(names_field(r, "price_levels[0].rows[1]")) << r.body;
  EXPECT_FALSE(names_field(r, "price_levels[0].rows[0]")) << r.body;
}

}  // namespace
}  // namespace boxoffice::testing
