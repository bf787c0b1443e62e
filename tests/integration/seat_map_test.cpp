// The whole seat map in one answer, as a stadium's selector reads it: the layout's rows in
// shorthand, one letter per seat that follows holds and blocks, and gzip for clients that ask.
#include "integration/event_helpers.hpp"
#include "support/gunzip.hpp"

namespace boxoffice::testing {
namespace {

class SeatMapTest : public EventFixture {
 protected:
  static std::string states_of(const HttpResult& r, const std::string& key) {
    for (const auto& s : r.json().at("sections").as_array())
      if (s.at("key").as_string() == key) return std::string(s.at("states").as_string());
    ADD_FAILURE() << key << " missing in " << r.body;
    return "";
  }
};

TEST_F(SeatMapTest, EverySeatInOneAnswerFollowingHoldsAndBlocks) {
  // The default sections and an upper tier of 20 rows of 50, so the map is worth compressing.
  auto sections = default_sections();
  json::array upper;
  for (char row = 'A'; row < 'A' + 20; ++row)
    upper.push_back({{"label", std::string(1, row)}, {"from", 1}, {"to", 50}});
  sections.push_back({{"key", "upper"}, {"name", "Upper"}, {"kind", "seated"}, {"rows", upper}});
  const Place place = make_place("Seat Map Hall", sections);
  const std::string id = published_event(place, "Seat Map Show", {{"sales_open_at", at(-1)}});
  ASSERT_FALSE(id.empty());
  const std::string path = event_path(id) + "/seat-map";

  auto fresh = client().get(path);
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(str(fresh.json(), "event_id"), id);
  EXPECT_EQ(states_of(fresh, "stalls"), std::string(24, 'a'));
  EXPECT_EQ(states_of(fresh, "balcony"), std::string(6, 'a'));
  EXPECT_EQ(states_of(fresh, "upper"), std::string(1000, 'a'));
  const auto& rows = fresh.json().at("sections").as_array()[0].at("rows");
  EXPECT_EQ(rows, json::parse(R"([{"label":"A","from":1,"to":10},{"label":"B","from":1,"to":10},
                                  {"label":"C","from":1,"to":4}])"));

  ASSERT_EQ(client()
                .post(event_path(id) + "/blocks",
                      {{"section", "stalls"}, {"seats", {"stalls/A/2"}}}, manager_token())
                .status,
            201);
  auto hold =
      client().post("/api/v1/holds", {{"event_id", id}, {"seats", {"stalls/B/1"}}}, buyer_token());
  ASSERT_EQ(hold.status, 201) << hold.body;
  auto after = client().get(path);
  std::string expected(24, 'a');
  expected[1] = 'b';   // row A, seat 2
  expected[10] = 'h';  // row B, seat 1
  EXPECT_EQ(states_of(after, "stalls"), expected);
  EXPECT_GT(after.json().at("seq").as_int64(), fresh.json().at("seq").as_int64())
      << "the stream's seq, to follow it from there";

  auto zipped = client().request("GET", path, "", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
  EXPECT_EQ(json::parse(gunzip(zipped.body)), after.json());

  auto draft = create_event(place, "Seat Map Draft");
  EXPECT_EQ(client().get(event_path(str(draft, "id")) + "/seat-map").status, 404)
      << "a draft is not shown to anyone but managers";
}

}  // namespace
}  // namespace boxoffice::testing
