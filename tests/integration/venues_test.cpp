// Venues and versioned layouts, through HTTP: the manager's set-up and every validation rule.
#include "integration/fixture.hpp"

namespace boxoffice::testing {
namespace {

using Venues = ServerTest;
namespace json = boost::json;

json::value parse(const char* text) {
  return json::parse(text);
}

class VenueTest : public ServerTest {
 protected:
  static std::string create_venue(const std::string& name = "Olympia") {
    auto r = client().post(
        "/api/v1/venues",
        {{"name", name}, {"address", "28 Bd des Capucines, Paris"}, {"timezone", "Europe/Paris"}},
        manager_token());
    EXPECT_EQ(r.status, 201) << r.body;
    return str(r.json(), "id");
  }
  static json::value concert_layout(const char* name = "Concert") {
    auto body = parse(R"({
      "effective_from": "2026-01-01T00:00:00Z",
      "sections": [
        {"key": "floor", "name": "Floor", "kind": "standing", "capacity": 800,
         "geometry": {"x": 100, "y": 200, "width": 300, "height": 150}},
        {"key": "balcony", "name": "Balcony", "kind": "seated",
         "rows": [{"label": "A", "from": 1, "to": 20},
                  {"label": "B", "seats": ["1", "2", "3", "3A"]}],
         "geometry": {"x": 0, "y": 0, "shape": "polygon", "points": [[0,0],[10,0],[5,8]]}}
      ]})");
    body.as_object()["name"] = name;
    return body;
  }
};

TEST_F(VenueTest, ManagerSetsUpAVenueWithAVersionedLayout) {
  auto c = client();
  const std::string venue = create_venue();
  auto got = c.get("/api/v1/venues/" + venue);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(str(got.json(), "timezone"), "Europe/Paris");

  auto created = c.post("/api/v1/venues/" + venue + "/layouts", concert_layout(), manager_token());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto& layout = created.json();
  const std::string layout_id = str(layout, "id");
  EXPECT_EQ(layout.at("version").as_int64(), 1);
  EXPECT_EQ(layout.at("capacity").as_int64(), 800 + 20 + 4);
  const auto& balcony = layout.at("versions").at(0).at("sections").at(1);
  EXPECT_EQ(balcony.at("rows").at(0).at("seats").as_array().size(), 20u);
  EXPECT_EQ(balcony.at("rows").at(0).at("seats").at(19).as_string(), "20");
  EXPECT_EQ(str(balcony.at("geometry"), "shape"), "polygon");

  auto v2 = c.post("/api/v1/venues/" + venue + "/layouts/" + layout_id + "/versions",
                   parse(R"({"effective_from": "2026-06-01T00:00:00+02:00",
                             "sections": [{"key": "floor", "kind": "standing", "capacity": 1200}]})"),
                   manager_token());
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(v2.json().at("version").as_int64(), 2);
  EXPECT_EQ(str(v2.json(), "effective_from"), "2026-05-31T22:00:00Z");
  EXPECT_TRUE(v2.json().at("conflicts").as_array().empty());

  auto all = c.get("/api/v1/venues/" + venue + "/layouts/" + layout_id);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json().at("versions").as_array().size(), 2u);
  EXPECT_EQ(all.json().at("version").as_int64(), 2);
  auto v1 = c.get("/api/v1/venues/" + venue + "/layouts/" + layout_id + "/versions/1");
  ASSERT_EQ(v1.status, 200);
  EXPECT_EQ(v1.json().at("capacity").as_int64(), 824);
  EXPECT_EQ(c.get("/api/v1/venues/" + venue + "/layouts/" + layout_id + "/versions/9").status, 404);

  auto list = c.get("/api/v1/venues/" + venue + "/layouts");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json().at("layouts").as_array().size(), 1u);
  EXPECT_EQ(list.json().at("layouts").at(0).at("capacity").as_int64(), 1200);

  auto venues = c.get("/api/v1/venues");
  ASSERT_EQ(venues.status, 200);
  EXPECT_FALSE(venues.json().at("venues").as_array().empty());
}

TEST_F(VenueTest, VenueValidationNamesEachField) {
  auto r = client().post("/api/v1/venues",
                         {{"name", 7}, {"timezone", "Mars/Olympus_Mons"}, {"colour", "red"}},
                         manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  const auto& fields = r.json().at("error").at("fields").as_object();
  EXPECT_EQ(fields.at("name").as_string(), "must be a string");
  EXPECT_TRUE(fields.contains("timezone"));
  EXPECT_EQ(fields.at("colour").as_string(), "is not a known field");
}

TEST_F(VenueTest, LayoutValidationNamesEveryBadFieldInOneAnswer) {
  const std::string venue = create_venue("Validation Hall");
  auto r = client().post("/api/v1/venues/" + venue + "/layouts", parse(R"({
      "name": "Broken",
      "effective_from": "2026-02-30T00:00:00Z",
      "sections": [
        {"key": "a", "kind": "seated", "rows": [{"label": "A", "seats": ["1", "2", "1"]}]},
        {"key": "a", "kind": "standing", "capacity": 0},
        {"key": "empty", "kind": "seated", "rows": []},
        {"key": "bad/key", "kind": "balcony"},
        {"key": "rows", "kind": "seated", "rows": [{"label": "A", "from": 5, "to": 1},
                                                    {"label": "A", "seats": []}]}
      ]})"),
                         manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  const auto& fields = r.json().at("error").at("fields").as_object();
  for (const char* name :
       {"effective_from", "sections[0].rows[0].seats[2]", "sections[1].key", "sections[1].capacity",
        "sections[2].rows", "sections[3].key", "sections[3].kind", "sections[4].rows[0].to",
        "sections[4].rows[1].label", "sections[4].rows[1].seats"}) {
    EXPECT_TRUE(fields.contains(name)) << "missing " << name << " in " << r.body;
  }
}

TEST_F(VenueTest, VersionsMoveForwardInTime) {
  const std::string venue = create_venue("Timeline Club");
  auto c = client();
  auto layout = c.post("/api/v1/venues/" + venue + "/layouts", concert_layout(), manager_token());
  ASSERT_EQ(layout.status, 201);
  auto early =
      c.post("/api/v1/venues/" + venue + "/layouts/" + str(layout.json(), "id") + "/versions",
             parse(R"({"effective_from": "2025-12-31T23:59:59Z",
                                "sections": [{"key": "f", "kind": "standing", "capacity": 5}]})"),
             manager_token());
  ASSERT_EQ(early.status, 422) << early.body;
  EXPECT_TRUE(early.json().at("error").at("fields").as_object().contains("effective_from"));
}

TEST_F(VenueTest, LayoutNamesAreUniquePerVenue) {
  const std::string venue = create_venue("Twin Hall");
  auto c = client();
  ASSERT_EQ(c.post("/api/v1/venues/" + venue + "/layouts", concert_layout("Same"), manager_token())
                .status,
            201);
  auto again =
      c.post("/api/v1/venues/" + venue + "/layouts", concert_layout("Same"), manager_token());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(str(again.json().at("error"), "code"), "layout_name_taken");
}

TEST_F(VenueTest, MissingVenuesAndLayoutsAre404) {
  auto c = client();
  EXPECT_EQ(c.get("/api/v1/venues/ven_nope").status, 404);
  EXPECT_EQ(c.get("/api/v1/venues/ven_nope/layouts").status, 404);
  EXPECT_EQ(c.post("/api/v1/venues/ven_nope/layouts", concert_layout(), manager_token()).status,
            404);
  const std::string venue = create_venue("Lonely Hall");
  EXPECT_EQ(c.get("/api/v1/venues/" + venue + "/layouts/lay_nope").status, 404);
  EXPECT_EQ(c.post("/api/v1/venues/" + venue + "/layouts/lay_nope/versions", concert_layout(),
                   manager_token())
                .status,
            404);
}

TEST_F(VenueTest, ManagerRoutesAnswer401ToStrangersAnd403ToBuyers) {
  const std::string venue = create_venue("Guarded Hall");
  auto c = client();
  auto layout = c.post("/api/v1/venues/" + venue + "/layouts", concert_layout(), manager_token());
  ASSERT_EQ(layout.status, 201);
  const std::string versions =
      "/api/v1/venues/" + venue + "/layouts/" + str(layout.json(), "id") + "/versions";
  const json::value venue_body = {{"name", "X"}, {"timezone", "UTC"}};
  for (const auto& [target, body] : std::vector<std::pair<std::string, json::value>>{
           {"/api/v1/venues", venue_body},
           {"/api/v1/venues/" + venue + "/layouts", concert_layout("Other")},
           {versions, concert_layout()}}) {
    auto anonymous = c.post(target, body);
    EXPECT_EQ(anonymous.status, 401) << target;
    EXPECT_EQ(str(anonymous.json().at("error"), "code"), "unauthorized");
    auto buyer = c.post(target, body, buyer_token());
    EXPECT_EQ(buyer.status, 403) << target;
    EXPECT_EQ(str(buyer.json().at("error"), "code"), "forbidden");
  }
}

}  // namespace
}  // namespace boxoffice::testing
