// Holds through HTTP: placing, reading, releasing (whole or in part), expiry, the rules that refuse
// a hold, and races of many buyers (across several server processes sharing one database) that
// must never hold one seat twice.
#include <atomic>
#include <cstring>
#include <map>
#include <random>
#include <thread>

#include "integration/event_helpers.hpp"
#include "support/event_stream.hpp"

namespace boxoffice::testing {
namespace {

class HoldTest : public EventFixture {
 protected:
  // An event on sale now: sales opened yesterday.
  static std::string on_sale(const std::string& name, json::object overrides = {}) {
    overrides["sales_open_at"] = at(-1);
    return published_event(make_place(name), name, overrides);
  }
  static HttpResult hold(const json::object& body, const std::string& token) {
    return client().post("/api/v1/holds", body, token);
  }
  static std::map<std::string, std::string> seat_states(const std::string& event,
                                                        const std::string& section) {
    auto r = client().get(event_path(event) + "/sections/" + section + "/seats");
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;
    for (const auto& s : r.json().at("seats").as_array())
      out[std::string(s.at("id").as_string())] = std::string(s.at("state").as_string());
    return out;
  }
  static std::int64_t area_count(const std::string& event, const std::string& section,
                                 const char* what) {
    auto r = client().get(event_path(event) + "/availability");
    for (const auto& s : r.json().at("sections").as_array())
      if (s.at("key").as_string() == section) return s.at(what).as_int64();
    return -1;
  }
  static HttpResult release(const std::string& hold, const json::object& body,
                            const std::string& token) {
    return client().post("/api/v1/holds/" + hold + "/release", body, token);
  }
  static HttpResult add_places(const std::string& hold, const json::object& body,
                               const std::string& token) {
    return client().post("/api/v1/holds/" + hold + "/places", body, token);
  }
  // This server's port and those of two more on the same database, kept running by `more`.
  static std::vector<unsigned short> three_servers(
      std::vector<std::unique_ptr<ServerProcess>>& more) {
    for (int i = 0; i < 2; ++i)
      more.push_back(std::make_unique<ServerProcess>(g_server, shared_->db.url()));
    std::vector<unsigned short> ports{server().port()};
    for (auto& s : more) ports.push_back(s->port());
    return ports;
  }
  static std::vector<std::string> seats_of(const HttpResult& r) {
    std::vector<std::string> out;
    for (const auto& item : r.json().at("items").as_array())
      if (item.as_object().contains("seat")) out.emplace_back(item.at("seat").as_string());
    return out;
  }
};

TEST_F(HoldTest, ABuyerHoldsSeatsEveryoneSeesThemHeldAndReleaseFreesThem) {
  const std::string event = on_sale("Hold Basics");
  auto r = hold({{"event_id", event}, {"seats", {"stalls/A/1", "stalls/A/2"}}}, buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");
  EXPECT_EQ(str(r.json(), "status"), "active");
  EXPECT_EQ(r.json().at("places").as_int64(), 2);
  const auto held_for =
      epoch_seconds(r.json(), "expires_at") - epoch_seconds(r.json(), "created_at");
  EXPECT_EQ(held_for, 1800);
  EXPECT_EQ(seats_of(r), (std::vector<std::string>{"stalls/A/1", "stalls/A/2"}));

  auto states = seat_states(event, "stalls");
  EXPECT_EQ(states["stalls/A/1"], "held");
  EXPECT_EQ(states["stalls/A/3"], "available");
  EXPECT_EQ(area_count(event, "stalls", "held"), 2);
  EXPECT_EQ(client().get("/api/v1/holds/" + id, buyer_token()).status, 200);

  EXPECT_EQ(client().del("/api/v1/holds/" + id, buyer_token()).status, 204);
  EXPECT_EQ(seat_states(event, "stalls")["stalls/A/1"], "available");
  EXPECT_EQ(area_count(event, "stalls", "held"), 0);
  auto again = client().del("/api/v1/holds/" + id, buyer_token());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_code(again), "hold_not_active");
  EXPECT_EQ(str(client().get("/api/v1/holds/" + id, buyer_token()).json(), "status"), "released");
}

TEST_F(HoldTest, AHoldIsAllOrNothing) {
  const std::string event = on_sale("All Or Nothing");
  ASSERT_EQ(hold({{"event_id", event}, {"seats", {"stalls/B/5"}}}, buyer_token()).status, 201);
  auto other = new_account("buyer");
  auto r =
      hold({{"event_id", event}, {"seats", {"stalls/B/4", "stalls/B/5", "stalls/B/6"}}}, other);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(error_code(r), "seats_unavailable");
  EXPECT_TRUE(names_field(r, "stalls/B/5")) << r.body;
  EXPECT_FALSE(names_field(r, "stalls/B/4")) << r.body;
  auto states = seat_states(event, "stalls");
  EXPECT_EQ(states["stalls/B/4"], "available");
  EXPECT_EQ(states["stalls/B/6"], "available");
}

TEST_F(HoldTest, StandingAreasAreHeldByQuantityWithinCapacity) {
  const std::string event = on_sale("Standing Holds", {{"section_caps", {{"floor", 20}}}});
  auto first = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 8}}, buyer_token());
  ASSERT_EQ(first.status, 201) << first.body;
  auto other = new_account("buyer");
  ASSERT_EQ(hold({{"event_id", event}, {"section", "floor"}, {"quantity", 8}}, other).status, 201);
  auto third = new_account("buyer");
  auto full = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 5}}, third);
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_EQ(error_code(full), "seats_unavailable");
  EXPECT_EQ(hold({{"event_id", event}, {"section", "floor"}, {"quantity", 4}}, third).status, 201);
  EXPECT_EQ(area_count(event, "floor", "held"), 20);
  EXPECT_EQ(area_count(event, "floor", "available"), 0);
}

TEST_F(HoldTest, BestAvailablePicksAdjacentSeatsInTheFrontRow) {
  const std::string event = on_sale("Best Available");
  ASSERT_EQ(
      hold({{"event_id", event}, {"seats", {"stalls/A/5", "stalls/A/6"}}}, buyer_token()).status,
      201);
  auto other = new_account("buyer");
  auto r = hold({{"event_id", event}, {"section", "stalls"}, {"quantity", 3}}, other);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto seats = seats_of(r);
  ASSERT_EQ(seats.size(), 3u);
  // Row A has 1-4 and 7-10 free: three of four leave one stranded, so row B it is.
  for (const auto& s : seats) EXPECT_EQ(s.substr(0, 9), "stalls/B/") << r.body;
}

TEST_F(HoldTest, TheBuyerLimitCountsEveryActiveHold) {
  const std::string event = on_sale("Limited", {{"max_tickets_per_buyer", 4}});
  auto buyer = new_account("buyer");
  ASSERT_EQ(
      hold({{"event_id", event}, {"seats", {"stalls/C/1", "stalls/C/2", "stalls/C/3"}}}, buyer)
          .status,
      201);
  auto over = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 2}}, buyer);
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(error_code(over), "limit_exceeded");
  auto second = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 1}}, buyer);
  ASSERT_EQ(second.status, 201) << second.body;
  // A later hold ends with the first: holding again never buys more time.
  auto first_hold = client().get("/api/v1/holds/" + str(second.json(), "id"), buyer);
  EXPECT_LE(epoch_seconds(second.json(), "expires_at"),
            epoch_seconds(first_hold.json(), "created_at") + 1800);
}

TEST_F(HoldTest, HoldsAreRefusedOutsideTheSalesWindowAndStatus) {
  const Place place = make_place("Closed Sales");
  const std::string later = published_event(place, "Not Yet");  // sales open tomorrow
  auto not_yet = hold({{"event_id", later}, {"section", "floor"}, {"quantity", 1}}, buyer_token());
  EXPECT_EQ(not_yet.status, 409);
  EXPECT_EQ(error_code(not_yet), "sales_not_open");

  const std::string paused = on_sale("Paused Sales");
  ASSERT_EQ(act(paused, "pause-sales").status, 200);
  auto p = hold({{"event_id", paused}, {"section", "floor"}, {"quantity", 1}}, buyer_token());
  EXPECT_EQ(p.status, 409);
  EXPECT_EQ(error_code(p), "sales_paused");
  ASSERT_EQ(act(paused, "close-sales").status, 200);
  EXPECT_EQ(error_code(
                hold({{"event_id", paused}, {"section", "floor"}, {"quantity", 1}}, buyer_token())),
            "sales_closed");

  const std::string draft = ready_event(place, "Draft Only", {{"sales_open_at", at(-1)}});
  EXPECT_EQ(
      hold({{"event_id", draft}, {"section", "floor"}, {"quantity", 1}}, buyer_token()).status,
      404);
}

TEST_F(HoldTest, HoldsBelongToTheirBuyer) {
  const std::string event = on_sale("Mine Only");
  auto r = hold({{"event_id", event}, {"seats", {"balcony/A/1"}}}, buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/v1/holds/" + str(r.json(), "id");
  auto stranger = new_account("buyer");
  EXPECT_EQ(client().get(path, stranger).status, 403);
  EXPECT_EQ(client().del(path, stranger).status, 403);
  EXPECT_EQ(client().get(path).status, 401);
  EXPECT_EQ(client().get(path, manager_token()).status, 200);
  EXPECT_EQ(hold({{"event_id", event}, {"seats", {"balcony/A/2"}}}, "").status, 401);
}

TEST_F(HoldTest, BadRequestsNameTheirFields) {
  const std::string event = on_sale("Bad Holds");
  auto r =
      hold({{"event_id", event}, {"seats", {"stalls/Z/1", 7}}, {"colour", "red"}}, buyer_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(names_field(r, "seats[0]")) << r.body;
  EXPECT_TRUE(names_field(r, "seats[1]")) << r.body;
  EXPECT_TRUE(names_field(r, "colour")) << r.body;
  auto q = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 0}}, buyer_token());
  EXPECT_TRUE(names_field(q, "quantity")) << q.body;
  EXPECT_EQ(
      hold({{"event_id", "evt_missing"}, {"section", "floor"}, {"quantity", 1}}, buyer_token())
          .status,
      404);
}

// One basket: clicks, best-available picks and standing places all join the buyer's one hold.
TEST_F(HoldTest, ABuyerAddsPlacesToTheirHoldWhichKeepsItsEnd) {
  const std::string event = on_sale("One Basket", {{"max_tickets_per_buyer", 10}});
  auto buyer = new_account("buyer");
  auto first = hold({{"event_id", event}, {"seats", {"stalls/A/1"}}}, buyer);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string id = str(first.json(), "id");
  const auto ends = epoch_seconds(first.json(), "expires_at");

  auto click = add_places(id, {{"seats", {"stalls/A/2"}}}, buyer);
  ASSERT_EQ(click.status, 200) << click.body;
  EXPECT_EQ(str(click.json(), "id"), id);
  EXPECT_EQ(epoch_seconds(click.json(), "expires_at"), ends);
  EXPECT_EQ(seats_of(click), (std::vector<std::string>{"stalls/A/1", "stalls/A/2"}));
  auto best = add_places(id, {{"event_id", event}, {"section", "balcony"}, {"quantity", 2}}, buyer);
  ASSERT_EQ(best.status, 200) << best.body;
  auto standing = add_places(id, {{"section", "floor"}, {"quantity", 2}}, buyer);
  ASSERT_EQ(standing.status, 200) << standing.body;
  auto more = add_places(id, {{"section", "floor"}, {"quantity", 1}}, buyer);
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(more.json().at("places").as_int64(), 7);
  EXPECT_EQ(seats_of(more).size(), 4u);
  EXPECT_EQ(more.json().at("items").as_array().size(), 5u);  // the floor's places in one item
  EXPECT_EQ(epoch_seconds(more.json(), "expires_at"), ends);

  auto read = client().get("/api/v1/holds/" + id, buyer);
  EXPECT_EQ(read.json().at("places").as_int64(), 7);
  EXPECT_EQ(seats_of(read), seats_of(more));
  EXPECT_EQ(seat_states(event, "stalls")["stalls/A/2"], "held");
  EXPECT_EQ(area_count(event, "balcony", "held"), 2);
  EXPECT_EQ(area_count(event, "floor", "held"), 3);
  auto basket = client().get("/api/v1/holds?event_id=" + event, buyer);
  EXPECT_EQ(basket.json().at("holds").as_array().size(), 1u);

  // The whole hold goes as one.
  EXPECT_EQ(client().del("/api/v1/holds/" + id, buyer).status, 204);
  EXPECT_EQ(seat_states(event, "stalls")["stalls/A/2"], "available");
  EXPECT_EQ(area_count(event, "floor", "held"), 0);
  EXPECT_EQ(area_count(event, "balcony", "held"), 0);
}

TEST_F(HoldTest, AddingPlacesIsRefusedAsANewHoldIsAndChangesNothing) {
  const std::string event = on_sale("Basket Refusals", {{"max_tickets_per_buyer", 4}});
  auto buyer = new_account("buyer");
  auto r = hold({{"event_id", event}, {"seats", {"stalls/B/1", "stalls/B/2"}}}, buyer);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");
  auto other = new_account("buyer");
  ASSERT_EQ(hold({{"event_id", event}, {"seats", {"stalls/B/3"}}}, other).status, 201);

  auto taken = add_places(id, {{"seats", {"stalls/B/4", "stalls/B/3"}}}, buyer);
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(error_code(taken), "seats_unavailable");
  EXPECT_TRUE(names_field(taken, "stalls/B/3")) << taken.body;
  EXPECT_EQ(seat_states(event, "stalls")["stalls/B/4"], "available");
  auto over = add_places(id, {{"section", "floor"}, {"quantity", 3}}, buyer);
  EXPECT_EQ(over.status, 409);
  EXPECT_EQ(error_code(over), "limit_exceeded");
  EXPECT_EQ(client().get("/api/v1/holds/" + id, buyer).json().at("places").as_int64(), 2);

  auto bad = add_places(id, {{"seats", {"stalls/Z/1"}}, {"colour", "red"}}, buyer);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(names_field(bad, "seats[0]")) << bad.body;
  EXPECT_TRUE(names_field(bad, "colour")) << bad.body;
  EXPECT_TRUE(names_field(
      add_places(id, {{"event_id", "evt_other"}, {"seats", {"stalls/C/1"}}}, buyer), "event_id"));
  EXPECT_EQ(add_places(id, {{"seats", {"stalls/C/1"}}}, other).status, 403);
  EXPECT_EQ(add_places(id, {{"seats", {"stalls/C/1"}}}, "").status, 401);
  EXPECT_EQ(add_places("hld_missing", {{"seats", {"stalls/C/1"}}}, buyer).status, 404);

  ASSERT_EQ(act(event, "pause-sales").status, 200);
  EXPECT_EQ(error_code(add_places(id, {{"seats", {"stalls/C/1"}}}, buyer)), "sales_paused");
  ASSERT_EQ(act(event, "resume-sales").status, 200);

  ASSERT_EQ(client().del("/api/v1/holds/" + id, buyer).status, 204);
  auto ended = add_places(id, {{"seats", {"stalls/C/1"}}}, buyer);
  EXPECT_EQ(ended.status, 409);
  EXPECT_EQ(error_code(ended), "hold_not_active");
  EXPECT_EQ(seat_states(event, "stalls")["stalls/C/1"], "available");
}

// Additions to one hold race each other and other buyers' holds for the same seats, over several
// server processes: no seat is held twice, and the hold's places are exactly its items.
TEST_F(HoldTest, RacingAdditionsNeverShareASeatAndTheHoldCountsItsItems) {
  const std::string event = on_sale("Basket Race", {{"max_tickets_per_buyer", 100}});
  std::vector<std::unique_ptr<ServerProcess>> more;
  const auto ports = three_servers(more);

  auto owner = new_account("buyer");
  auto start = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 1}}, owner);
  ASSERT_EQ(start.status, 201) << start.body;
  const std::string id = str(start.json(), "id");
  constexpr int kOthers = 10, kRequests = 120;
  std::vector<std::string> others;
  for (int i = 0; i < kOthers; ++i) others.push_back(new_account("buyer"));
  const std::vector<std::string> seats = {"balcony/A/1", "balcony/A/2", "balcony/A/3",
                                          "balcony/A/4", "balcony/A/5", "balcony/A/6"};
  std::mutex mutex;
  std::map<std::string, std::string> holder;  // seat -> hold
  std::atomic<int> twice{0}, other{0}, added{0};
  std::atomic<std::int64_t> floor_added{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      std::mt19937 rng(static_cast<unsigned>(i));
      const auto first = rng() % (seats.size() - 1);
      HttpClient http(ports[i % ports.size()]);
      HttpResult r;
      const bool mine = i % 2 == 0;
      if (mine && i % 6 == 0) {
        r = http.post("/api/v1/holds/" + id + "/places", {{"section", "floor"}, {"quantity", 1}},
                      owner);
        if (r.status == 200) ++floor_added;
      } else if (mine) {
        r = http.post("/api/v1/holds/" + id + "/places",
                      {{"seats", {seats[first], seats[first + 1]}}}, owner);
      } else {
        r = http.post("/api/v1/holds",
                      {{"event_id", event}, {"seats", {seats[first], seats[first + 1]}}},
                      others[i % kOthers]);
      }
      if (r.status == 200 || r.status == 201) {
        if (r.status == 200) ++added;
        std::lock_guard lock(mutex);
        if (r.status == 201)
          for (const auto& s : seats_of(r))
            if (!holder.emplace(s, str(r.json(), "id")).second) ++twice;
      } else if (!(r.status == 409 && error_code(r) == "seats_unavailable")) {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(twice.load(), 0);
  EXPECT_GT(added.load(), 0);

  auto mine = client().get("/api/v1/holds/" + id, owner);
  ASSERT_EQ(mine.status, 200);
  std::int64_t item_places = 0;
  for (const auto& item : mine.json().at("items").as_array())
    item_places += item.at("quantity").as_int64();
  EXPECT_EQ(mine.json().at("places").as_int64(), item_places);
  EXPECT_EQ(area_count(event, "floor", "held"), 1 + floor_added.load());
  for (const auto& s : seats_of(mine))
    EXPECT_TRUE(holder.emplace(s, id).second) << s << " held by the basket and another hold";
  auto states = seat_states(event, "balcony");
  for (const auto& s : seats) EXPECT_EQ(states[s], holder.count(s) ? "held" : "available") << s;
  EXPECT_EQ(area_count(event, "balcony", "held"), static_cast<std::int64_t>(holder.size()));
}

TEST_F(HoldTest, ABuyerReleasesSomeSeatsAndKeepsTheRest) {
  const std::string event = on_sale("Partial Seats");
  auto r = hold({{"event_id", event}, {"seats", {"stalls/B/1", "stalls/B/2", "stalls/B/3"}}},
                buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");

  auto part = release(id, {{"seats", {"stalls/B/2"}}}, buyer_token());
  ASSERT_EQ(part.status, 200) << part.body;
  EXPECT_EQ(str(part.json(), "id"), id);
  EXPECT_EQ(str(part.json(), "status"), "active");
  EXPECT_EQ(part.json().at("places").as_int64(), 2);
  EXPECT_EQ(seats_of(part), (std::vector<std::string>{"stalls/B/1", "stalls/B/3"}));
  // Releasing part never buys more time.
  EXPECT_EQ(str(part.json(), "expires_at"), str(r.json(), "expires_at"));
  EXPECT_EQ(client().get("/api/v1/holds/" + id, buyer_token()).json(), part.json());

  auto states = seat_states(event, "stalls");
  EXPECT_EQ(states["stalls/B/1"], "held");
  EXPECT_EQ(states["stalls/B/2"], "available");
  EXPECT_EQ(states["stalls/B/3"], "held");
  EXPECT_EQ(area_count(event, "stalls", "held"), 2);
  // The freed seat is another buyer's to hold at once; the kept ones are not.
  auto other = new_account("buyer");
  EXPECT_EQ(hold({{"event_id", event}, {"seats", {"stalls/B/2"}}}, other).status, 201);
  auto kept = hold({{"event_id", event}, {"seats", {"stalls/B/3"}}}, other);
  EXPECT_EQ(kept.status, 409) << kept.body;
  EXPECT_EQ(error_code(kept), "seats_unavailable");
}

TEST_F(HoldTest, ABuyerHoldsFewerStandingPlaces) {
  const std::string event = on_sale("Partial Floor", {{"section_caps", {{"floor", 10}}}});
  auto r = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 5}}, buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");
  auto part = release(id, {{"items", {{{"section", "floor"}, {"quantity", 2}}}}}, buyer_token());
  ASSERT_EQ(part.status, 200) << part.body;
  EXPECT_EQ(str(part.json(), "status"), "active");
  EXPECT_EQ(part.json().at("places").as_int64(), 3);
  EXPECT_EQ(part.json().at("items").at(0).at("quantity").as_int64(), 3);
  EXPECT_EQ(str(part.json(), "expires_at"), str(r.json(), "expires_at"));
  EXPECT_EQ(area_count(event, "floor", "held"), 3);
  EXPECT_EQ(area_count(event, "floor", "available"), 7);
  auto other = new_account("buyer");
  EXPECT_EQ(hold({{"event_id", event}, {"section", "floor"}, {"quantity", 7}}, other).status, 201);
}

TEST_F(HoldTest, BadReleasesNameTheirFieldsAndChangeNothing) {
  const std::string event = on_sale("Bad Releases");
  auto seats = hold({{"event_id", event}, {"seats", {"stalls/A/7", "stalls/A/8"}}}, buyer_token());
  ASSERT_EQ(seats.status, 201) << seats.body;
  const std::string id = str(seats.json(), "id");
  auto r = release(id,
                   {{"seats", {"stalls/A/7", "stalls/A/9", 7, "stalls/A/7"}},
                    {"items", {{{"section", "floor"}, {"quantity", 1}}, {{"section", "floor"}}, 3}},
                    {"colour", "red"}},
                   buyer_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_code(r), "validation_failed");
  EXPECT_EQ(field_message(r, "seats[1]"), "is not in this hold") << r.body;
  EXPECT_TRUE(names_field(r, "seats[2]")) << r.body;
  EXPECT_EQ(field_message(r, "seats[3]"), "is named twice") << r.body;
  EXPECT_EQ(field_message(r, "items[0].section"), "is not a standing area of this hold") << r.body;
  EXPECT_TRUE(names_field(r, "items[1].quantity")) << r.body;
  EXPECT_TRUE(names_field(r, "items[2]")) << r.body;
  EXPECT_FALSE(names_field(r, "items[2].section")) << r.body;
  EXPECT_TRUE(names_field(r, "colour")) << r.body;
  EXPECT_FALSE(names_field(r, "seats[0]")) << r.body;
  // All or nothing: the one good seat named is still held.
  EXPECT_EQ(seat_states(event, "stalls")["stalls/A/7"], "held");
  EXPECT_EQ(client().get("/api/v1/holds/" + id, buyer_token()).json().at("places").as_int64(), 2);

  auto floor = hold({{"event_id", event}, {"section", "floor"}, {"quantity", 3}}, buyer_token());
  ASSERT_EQ(floor.status, 201) << floor.body;
  auto too_many = release(str(floor.json(), "id"),
                          {{"items", {{{"section", "floor"}, {"quantity", 4}}}}}, buyer_token());
  ASSERT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_EQ(field_message(too_many, "items[0].quantity"),
            "must be between 1 and the 3 places held");
  EXPECT_EQ(area_count(event, "floor", "held"), 3);
  auto nothing = release(str(floor.json(), "id"), json::object{}, buyer_token());
  ASSERT_EQ(nothing.status, 422) << nothing.body;
  EXPECT_TRUE(names_field(nothing, "seats")) << nothing.body;
}

// As with DELETE: the buyer, or a manager helping them, and only while the hold is active.
TEST_F(HoldTest, ItsBuyerOrAManagerReleasesPartOfAnActiveHold) {
  const std::string event = on_sale("Partial Mine Only");
  auto r = hold({{"event_id", event}, {"seats", {"balcony/A/3", "balcony/A/4", "balcony/A/5"}}},
                buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");
  const json::object body{{"seats", {"balcony/A/3"}}};
  auto other = release(id, body, new_account("buyer"));
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(error_code(other), "forbidden");
  EXPECT_EQ(release(id, body, "").status, 401);
  EXPECT_EQ(release("hld_missing", body, buyer_token()).status, 404);
  EXPECT_EQ(seat_states(event, "balcony")["balcony/A/3"], "held");
  auto manager = release(id, {{"seats", {"balcony/A/5"}}}, manager_token());
  EXPECT_EQ(manager.status, 200) << manager.body;
  EXPECT_EQ(seat_states(event, "balcony")["balcony/A/5"], "available");

  ASSERT_EQ(client().del("/api/v1/holds/" + id, buyer_token()).status, 204);
  auto ended = release(id, body, buyer_token());
  EXPECT_EQ(ended.status, 409) << ended.body;
  EXPECT_EQ(error_code(ended), "hold_not_active");
}

TEST_F(HoldTest, ReleasingEveryPlaceEndsTheHold) {
  const std::string event = on_sale("Partial To Nothing");
  auto r = hold({{"event_id", event}, {"seats", {"stalls/C/1", "stalls/C/2"}}}, buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = str(r.json(), "id");
  ASSERT_EQ(release(id, {{"seats", {"stalls/C/1"}}}, buyer_token()).status, 200);
  auto last = release(id, {{"seats", {"stalls/C/2"}}}, buyer_token());
  ASSERT_EQ(last.status, 200) << last.body;
  EXPECT_EQ(str(last.json(), "status"), "released");
  EXPECT_EQ(seats_of(last), (std::vector<std::string>{"stalls/C/2"}));  // what it held at the end
  EXPECT_EQ(seat_states(event, "stalls")["stalls/C/2"], "available");
  EXPECT_EQ(area_count(event, "stalls", "held"), 0);
  EXPECT_EQ(str(client().get("/api/v1/holds/" + id, buyer_token()).json(), "status"), "released");
  EXPECT_EQ(error_code(release(id, {{"seats", {"stalls/C/2"}}}, buyer_token())), "hold_not_active");
  EXPECT_EQ(client().del("/api/v1/holds/" + id, buyer_token()).status, 409);
}

// Many buyers at once, spread over several server processes on one database, fight over a few
// seats: every seat ends up held at most once, every success got all of its seats, and what the
// server shows matches the successful holds exactly.
TEST_F(HoldTest, RacingBuyersNeverShareASeat) {
  const std::string event = on_sale("Seat Race", {{"max_tickets_per_buyer", 100}});
  std::vector<std::unique_ptr<ServerProcess>> more;
  const auto ports = three_servers(more);

  constexpr int kBuyers = 20, kRequests = 200;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) tokens.push_back(new_account("buyer"));
  const std::vector<std::string> seats = {"balcony/A/1", "balcony/A/2", "balcony/A/3",
                                          "balcony/A/4", "balcony/A/5", "balcony/A/6"};
  std::mutex mutex;
  std::vector<std::vector<std::string>> won;
  std::atomic<int> refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      std::mt19937 rng(static_cast<unsigned>(i));
      const auto first = rng() % (seats.size() - 1);
      json::object body{{"event_id", event}, {"seats", {seats[first], seats[first + 1]}}};
      auto r = HttpClient(ports[i % ports.size()]).post("/api/v1/holds", body, tokens[i % kBuyers]);
      if (r.status == 201) {
        std::lock_guard lock(mutex);
        won.push_back(seats_of(r));
      } else if (r.status == 409 && error_code(r) == "seats_unavailable") {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(static_cast<int>(won.size()) + refused.load(), kRequests);
  std::set<std::string> taken;
  for (const auto& w : won) {
    EXPECT_EQ(w.size(), 2u);
    for (const auto& s : w) EXPECT_TRUE(taken.insert(s).second) << s << " was held twice";
  }
  // Nothing frees a seat during the race, so no pair that was asked for can be left free at the
  // end: its requests would have succeeded.
  EXPECT_GE(won.size(), 2u);
  for (std::size_t i = 0; i + 1 < seats.size(); ++i)
    EXPECT_TRUE(taken.count(seats[i]) || taken.count(seats[i + 1])) << seats[i] << " pair left";
  auto states = seat_states(event, "balcony");
  for (const auto& s : seats) EXPECT_EQ(states[s], taken.count(s) ? "held" : "available") << s;
  EXPECT_EQ(area_count(event, "balcony", "held"), static_cast<std::int64_t>(taken.size()));
}

// Holds that arrive together are written together, and each is still answered on its own once
// its batch has committed: every seat of the rush is held once, by the buyer who was told so.
TEST_F(HoldTest, HoldsArrivingTogetherAreWrittenInBatchesAndAnsweredEachAlone) {
  const std::string event = on_sale("Batched Rush", {{"max_tickets_per_buyer", 100}});
  auto counter = [](const char* name) {
    const auto body = client().get("/metrics").body;
    const auto at = body.find(std::string("\n") + name + ' ');
    return at == std::string::npos ? -1 : std::stoll(body.substr(at + std::strlen(name) + 2));
  };
  const auto batches_before = counter("boxoffice_hold_batches_total");
  const auto holds_before = counter("boxoffice_hold_batch_holds_total");
  ASSERT_GE(batches_before, 0);
  std::vector<std::string> seats;
  for (const char* row : {"A", "B"})
    for (int n = 1; n <= 10; ++n)
      seats.push_back("stalls/" + std::string(row) + "/" + std::to_string(n));
  constexpr std::size_t kBuyers = 4;
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < kBuyers; ++i) tokens.push_back(new_account("buyer"));
  std::vector<HttpResult> answers(seats.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seats.size(); ++i)
    threads.emplace_back([&, i] {
      answers[i] = hold({{"event_id", event}, {"seats", {seats[i]}}}, tokens[i % kBuyers]);
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < seats.size(); ++i) {
    ASSERT_EQ(answers[i].status, 201) << answers[i].body;
    EXPECT_EQ(seats_of(answers[i]), std::vector<std::string>{seats[i]});
  }
  for (const auto& token : tokens) {
    auto mine = client().get("/api/v1/holds?event_id=" + event, token);
    EXPECT_EQ(mine.json().at("holds").as_array().size(), seats.size() / kBuyers) << mine.body;
  }
  const auto states = seat_states(event, "stalls");
  for (const auto& seat : seats) EXPECT_EQ(states.at(seat), "held") << seat;
  const auto batches = counter("boxoffice_hold_batches_total") - batches_before;
  EXPECT_EQ(counter("boxoffice_hold_batch_holds_total") - holds_before,
            static_cast<long long>(seats.size()));
  EXPECT_GE(batches, 1);
  EXPECT_LE(batches, static_cast<long long>(seats.size()));
}

// A rush of best-available requests on one node: each is given seats of its own while seats are
// left, instead of being chosen the same seats as the others and refused as they lose them.
TEST_F(HoldTest, ARushForBestAvailableSeatsGivesEachBuyerSeatsWhileAnyAreLeft) {
  const std::string event = on_sale("Best Available Rush", {{"max_tickets_per_buyer", 100}});
  constexpr int kBuyers = 4, kRequests = 20;  // of one seat each, in a section of 24
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) tokens.push_back(new_account("buyer"));
  std::vector<HttpResult> answers(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      answers[i] =
          hold({{"event_id", event}, {"section", "stalls"}, {"quantity", 1}}, tokens[i % kBuyers]);
    });
  for (auto& t : threads) t.join();
  std::set<std::string> taken;
  for (const auto& a : answers) {
    ASSERT_EQ(a.status, 201) << a.body;
    for (const auto& seat : seats_of(a)) EXPECT_TRUE(taken.insert(seat).second) << seat;
  }
  EXPECT_EQ(taken.size(), static_cast<std::size_t>(kRequests));
  EXPECT_EQ(area_count(event, "stalls", "held"), static_cast<std::int64_t>(taken.size()));
}

TEST_F(HoldTest, RacingBuyersNeverOverfillAStandingArea) {
  const std::string event =
      on_sale("Standing Race", {{"max_tickets_per_buyer", 100}, {"section_caps", {{"floor", 50}}}});
  constexpr int kBuyers = 20, kRequests = 200;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) tokens.push_back(new_account("buyer"));
  std::atomic<std::int64_t> held{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      const int quantity = 1 + i % 3;
      auto r = hold({{"event_id", event}, {"section", "floor"}, {"quantity", quantity}},
                    tokens[i % kBuyers]);
      if (r.status == 201)
        held += quantity;
      else if (r.status != 409)
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_LE(held.load(), 50);
  EXPECT_GE(held.load(), 48);  // refusals only once fewer places are left than were asked for
  EXPECT_EQ(area_count(event, "floor", "held"), held.load());
}

// A new layout version that drops a held seat is reported against the event, and the event can
// only move to it once the seat is free again.
TEST_F(HoldTest, LayoutChangesThatLoseHeldSeatsAreReportedAndRefused) {
  const Place place = make_place("Changing Hall");
  const std::string event = published_event(place, "Changing Show", {{"sales_open_at", at(-1)}});
  auto h = hold({{"event_id", event}, {"seats", {"balcony/A/6"}}}, buyer_token());
  ASSERT_EQ(h.status, 201) << h.body;
  json::array smaller = default_sections();
  smaller[1].as_object()["rows"] =
      json::array{json::object{{"label", "A"}, {"from", 1}, {"to", 5}}};
  auto version = add_version(place, -1, smaller);
  ASSERT_EQ(version.status, 201) << version.body;
  const auto& conflicts = version.json().at("conflicts").as_array();
  ASSERT_EQ(conflicts.size(), 1u) << version.body;
  EXPECT_EQ(str(conflicts[0], "event_id"), event);
  EXPECT_NE(str(conflicts[0], "reason").find("balcony/A/6"), std::string::npos) << version.body;

  auto refused = act(event, "move-layout", {{"version", 2}});
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(error_code(refused), "places_lost");
  ASSERT_EQ(client().del("/api/v1/holds/" + str(h.json(), "id"), buyer_token()).status, 204);
  auto moved = act(event, "move-layout", {{"version", 2}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("layout_version").as_int64(), 2);
}

TEST_F(HoldTest, CapsBelowWhatIsHeldAreRefused) {
  const std::string event = on_sale("Capped Under Holds");
  ASSERT_EQ(
      hold({{"event_id", event}, {"section", "floor"}, {"quantity", 5}}, buyer_token()).status,
      201);
  auto below = patch(event_path(event), {{"section_caps", {{"floor", 4}}}}, manager_token());
  ASSERT_EQ(below.status, 409) << below.body;
  EXPECT_EQ(error_code(below), "places_lost");
  EXPECT_EQ(patch(event_path(event), {{"section_caps", {{"floor", 5}}}}, manager_token()).status,
            200);
}

// The slowest test here: the shortest hold an event allows is a minute. The one end-to-end wait
// for the background tasks on the real server; the rules of expiry and checkout windows are
// checked to the second with a manual clock in src/app/background_test.cpp.
TEST_F(HoldTest, ExpiredHoldsFreeTheirSeatsByThemselves) {
  const std::string event = on_sale("Short Holds", {{"hold_seconds", 60}});
  auto r = hold({{"event_id", event}, {"seats", {"stalls/C/4"}}}, buyer_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto expires = epoch_seconds(r.json(), "expires_at");
  EXPECT_EQ(seat_states(event, "stalls")["stalls/C/4"], "held");
  EventStream watcher(server().port(), event_path(event) + "/updates");
  auto status = watcher.next(std::chrono::seconds(2));  // where sales stand, first
  ASSERT_TRUE(status && status->event == "status");
  auto snapshot = watcher.next(std::chrono::seconds(2));
  ASSERT_TRUE(snapshot && snapshot->event == "snapshot");
  // Watchers hear of the expiry without anyone asking: within a second of expires_at.
  auto freed = watcher.next(std::chrono::seconds(65));
  ASSERT_TRUE(freed) << "no update came for the expiry";
  EXPECT_LE(Clock::to_time_t(Clock::now()), expires + 1);
  EXPECT_EQ(freed->data.at("seats").at(0).at("id").as_string(), "stalls/C/4");
  EXPECT_EQ(freed->data.at("seats").at(0).at("state").as_string(), "available");
  EXPECT_EQ(seat_states(event, "stalls")["stalls/C/4"], "available");
  auto after = client().get("/api/v1/holds/" + str(r.json(), "id"), buyer_token());
  EXPECT_EQ(str(after.json(), "status"), "expired");
  EXPECT_EQ(area_count(event, "stalls", "held"), 0);
}

}  // namespace
}  // namespace boxoffice::testing
