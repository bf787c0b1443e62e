// Capacity through HTTP (docs/events-api.md): counts per section, seats one by one, blocks of seats
// and standing places (all or nothing), caps per section, and layout versions against events.
// Holds and orders come later, so nothing here is held or sold.
#include "integration/event_helpers.hpp"

namespace boxoffice::testing {
namespace {

class CapacityTest : public EventFixture {
 protected:
  static HttpResult capacity(const std::string& event) {
    return client().get(event_path(event) + "/capacity", manager_token());
  }
  static HttpResult seats(const std::string& event, const std::string& section,
                          const std::string& token = "") {
    return client().get(event_path(event) + "/sections/" + section + "/seats",
                        token.empty() ? manager_token() : token);
  }
  static HttpResult block(const std::string& event, const json::object& body) {
    return client().post(event_path(event) + "/blocks", body, manager_token());
  }
  // The section of a capacity or availability answer with this key, or null.
  static const json::value* section(const HttpResult& r, const std::string& key) {
    if (!r.json().is_object() || !r.json().as_object().contains("sections")) return nullptr;
    for (const auto& s : r.json().at("sections").as_array())
      if (s.at("key").as_string() == key) return &s;
    return nullptr;
  }
  static std::int64_t count(const HttpResult& r, const std::string& key, const char* what) {
    const json::value* s = section(r, key);
    EXPECT_NE(s, nullptr) << key << " missing in " << r.body;
    return s ? s->at(what).as_int64() : -1;
  }
  // Seat id -> state.
  static std::map<std::string, std::string> states(const HttpResult& r) {
    std::map<std::string, std::string> out;
    for (const auto& s : r.json().at("seats").as_array()) out[str(s, "id")] = str(s, "state");
    return out;
  }
  static std::string new_event(const std::string& name, const json::object& overrides = {}) {
    const Place place = make_place(name + " Hall");
    auto ev = create_event(place, name, overrides);
    return ev.contains("id") ? str(ev, "id") : "";
  }
};

TEST_F(CapacityTest, AFreshEventHasEveryPlaceAvailable) {
  const std::string id = new_event("Fresh");
  ASSERT_FALSE(id.empty());
  auto r = capacity(id);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& sections = r.json().at("sections").as_array();
  ASSERT_EQ(sections.size(), 3u) << r.body;
  struct Expected {
    const char* key;
    const char* name;
    const char* kind;
    std::int64_t places;
  };
  const Expected expected[] = {{"stalls", "Stalls", "seated", 24},
                               {"balcony", "Balcony", "seated", 6},
                               {"floor", "Floor", "standing", 100}};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& s = sections[i];
    EXPECT_EQ(str(s, "key"), expected[i].key) << "in the layout's order: " << r.body;
    EXPECT_EQ(str(s, "name"), expected[i].name) << r.body;
    EXPECT_EQ(str(s, "kind"), expected[i].kind);
    EXPECT_EQ(s.at("places").as_int64(), expected[i].places);
    EXPECT_EQ(s.at("available").as_int64(), expected[i].places);
    EXPECT_EQ(s.at("blocked").as_int64(), 0);
    EXPECT_EQ(s.at("held").as_int64(), 0);
    EXPECT_EQ(s.at("sold").as_int64(), 0);
    EXPECT_FALSE(s.as_object().contains("cap")) << "no cap set: " << r.body;
  }
  const auto& totals = r.json().at("totals");
  EXPECT_EQ(totals.at("places").as_int64(), kDefaultPlaces);
  EXPECT_EQ(totals.at("available").as_int64(), kDefaultPlaces);
  EXPECT_EQ(totals.at("blocked").as_int64(), 0);
  EXPECT_EQ(totals.at("held").as_int64(), 0);
  EXPECT_EQ(totals.at("sold").as_int64(), 0);

  auto stalls = seats(id, "stalls");
  ASSERT_EQ(stalls.status, 200) << stalls.body;
  const auto& list = stalls.json().at("seats").as_array();
  ASSERT_EQ(list.size(), 24u);
  EXPECT_EQ(str(list[0], "id"), "stalls/A/1");
  EXPECT_EQ(str(list[0], "row"), "A");
  EXPECT_EQ(str(list[0], "seat"), "1");
  for (const auto& [seat, state] : states(stalls)) EXPECT_EQ(state, "available") << seat;
  EXPECT_TRUE(states(stalls).contains("stalls/C/4"));
  EXPECT_FALSE(states(stalls).contains("stalls/C/5"));

  EXPECT_EQ(seats(id, "floor").status, 404) << "a standing area has no seats";
  EXPECT_EQ(seats(id, "nowhere").status, 404);
  EXPECT_EQ(seats("evt_nope", "stalls").status, 404);
  EXPECT_EQ(capacity("evt_nope").status, 404);
}

TEST_F(CapacityTest, SeatsArePublicOnceTheEventIs) {
  const Place place = make_place("Public Seats Hall");
  const std::string id = published_event(place, "Public Seats");
  ASSERT_FALSE(id.empty());
  auto anonymous = client().get(event_path(id) + "/sections/balcony/seats");
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  EXPECT_EQ(anonymous.json().at("seats").as_array().size(), 6u);

  auto draft = create_event(place, "Private Seats");
  ASSERT_TRUE(draft.contains("id"));
  EXPECT_EQ(client().get(event_path(str(draft, "id")) + "/sections/balcony/seats").status, 404)
      << "a draft is not shown to anyone but managers";
}

TEST_F(CapacityTest, BlockingSeatsIsAllOrNothing) {
  const std::string id = new_event("Blocked Seats");
  ASSERT_FALSE(id.empty());
  const std::string manager = account_id(manager_token());

  auto first = block(id, {{"section", "stalls"},
                          {"seats", json::array{"stalls/A/1", "stalls/A/2"}},
                          {"reason", "camera"}});
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string block_id = str(first.json(), "id");
  EXPECT_FALSE(block_id.empty());
  EXPECT_EQ(str(first.json(), "section"), "stalls");
  EXPECT_EQ(first.json().at("seats"), json::value(json::array{"stalls/A/1", "stalls/A/2"}));
  EXPECT_EQ(str(first.json(), "reason"), "camera");
  EXPECT_TRUE(first.json().as_object().contains("created_at"));
  EXPECT_EQ(str(first.json(), "created_by"), manager);

  auto after = seats(id, "stalls");
  ASSERT_EQ(after.status, 200);
  auto st = states(after);
  EXPECT_EQ(st["stalls/A/1"], "blocked");
  EXPECT_EQ(st["stalls/A/2"], "blocked");
  EXPECT_EQ(st["stalls/A/3"], "available");
  auto counts = capacity(id);
  EXPECT_EQ(count(counts, "stalls", "blocked"), 2) << counts.body;
  EXPECT_EQ(count(counts, "stalls", "available"), 22) << counts.body;
  EXPECT_EQ(counts.json().at("totals").at("blocked").as_int64(), 2);
  EXPECT_EQ(counts.json().at("totals").at("available").as_int64(), kDefaultPlaces - 2);
  auto availability = client().get(event_path(id) + "/availability", manager_token());
  EXPECT_EQ(count(availability, "stalls", "available"), 22) << availability.body;

  // One seat taken: nothing is blocked, and the answer names that seat only.
  auto overlap =
      block(id, {{"section", "stalls"}, {"seats", json::array{"stalls/A/3", "stalls/A/2"}}});
  ASSERT_EQ(overlap.status, 409) << overlap.body;
  EXPECT_EQ(error_code(overlap), "places_unavailable");
  EXPECT_TRUE(names_field(overlap, "stalls/A/2")) << overlap.body;
  EXPECT_FALSE(names_field(overlap, "stalls/A/3")) << overlap.body;
  EXPECT_EQ(states(seats(id, "stalls"))["stalls/A/3"], "available");
  EXPECT_EQ(count(capacity(id), "stalls", "blocked"), 2);

  auto unknown_seat = block(id, {{"section", "stalls"}, {"seats", json::array{"stalls/Z/99"}}});
  EXPECT_EQ(unknown_seat.status, 422) << unknown_seat.body;
  auto foreign_seat = block(id, {{"section", "stalls"}, {"seats", json::array{"balcony/A/1"}}});
  EXPECT_EQ(foreign_seat.status, 422) << "a seat of another section: " << foreign_seat.body;
  auto unknown_section = block(id, {{"section", "nowhere"}, {"seats", json::array{"nowhere/A/1"}}});
  EXPECT_EQ(unknown_section.status, 422) << unknown_section.body;
  EXPECT_EQ(states(seats(id, "balcony"))["balcony/A/1"], "available");
  EXPECT_EQ(count(capacity(id), "stalls", "blocked"), 2);

  auto listed = client().get(event_path(id) + "/blocks", manager_token());
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(ids_of(listed.json().at("blocks")), (std::set<std::string>{block_id}));

  auto unblocked = client().del(event_path(id) + "/blocks/" + block_id, manager_token());
  EXPECT_EQ(unblocked.status, 204) << unblocked.body;
  for (const auto& [seat, state] : states(seats(id, "stalls")))
    EXPECT_EQ(state, "available") << seat;
  auto freed = capacity(id);
  EXPECT_EQ(count(freed, "stalls", "blocked"), 0);
  EXPECT_EQ(count(freed, "stalls", "available"), 24);
  EXPECT_TRUE(client()
                  .get(event_path(id) + "/blocks", manager_token())
                  .json()
                  .at("blocks")
                  .as_array()
                  .empty());
  EXPECT_EQ(client().del(event_path(id) + "/blocks/" + block_id, manager_token()).status, 404);

  // The seats freed can be blocked again.
  EXPECT_EQ(
      block(id, {{"section", "stalls"}, {"seats", json::array{"stalls/A/2", "stalls/A/3"}}}).status,
      201);
}

TEST_F(CapacityTest, BlockingStandingPlacesByQuantity) {
  const std::string id = new_event("Blocked Floor");
  ASSERT_FALSE(id.empty());
  auto first = block(id, {{"section", "floor"}, {"quantity", 30}, {"reason", "sound desk"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("quantity").as_int64(), 30);
  EXPECT_FALSE(first.json().as_object().contains("seats")) << first.body;
  auto counts = capacity(id);
  EXPECT_EQ(count(counts, "floor", "blocked"), 30);
  EXPECT_EQ(count(counts, "floor", "available"), 70);

  auto too_many = block(id, {{"section", "floor"}, {"quantity", 71}});
  EXPECT_EQ(too_many.status, 409) << too_many.body;
  EXPECT_EQ(count(capacity(id), "floor", "blocked"), 30) << "nothing blocked";

  auto rest = block(id, {{"section", "floor"}, {"quantity", 70}});
  ASSERT_EQ(rest.status, 201) << rest.body;
  EXPECT_EQ(count(capacity(id), "floor", "available"), 0);
  EXPECT_EQ(block(id, {{"section", "floor"}, {"quantity", 1}}).status, 409);

  ASSERT_EQ(
      client().del(event_path(id) + "/blocks/" + str(first.json(), "id"), manager_token()).status,
      204);
  auto freed = capacity(id);
  EXPECT_EQ(count(freed, "floor", "blocked"), 70);
  EXPECT_EQ(count(freed, "floor", "available"), 30);

  for (const json::object& bad :
       std::vector<json::object>{{{"section", "floor"}, {"quantity", 0}},
                                 {{"section", "floor"}, {"quantity", -5}},
                                 {{"section", "nowhere"}, {"quantity", 1}}}) {
    auto r = block(id, bad);
    EXPECT_EQ(r.status, 422) << json::serialize(bad) << ": " << r.body;
  }
  EXPECT_EQ(count(capacity(id), "floor", "blocked"), 70);
}

TEST_F(CapacityTest, SectionCapsLimitWhatIsAvailable) {
  const std::string id = new_event("Capped");
  ASSERT_FALSE(id.empty());
  auto r =
      patch(event_path(id), {{"section_caps", {{"stalls", 10}, {"floor", 40}}}}, manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("section_caps").at("stalls").as_int64(), 10);
  EXPECT_EQ(r.json().at("section_caps").at("floor").as_int64(), 40);

  auto counts = capacity(id);
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(count(counts, "stalls", "places"), 24);
  EXPECT_EQ(count(counts, "stalls", "cap"), 10);
  EXPECT_EQ(count(counts, "stalls", "available"), 10);
  EXPECT_EQ(count(counts, "floor", "places"), 100);
  EXPECT_EQ(count(counts, "floor", "cap"), 40);
  EXPECT_EQ(count(counts, "floor", "available"), 40);
  EXPECT_EQ(count(counts, "balcony", "available"), 6);
  ASSERT_NE(section(counts, "balcony"), nullptr);
  EXPECT_FALSE(section(counts, "balcony")->as_object().contains("cap")) << counts.body;
  EXPECT_EQ(counts.json().at("totals").at("available").as_int64(), 10 + 6 + 40);
  auto availability = client().get(event_path(id) + "/availability", manager_token());
  ASSERT_EQ(availability.status, 200) << availability.body;
  EXPECT_EQ(count(availability, "floor", "available"), 40) << availability.body;
  EXPECT_EQ(count(availability, "stalls", "available"), 10) << availability.body;

  // A cap of 0 closes a section.
  ASSERT_EQ(
      patch(event_path(id), {{"section_caps", {{"stalls", 10}, {"floor", 40}, {"balcony", 0}}}},
            manager_token())
          .status,
      200);
  EXPECT_EQ(count(capacity(id), "balcony", "available"), 0);

  auto above =
      patch(event_path(id), {{"section_caps", {{"balcony", 7}, {"floor", 101}}}}, manager_token());
  ASSERT_EQ(above.status, 422) << above.body;
  EXPECT_TRUE(names_field(above, "section_caps.balcony")) << above.body;
  EXPECT_TRUE(names_field(above, "section_caps.floor")) << above.body;
  auto negative =
      patch(event_path(id), {{"section_caps", {{"stalls", -1}, {"nowhere", 3}}}}, manager_token());
  ASSERT_EQ(negative.status, 422) << negative.body;
  EXPECT_TRUE(names_field(negative, "section_caps.stalls")) << negative.body;
  EXPECT_TRUE(names_field(negative, "section_caps.nowhere")) << negative.body;
  auto kept = capacity(id);
  EXPECT_EQ(count(kept, "balcony", "available"), 0) << "refused caps change nothing";
  EXPECT_EQ(count(kept, "floor", "available"), 40) << kept.body;
}

TEST_F(CapacityTest, AvailableIsTheSmallerOfUnblockedPlacesAndTheCap) {
  const std::string id = new_event("Blocked Then Capped");
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(block(id, {{"section", "floor"}, {"quantity", 65}}).status, 201);
  json::array sixteen;
  for (const char* row : {"A", "B"})
    for (int n = 1; n <= 8; ++n)
      sixteen.emplace_back("stalls/" + std::string(row) + "/" + std::to_string(n));
  ASSERT_EQ(block(id, {{"section", "stalls"}, {"seats", sixteen}}).status, 201);

  // Caps above what blocks leave change nothing; caps below them limit.
  ASSERT_EQ(
      patch(event_path(id), {{"section_caps", {{"stalls", 10}, {"floor", 40}, {"balcony", 4}}}},
            manager_token())
          .status,
      200);
  auto counts = capacity(id);
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(count(counts, "floor", "blocked"), 65);
  EXPECT_EQ(count(counts, "floor", "available"), 35) << "min(100 - 65, 40): " << counts.body;
  EXPECT_EQ(count(counts, "stalls", "blocked"), 16);
  EXPECT_EQ(count(counts, "stalls", "available"), 8) << "min(24 - 16, 10): " << counts.body;
  EXPECT_EQ(count(counts, "balcony", "available"), 4) << "min(6 - 0, 4): " << counts.body;
  EXPECT_EQ(counts.json().at("totals").at("available").as_int64(), 35 + 8 + 4) << counts.body;
  EXPECT_EQ(counts.json().at("totals").at("blocked").as_int64(), 65 + 16) << counts.body;
  auto availability = client().get(event_path(id) + "/availability", manager_token());
  ASSERT_EQ(availability.status, 200) << availability.body;
  EXPECT_EQ(count(availability, "floor", "available"), 35) << availability.body;
  EXPECT_EQ(count(availability, "stalls", "available"), 8) << availability.body;

  auto listed = client().get(
      "/api/v1/events?venue_id=" + str(get_event(id, manager_token()).json(), "venue_id"),
      manager_token());
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto& listed_counts = listed.json().at("events").at(0).at("counts");
  EXPECT_EQ(listed_counts.at("blocked").as_int64(), 65 + 16) << listed.body;
  EXPECT_EQ(listed_counts.at("available").as_int64(), 35 + 8 + 4) << listed.body;
}

// A block takes physical places, so a cap does not limit it; only unclaimed places do.
TEST_F(CapacityTest, BlocksAreLimitedByUnclaimedPlacesNotByTheCap) {
  const std::string id = new_event("Capped Then Blocked");
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(patch(event_path(id), {{"section_caps", {{"floor", 40}}}}, manager_token()).status,
            200);
  auto big = block(id, {{"section", "floor"}, {"quantity", 65}});
  ASSERT_EQ(big.status, 201) << big.body;
  auto more = block(id, {{"section", "floor"}, {"quantity", 36}});
  ASSERT_EQ(more.status, 409) << more.body;
  EXPECT_EQ(str(more.json().at("error"), "code"), "places_unavailable");
  EXPECT_EQ(block(id, {{"section", "floor"}, {"quantity", 35}}).status, 201);
  EXPECT_EQ(count(capacity(id), "floor", "available"), 0);
}

TEST_F(CapacityTest, ANewLayoutVersionWithNothingSoldConflictsWithNothing) {
  const Place place = make_place("Rebuilt Hall");
  auto before = create_event(place, "Before Rebuild", {}, 10);
  auto after = create_event(place, "After Rebuild", {}, 40);
  ASSERT_TRUE(before.contains("id"));
  ASSERT_TRUE(after.contains("id"));
  const std::string id = str(after, "id");

  // Version 2 from day 20: row C and the balcony are gone, the floor shrinks.
  auto v2 = add_version(place, 20,
                        parse(R"([
      {"key": "stalls", "name": "Stalls", "kind": "seated",
       "rows": [{"label": "A", "from": 1, "to": 10}, {"label": "B", "from": 1, "to": 10}]},
      {"key": "floor", "name": "Floor", "kind": "standing", "capacity": 50}])")
                            .as_array());
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(v2.json().at("version").as_int64(), 2);
  ASSERT_TRUE(v2.json().at("conflicts").is_array()) << v2.body;
  EXPECT_TRUE(v2.json().at("conflicts").as_array().empty()) << v2.body;

  // Events stay on their pinned version until moved.
  EXPECT_EQ(get_event(id, manager_token()).json().at("layout_version").as_int64(), 1);
  EXPECT_EQ(seats(id, "stalls").json().at("seats").as_array().size(), 24u);

  auto moved = act(id, "move-layout");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("layout_version").as_int64(), 2);
  EXPECT_EQ(get_event(id, manager_token()).json().at("layout_version").as_int64(), 2);
  auto stalls = seats(id, "stalls");
  ASSERT_EQ(stalls.status, 200) << stalls.body;
  EXPECT_EQ(stalls.json().at("seats").as_array().size(), 20u);
  EXPECT_FALSE(states(stalls).contains("stalls/C/1")) << "removed seats are gone";
  EXPECT_EQ(seats(id, "balcony").status, 404) << "the balcony is gone";
  auto counts = capacity(id);
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(counts.json().at("sections").as_array().size(), 2u) << counts.body;
  EXPECT_EQ(count(counts, "floor", "places"), 50);
  EXPECT_EQ(counts.json().at("totals").at("places").as_int64(), 70);
  EXPECT_EQ(counts.json().at("totals").at("available").as_int64(), 70);

  auto audit = client().get(event_path(id) + "/audit", manager_token());
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(str(audit.json().at("entries").as_array().back(), "action"), "move-layout")
      << audit.body;

  // Back to version 1 on request.
  auto back = act(id, "move-layout", {{"version", 1}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("layout_version").as_int64(), 1);
  EXPECT_EQ(seats(id, "stalls").json().at("seats").as_array().size(), 24u);
  EXPECT_EQ(seats(id, "balcony").status, 200);

  // An event before the new version's date keeps version 1 when moved to the one in force.
  auto early = act(str(before, "id"), "move-layout");
  ASSERT_EQ(early.status, 200) << early.body;
  EXPECT_EQ(early.json().at("layout_version").as_int64(), 1);
  EXPECT_EQ(seats(str(before, "id"), "balcony").status, 200);
}

TEST_F(CapacityTest, MovingTheStartRepinsTheLayoutVersion) {
  const Place place = make_place("Repin Hall");
  auto v2 = add_version(place, 20,
                        parse(R"([
      {"key": "floor", "name": "Floor", "kind": "standing", "capacity": 300}])")
                            .as_array());
  ASSERT_EQ(v2.status, 201) << v2.body;
  auto ev = create_event(place, "Moving Date", {}, 10);
  ASSERT_TRUE(ev.contains("id"));
  ASSERT_EQ(ev.at("layout_version").as_int64(), 1);
  auto moved = patch(event_path(str(ev, "id")), {{"starts_at", at(25)}}, manager_token());
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("layout_version").as_int64(), 2);
  auto counts = capacity(str(ev, "id"));
  ASSERT_EQ(counts.status, 200);
  EXPECT_EQ(counts.json().at("totals").at("places").as_int64(), 300) << counts.body;
  EXPECT_EQ(seats(str(ev, "id"), "stalls").status, 404);
}

}  // namespace
}  // namespace boxoffice::testing
