// The waiting room through HTTP: the draw before sales open and first come, first served after;
// admission limits; sold-out events and the waiting list; tokens that cannot be forged or shared;
// holds that need an admitted token and end with its window; and the messages that tell a buyer
// they are in.
#include <sodium.h>

#include <algorithm>
#include <map>
#include <thread>

#include "integration/event_helpers.hpp"
#include "support/event_stream.hpp"
#include "support/mail_sink.hpp"

namespace boxoffice::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class QueueTest : public EventFixture {
 protected:
  static json::array small_sections(int floor) {
    return json::array{json::object{
        {"key", "floor"}, {"name", "Floor"}, {"kind", "standing"}, {"capacity", floor}}};
  }
  // An event on sale (or opening in `opens_in_days`) with the waiting room as given.
  static std::string queued_event(const std::string& name, json::object queue,
                                  double opens_in_days = -1, int floor = 100) {
    return published_event(make_place(name, small_sections(floor)), name,
                           {{"sales_open_at", at(opens_in_days)}, {"queue", std::move(queue)}});
  }
  // An event on sale from `opens_in_days` on a server of the test's own, made by a new manager.
  static std::string event_on(const OwnServer& node, const std::string& name, json::object queue,
                              double opens_in_days) {
    const auto c = node.client();
    const std::string email = "manager@own.example";  // the server and its database are new
    EXPECT_EQ(
        c.post("/api/v1/accounts",
               {{"email", email}, {"password", "password-123"}, {"name", "M"}, {"role", "manager"}},
               sign_in(c, kAdminEmail, kAdminPassword))
            .status,
        201);
    const std::string manager = sign_in(c, email, "password-123");
    auto venue =
        c.post("/api/v1/venues",
               {{"name", name}, {"address", "1 Test Street"}, {"timezone", "UTC"}}, manager);
    if (venue.status != 201) return "";
    auto layout =
        c.post("/api/v1/venues/" + str(venue.json(), "id") + "/layouts",
               {{"name", "Concert"}, {"effective_from", at(-30)}, {"sections", small_sections(50)}},
               manager);
    if (layout.status != 201) return "";
    auto ev = c.post("/api/v1/events",
                     {{"name", name},
                      {"starts_at", at(30)},
                      {"venue_id", str(venue.json(), "id")},
                      {"layout_id", str(layout.json(), "id")},
                      {"sales_open_at", at(opens_in_days)},
                      {"currency", "EUR"},
                      {"queue", std::move(queue)}},
                     manager);
    EXPECT_EQ(ev.status, 201) << ev.body;
    if (ev.status != 201) return "";
    const std::string event = str(ev.json(), "id");
    EXPECT_EQ(
        c.post(event_path(event) + "/ticket-types", {{"name", "GA"}, {"price", 1000}}, manager)
            .status,
        201);
    EXPECT_EQ(c.post(event_path(event) + "/publish", json::object{}, manager).status, 200);
    return event;
  }
  static HttpResult join(const std::string& event, const std::string& token = "",
                         const json::object& body = {}, unsigned short port = 0) {
    auto headers = auth(token);
    headers.emplace_back("Content-Type", "application/json");
    return HttpClient(port ? port : server().port())
        .request("POST", event_path(event) + "/queue", body.empty() ? "" : json::serialize(body),
                 headers);
  }
  static std::string joined_token(const std::string& event, const std::string& token = "") {
    auto r = join(event, token);
    EXPECT_TRUE(r.status == 201 || r.status == 200) << r.body;
    return r.json().is_object() ? str(r.json(), "token") : "";
  }
  static HttpResult poll(const std::string& token, unsigned short port = 0) {
    return HttpClient(port ? port : server().port()).get("/api/v1/queue/" + token);
  }
  static std::string state_of(const std::string& token) {
    auto r = poll(token);
    return r.status == 200 ? str(r.json(), "state") : "http " + std::to_string(r.status);
  }
  // Polls until the entry is in `state`, for up to `timeout`.
  static bool becomes(const std::string& token, const std::string& state,
                      milliseconds timeout = milliseconds(3000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (state_of(token) == state) return true;
      std::this_thread::sleep_for(milliseconds(50));
    }
    return false;
  }
  static HttpResult hold(const std::string& event, const std::string& buyer,
                         const std::string& queue_token, int quantity = 1) {
    auto headers = auth(buyer);
    if (!queue_token.empty()) headers.emplace_back("X-Queue-Token", queue_token);
    return client().request("POST", "/api/v1/holds",
                            json::serialize(json::object{
                                {"event_id", event}, {"section", "floor"}, {"quantity", quantity}}),
                            headers);
  }
  static std::string sha256_hex(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }
  // The draw as documented: the first 8 bytes of SHA-256("<seed>:<number>"), big-endian.
  static std::uint64_t draw_key(const std::string& seed, std::int64_t number) {
    const auto hex = sha256_hex(seed + ":" + std::to_string(number));
    return std::stoull(hex.substr(0, 16), nullptr, 16);
  }
};

TEST_F(QueueTest, JoiningBeforeSalesOpenPlacesBuyersByAVerifiableDraw) {
  const std::string event = queued_event("Draw", {{"enabled", true}, {"max_active", 3}}, 1);
  // One place in the draw per account: without one there is none, and a second join of the
  // same account is the same place, so that extra joins win nothing.
  auto anonymous = join(event);
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(error_code(anonymous), "sign_in_required");
  std::vector<std::string> tokens;
  for (int i = 0; i < 12; ++i) {
    const std::string buyer = new_account("buyer");
    tokens.push_back(joined_token(event, buyer));
    auto again = join(event, buyer);
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(str(again.json(), "token"), tokens.back());
  }
  const auto before = client().get(event_path(event) + "/queue");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.json().at("seed").is_null());  // secret until sales open
  const std::string commitment = str(before.json(), "commitment");
  std::vector<std::int64_t> positions;
  for (const auto& t : tokens) {
    auto r = poll(t);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(str(r.json(), "state"), "waiting");
    EXPECT_TRUE(r.json().at("drawn").as_bool());
    positions.push_back(r.json().at("position").as_int64());
  }
  auto sorted = positions;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i], static_cast<int>(i + 1));
  EXPECT_NE(positions, sorted) << "arriving first gave the first places: no draw happened";

  // Sales open: the seed is revealed, matches the commitment, and explains every position.
  const auto opening = std::chrono::floor<seconds>(Clock::now()) + seconds(2);
  auto moved = patch(event_path(event), {{"sales_open_at", rfc3339(opening)}}, manager_token());
  ASSERT_EQ(moved.status, 200) << moved.body;
  HttpResult after;
  const auto deadline = std::chrono::steady_clock::now() + seconds(8);
  do {
    std::this_thread::sleep_for(milliseconds(200));
    after = client().get(event_path(event) + "/queue?limit=100");
    ASSERT_EQ(after.status, 200) << after.body;
  } while (after.json().at("seed").is_null() && std::chrono::steady_clock::now() < deadline);
  const std::string seed = str(after.json(), "seed");
  EXPECT_EQ(sha256_hex(seed), commitment);
  std::vector<std::pair<std::uint64_t, std::int64_t>> keys;
  for (const auto& e : after.json().at("entries").as_array())
    keys.emplace_back(draw_key(seed, e.at("number").as_int64()), e.at("number").as_int64());
  ASSERT_EQ(keys.size(), tokens.size());
  std::sort(keys.begin(), keys.end());
  std::map<std::int64_t, std::int64_t> drawn_position;
  for (std::size_t i = 0; i < keys.size(); ++i) drawn_position[keys[i].second] = i + 1;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    EXPECT_EQ(drawn_position[static_cast<std::int64_t>(i + 1)], positions[i]) << "entry " << i + 1;

  // The first three of the draw are let in, nobody else.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool first_three = positions[i] <= 3;
    if (first_three) {
      EXPECT_TRUE(becomes(tokens[i], "admitted")) << "position " << positions[i];
    } else {
      EXPECT_EQ(state_of(tokens[i]), "waiting") << "position " << positions[i];
    }
  }
  // Joining now is first come, first served: behind everyone drawn.
  auto late = join(event);
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_FALSE(late.json().at("drawn").as_bool());
  EXPECT_EQ(late.json().at("position").as_int64(),
            static_cast<std::int64_t>(tokens.size()) - 3 + 1);
}

TEST_F(QueueTest, AfterSalesOpenItIsFirstComeFirstServedWithinMaxActive) {
  const std::string event = queued_event("FIFO", {{"enabled", true}, {"max_active", 2}});
  std::vector<std::string> tokens;
  for (int i = 0; i < 5; ++i) tokens.push_back(joined_token(event));
  ASSERT_TRUE(becomes(tokens[0], "admitted"));
  ASSERT_TRUE(becomes(tokens[1], "admitted"));
  std::this_thread::sleep_for(milliseconds(600));  // two more admission rounds
  for (int i = 2; i < 5; ++i) {
    auto r = poll(tokens[i]);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(str(r.json(), "state"), "waiting");
    EXPECT_EQ(r.json().at("position").as_int64(), i - 1);
    EXPECT_EQ(r.json().at("ahead").as_int64(), i - 2);
    EXPECT_GT(r.json().at("estimated_wait_seconds").as_int64(), 0);
  }
  const auto admitted = poll(tokens[0]);
  EXPECT_GT(epoch_seconds(admitted.json(), "admitted_until"), epoch_seconds(rfc3339(kTestNow)));

  // Leaving frees the slot for the next in line.
  EXPECT_EQ(client().del("/api/v1/queue/" + tokens[0]).status, 204);
  EXPECT_EQ(state_of(tokens[0]), "left");
  EXPECT_TRUE(becomes(tokens[2], "admitted"));
  EXPECT_EQ(state_of(tokens[3]), "waiting");
  EXPECT_EQ(poll(tokens[4]).json().at("position").as_int64(), 2);
  EXPECT_EQ(client().del("/api/v1/queue/" + tokens[0]).status, 409);
}

TEST_F(QueueTest, HoldsNeedTheBuyersAdmittedTokenAndEndWithItsWindow) {
  const std::string event = queued_event("Gate", {{"enabled", true}, {"max_active", 1}});
  const std::string buyer = new_account("buyer");
  const std::string other = new_account("buyer");
  auto none = hold(event, buyer, "");
  EXPECT_EQ(none.status, 403) << none.body;
  EXPECT_EQ(error_code(none), "queue_required");

  const std::string mine = joined_token(event, buyer);
  ASSERT_TRUE(becomes(mine, "admitted"));
  const std::string theirs = joined_token(event, other);
  EXPECT_EQ(state_of(theirs), "waiting");
  auto waiting = hold(event, other, theirs);
  EXPECT_EQ(waiting.status, 403) << waiting.body;
  EXPECT_EQ(error_code(waiting), "queue_required");

  auto shared = hold(event, other, mine);  // someone else's admitted token
  EXPECT_EQ(shared.status, 409) << shared.body;
  EXPECT_EQ(error_code(shared), "queue_token_taken");

  auto held = hold(event, buyer, mine, 2);
  ASSERT_EQ(held.status, 201) << held.body;
  // The first hold opened the whole window; the node's memory of the line follows within moments.
  auto polled = poll(mine);
  for (int i = 0; i < 100 && !polled.json().at("started").as_bool(); ++i) {
    std::this_thread::sleep_for(milliseconds(50));
    polled = poll(mine);
  }
  const auto until = epoch_seconds(polled.json(), "admitted_until");
  EXPECT_LE(epoch_seconds(held.json(), "expires_at"), until);

  // Joining again while admitted returns the same place.
  auto again = join(event, buyer);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(str(again.json(), "token"), mine);
}

TEST_F(QueueTest, BuyingEndsTheEntryAndFreesItsSlot) {
  const std::string event = queued_event("Checkout", {{"enabled", true}, {"max_active", 1}});
  const std::string buyer = new_account("buyer");
  const std::string mine = joined_token(event, buyer);
  ASSERT_TRUE(becomes(mine, "admitted"));
  const std::string next = joined_token(event);
  auto held = hold(event, buyer, mine, 1);
  ASSERT_EQ(held.status, 201) << held.body;
  const auto types = client().get(event_path(event) + "/ticket-types");
  const std::string type = str(types.json().at("ticket_types").as_array().at(0), "id");
  auto order = client().request(
      "POST", "/api/v1/orders",
      json::serialize(json::object{
          {"hold_id", str(held.json(), "id")},
          {"buyer", {{"name", "Ada Buyer"}, {"email", "ada@example.com"}}},
          {"items", json::array{{{"section", "floor"}, {"ticket_type_id", type}}}},
          {"payment", {{"method", "test_card"}, {"card_number", "4242424242424242"}}}}),
      {{"Authorization", "Bearer " + buyer}, {"Idempotency-Key", unique_name("key")}});
  ASSERT_EQ(order.status, 201) << order.body;
  EXPECT_EQ(state_of(mine), "completed");
  EXPECT_TRUE(becomes(next, "admitted"));
  // Done shopping: a new hold needs a new place in line.
  EXPECT_EQ(error_code(hold(event, buyer, mine)), "queue_required");
}

// A simulated on-sale: 48 buyers in line for 32 places, each buying 1 to 3 as their turn comes.
// Once a few orders show how many places a buyer takes, every waiting buyer's odds are read;
// the sale then runs out, and the odds are held against who really got places.
TEST_F(QueueTest, TheOddsInLineMatchWhoReallyGotPlaces) {
  const std::string event =
      published_event(make_place("Odds Hall", small_sections(32)), "Odds Night",
                      {{"sales_open_at", at(-1)},
                       {"max_tickets_per_buyer", 4},
                       {"queue", {{"enabled", true}, {"max_active", 5}}}});
  const auto types = client().get(event_path(event) + "/ticket-types");
  const std::string type = str(types.json().at("ticket_types").as_array().at(0), "id");
  constexpr int kBuyers = 48;
  std::vector<std::string> buyers;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) {
    buyers.push_back(new_account("buyer"));
    tokens.push_back(joined_token(event, buyers.back()));
  }
  // Before any order the odds keep both ends: 32 places at most 4 each serve at least 8 buyers,
  // less the 5 admitted; at one each, 27 more.
  const auto first = poll(tokens[10]).json();
  EXPECT_EQ(first.at("odds").at("buyers_ahead_who_can_buy").as_int64(), 3) << first;
  EXPECT_EQ(first.at("odds").at("likely").as_string(), "uncertain") << first;
  EXPECT_EQ(poll(tokens[5]).json().at("odds").at("likely").as_string(), "likely");
  EXPECT_EQ(poll(tokens[40]).json().at("odds").at("likely").as_string(), "unlikely");

  // Buyer i wants 1 + i % 3 places and takes what is left when fewer remain.
  auto buy = [&](int i) {
    for (int want = 1 + i % 3; want > 0; --want) {
      auto held = hold(event, buyers[i], tokens[i], want);
      if (held.status != 201) continue;
      auto order = client().request(
          "POST", "/api/v1/orders",
          json::serialize(json::object{
              {"hold_id", str(held.json(), "id")},
              {"buyer", {{"name", "Odds Buyer"}, {"email", "odds@example.com"}}},
              {"items", json::array{{{"section", "floor"}, {"ticket_type_id", type}}}},
              {"payment", {{"method", "test_card"}, {"card_number", "4242424242424242"}}}}),
          {{"Authorization", "Bearer " + buyers[i]}, {"Idempotency-Key", unique_name("odds")}});
      EXPECT_EQ(order.status, 201) << order.body;
      return order.status == 201;
    }
    EXPECT_EQ(client().del("/api/v1/queue/" + tokens[i]).status, 204);
    return false;
  };
  std::vector<bool> got(kBuyers, false);
  std::map<int, std::string> told;  // buyer -> what their odds said
  for (int i = 0; i < kBuyers; ++i) {
    if (i == 5) {
      // The sales so far reach the room's memory within one read of them (every 2 s).
      std::this_thread::sleep_for(milliseconds(2500));
      for (int j = i; j < kBuyers; ++j) {
        auto r = poll(tokens[j]);
        ASSERT_EQ(r.status, 200) << r.body;
        if (str(r.json(), "state") != "waiting") continue;
        const auto& odds = r.json().at("odds");
        told[j] = str(odds, "likely");
        EXPECT_EQ(odds.at("places_left").as_int64(), 32 - (1 + 2 + 3 + 1 + 2));
      }
    }
    // Sold out: nobody further is let in, and their place says so.
    const auto deadline = std::chrono::steady_clock::now() + seconds(5);
    std::string state = state_of(tokens[i]);
    while (state == "waiting" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(50));
      state = state_of(tokens[i]);
    }
    if (state == "admitted")
      got[i] = buy(i);
    else
      EXPECT_EQ(state, "sold_out") << "buyer " << i;
  }

  int likely = 0, likely_bought = 0, unlikely = 0;
  for (const auto& [buyer, verdict] : told) {
    if (verdict == "likely") {
      ++likely;
      if (got[buyer]) ++likely_bought;
    } else if (verdict == "unlikely") {
      ++unlikely;
      EXPECT_FALSE(got[buyer]) << "buyer " << buyer << " was told unlikely but bought";
    }
  }
  const auto bought = std::count(got.begin(), got.end(), true);
  EXPECT_GT(bought, 10);
  EXPECT_LT(bought, kBuyers - 20);  // places ran out with many still in line
  ASSERT_GT(likely, 5);
  ASSERT_GT(unlikely, 5);
  EXPECT_GE(likely_bought * 10, likely * 8)
      << likely_bought << " of " << likely << " told likely bought";
  // Sold out at the end: whoever is still in line is told so, early.
  auto last = poll(tokens[kBuyers - 1]);
  EXPECT_EQ(last.json().at("odds").at("likely").as_string(), "unlikely") << last.body;
}

TEST_F(QueueTest, ForgedOrForeignTokensAreRefused) {
  const std::string event = queued_event("Forgery", {{"enabled", true}, {"max_active", 5}});
  const std::string other_event = queued_event("Forgery B", {{"enabled", true}, {"max_active", 5}});
  const std::string buyer = new_account("buyer");
  const std::string token = joined_token(event, buyer);
  ASSERT_TRUE(becomes(token, "admitted"));

  std::string forged = token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_EQ(poll(forged).status, 404);
  EXPECT_EQ(error_code(poll(forged)), "queue_token_invalid");
  auto forged_hold = hold(event, buyer, forged);
  EXPECT_EQ(forged_hold.status, 403) << forged_hold.body;

  // Another number under the same tag, or a guess, is not a token either.
  const auto dot = token.rfind('.');
  const auto number_dot = token.rfind('.', dot - 1);
  const std::string renumbered = token.substr(0, number_dot) + ".2" + token.substr(dot);
  EXPECT_EQ(poll(renumbered).status, 404);
  EXPECT_EQ(poll("garbage").status, 404);
  EXPECT_EQ(poll(event + ".1.deadbeef").status, 404);

  auto foreign = hold(other_event, buyer, token);
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_EQ(error_code(foreign), "queue_required");
}

TEST_F(QueueTest, NobodyIsAdmittedIntoASoldOutEventButTheLineStaysForReturns) {
  const std::string event =
      queued_event("Sell-out", {{"enabled", true}, {"max_active", 10}}, -1, 2);
  const std::string buyer = new_account("buyer");
  const std::string first = joined_token(event, buyer);
  ASSERT_TRUE(becomes(first, "admitted"));
  auto held = hold(event, buyer, first, 2);
  ASSERT_EQ(held.status, 201) << held.body;

  const std::string late = joined_token(event);
  EXPECT_TRUE(becomes(late, "sold_out"));
  std::this_thread::sleep_for(milliseconds(600));
  EXPECT_EQ(state_of(late), "sold_out");

  // The places come back: the next in line is let in.
  EXPECT_EQ(client().del("/api/v1/holds/" + str(held.json(), "id"), buyer).status, 204);
  EXPECT_TRUE(becomes(late, "admitted"));
}

TEST_F(QueueTest, ClosingSalesTellsTheLineItIsOver) {
  const std::string event = queued_event("Closing", {{"enabled", true}, {"max_active", 1}});
  const std::string first = joined_token(event);
  ASSERT_TRUE(becomes(first, "admitted"));
  const std::string second = joined_token(event);
  EXPECT_EQ(state_of(second), "waiting");
  ASSERT_EQ(act(event, "close-sales").status, 200);
  EXPECT_TRUE(becomes(second, "closed"));
  EXPECT_TRUE(poll(second).json().at("estimated_wait_seconds").is_null());
  EXPECT_EQ(error_code(join(event)), "sales_closed");
}

TEST_F(QueueTest, JoiningASoldOutEventStartsAWaitingListThatReturnedPlacesGoTo) {
  // No waiting room set up: holds need no token until the event sells out and someone queues.
  const std::string event = queued_event("Waiting list", {{"enabled", false}}, -1, 2);
  const std::string buyer = new_account("buyer");
  auto held = hold(event, buyer, "", 2);
  ASSERT_EQ(held.status, 201) << held.body;

  const std::string fan = new_account("buyer");
  const std::string token = joined_token(event, fan);
  EXPECT_TRUE(becomes(token, "sold_out"));
  EXPECT_TRUE(client().get(event_path(event) + "/queue").json().at("active").as_bool());

  EXPECT_EQ(client().del("/api/v1/holds/" + str(held.json(), "id"), buyer).status, 204);
  EXPECT_TRUE(becomes(token, "admitted"));
  const std::string stranger = new_account("buyer");
  EXPECT_EQ(error_code(hold(event, stranger, "")), "queue_required");
  EXPECT_EQ(hold(event, fan, token, 2).status, 201);
}

TEST_F(QueueTest, DemandAboveTheThresholdSwitchesTheRoomOn) {
  const std::string event = queued_event("Rush", {{"enabled", false}, {"auto_threshold", 3}});
  const std::string buyer = new_account("buyer");
  ASSERT_EQ(hold(event, buyer, "", 3).status, 201);
  auto next = hold(event, new_account("buyer"), "");
  EXPECT_EQ(next.status, 403) << next.body;
  EXPECT_EQ(error_code(next), "queue_required");
}

TEST_F(QueueTest, JoinsAreValidatedAndUnknownEventsHaveNoLine) {
  const std::string event = queued_event("Validation", {{"enabled", true}});
  const auto empty = client().get(event_path(event) + "/queue");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json().at("commitment").is_null());  // no room until someone joins
  EXPECT_EQ(empty.json().at("joined").as_int64(), 0);
  joined_token(event);
  const auto after = client().get(event_path(event) + "/queue");
  EXPECT_EQ(str(after.json(), "commitment").size(), 64u);
  auto bad = join(event, "", {{"notify", {{"email", "not-an-address"}, {"phone", "12345"}}}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(names_field(bad, "notify.email"));
  EXPECT_TRUE(names_field(bad, "notify.phone"));
  EXPECT_EQ(join("evt_missing").status, 404);
  auto malformed = client().request("POST", event_path(event) + "/queue", "{",
                                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(malformed.status, 400) << malformed.body;
  EXPECT_EQ(error_code(malformed), "malformed_json");
}

// What another site's page can make its visitors' browsers send without asking (a form, plain
// text, an empty POST) does not join anyone: only a JSON request does.
TEST_F(QueueTest, OnlyAJsonRequestJoinsSoOtherSitesCannotFillTheLine) {
  const std::string event = queued_event("Drive-by", {{"enabled", true}});
  const std::string target = event_path(event) + "/queue";
  for (const auto& [type, body] : std::vector<std::pair<std::string, std::string>>{
           {"", ""},
           {"application/x-www-form-urlencoded", "a=1"},
           {"text/plain", "{}"},
           {"multipart/form-data; boundary=x", ""}}) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!type.empty()) headers.emplace_back("Content-Type", type);
    auto r = client().request("POST", target, body, headers);
    EXPECT_EQ(r.status, 400) << type << ": " << r.body;
    EXPECT_EQ(error_code(r), "unsupported_media_type") << type;
  }
  EXPECT_EQ(client().get(target).json().at("joined").as_int64(), 0);
  EXPECT_EQ(join(event).status, 201);
}

TEST_F(QueueTest, TheUpdatesStreamTellsAWatcherWhenTheyAreAdmitted) {
  const std::string event = queued_event("Stream", {{"enabled", true}, {"max_active", 1}});
  const std::string first = joined_token(event);
  ASSERT_TRUE(becomes(first, "admitted"));
  const std::string second = joined_token(event);
  EventStream stream(server().port(), event_path(event) + "/updates?queue_token=" + second);
  ASSERT_EQ(stream.status(), 200) << stream.head();
  auto queue_message = [&](milliseconds timeout) -> std::optional<SseMessage> {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto m = stream.next(milliseconds(200));
      if (m && m->event == "queue") return m;
    }
    return std::nullopt;
  };
  auto waiting = queue_message(milliseconds(2000));
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->data.at("state").as_string(), "waiting");
  EXPECT_EQ(waiting->data.at("position").as_int64(), 1);
  EXPECT_EQ(client().del("/api/v1/queue/" + first).status, 204);
  // The odds may change first (the one shopping left): the place is told again, still waiting.
  auto admitted = queue_message(milliseconds(3000));
  while (admitted && admitted->data.at("state").as_string() == "waiting")
    admitted = queue_message(milliseconds(3000));
  ASSERT_TRUE(admitted);
  EXPECT_EQ(admitted->data.at("state").as_string(), "admitted");
  EXPECT_EQ(EventStream(server().port(), event_path(event) + "/updates?queue_token=x").status(),
            404);
}

TEST_F(QueueTest, AnEntryJoinedOnOneNodeIsPolledOnAnother) {
  ServerProcess other(g_server, shared_->db.url());
  const std::string event = queued_event("Two nodes", {{"enabled", true}, {"max_active", 1}});
  for (int i = 0; i < 3; ++i) {
    const std::string token = joined_token(event);
    auto r = poll(token, other.port());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("number").as_int64(), i + 1);
  }
}

TEST_F(QueueTest, JoinsAreRateLimitedPerAddressAndPerAccount) {
  OwnServer limited({"--rate-limit-loopback", "--queue-joins-per-address", "4",
                     "--queue-joins-per-account", "2"});
  const std::string event = event_on(limited, "Limits", {{"enabled", true}}, -1);
  ASSERT_FALSE(event.empty());
  const auto c = limited.client();
  ASSERT_EQ(c.post("/api/v1/accounts",
                   {{"email", "fan@own.example"}, {"password", "password-123"}, {"name", "Fan"}})
                .status,
            201);
  const std::string fan = sign_in(c, "fan@own.example", "password-123");
  const auto port = limited.server.port();
  EXPECT_EQ(join(event, fan, {}, port).status, 201);
  EXPECT_EQ(join(event, fan, {}, port).status, 200);  // the same entry, but it counts
  auto account_limited = join(event, fan, {}, port);
  EXPECT_EQ(account_limited.status, 429) << account_limited.body;
  EXPECT_EQ(error_code(account_limited), "too_many_attempts");

  for (int i = 0; i < 2; ++i) EXPECT_EQ(join(event, "", {}, port).status, 201);
  auto address_limited = join(event, "", {}, port);
  EXPECT_EQ(address_limited.status, 429) << address_limited.body;
  EXPECT_FALSE(address_limited.header("retry-after").empty());
}

// A turn nobody takes passes on after --queue-start-within, not at the end of a whole checkout
// window: joins that never shop (a bot's hundred joins, a buyer who walked away) cannot hold the
// line up. The first hold opens the whole window.
TEST_F(QueueTest, ATurnNobodyTakesPassesOnSoonAndAFirstHoldOpensTheWholeWindow) {
  OwnServer node({"--queue-start-within", "2"});
  const std::string event = event_on(
      node, "Quick Turns", {{"enabled", true}, {"max_active", 1}, {"window_seconds", 600}}, -1);
  ASSERT_FALSE(event.empty());
  const auto port = node.server.port();
  const auto c = node.client();
  ASSERT_EQ(
      c.post("/api/v1/accounts",
             {{"email", "shopper@own.example"}, {"password", "password-123"}, {"name", "Shopper"}})
          .status,
      201);
  const std::string buyer = sign_in(c, "shopper@own.example", "password-123");
  const std::string idle = str(join(event, "", {}, port).json(), "token");
  const std::string shopper = str(join(event, buyer, {}, port).json(), "token");
  const auto status_when = [&](const std::string& token, const std::string& state) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(5);
    HttpResult r;
    do {
      r = poll(token, port);
      if (r.status == 200 && str(r.json(), "state") == state) return r;
      std::this_thread::sleep_for(milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    ADD_FAILURE() << token << " never became " << state << ": " << r.body;
    return r;
  };

  auto first = status_when(idle, "admitted");
  EXPECT_FALSE(first.json().at("started").as_bool());
  EXPECT_LE(epoch_seconds(first.json(), "admitted_until"),
            std::chrono::duration_cast<seconds>(Clock::now().time_since_epoch()).count() + 2);
  EXPECT_EQ(str(poll(shopper, port).json(), "state"), "waiting");

  // The idle entry's two seconds pass; the shopper is let in, and has two seconds to start.
  auto next = status_when(shopper, "admitted");
  EXPECT_EQ(str(poll(idle, port).json(), "state"), "expired");
  EXPECT_FALSE(next.json().at("started").as_bool());
  const auto hold_request = [&] {
    return HttpClient(port).request(
        "POST", "/api/v1/holds",
        json::serialize(json::object{{"event_id", event}, {"section", "floor"}, {"quantity", 1}}),
        {{"Authorization", "Bearer " + buyer}, {"X-Queue-Token", shopper}});
  };
  auto held = hold_request();
  ASSERT_EQ(held.status, 201) << held.body;
  auto started = status_when(shopper, "admitted");
  const auto admitted_at = epoch_seconds(next.json(), "admitted_until") - 2;
  const auto deadline = std::chrono::steady_clock::now() + seconds(5);
  while (!started.json().at("started").as_bool() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(50));
    started = poll(shopper, port);
  }
  EXPECT_TRUE(started.json().at("started").as_bool()) << started.body;
  EXPECT_EQ(epoch_seconds(started.json(), "admitted_until"), admitted_at + 600);

  // Past the time to start, the started buyer still shops.
  std::this_thread::sleep_for(milliseconds(2500));
  EXPECT_EQ(str(poll(shopper, port).json(), "state"), "admitted");
  auto more = hold_request();
  EXPECT_EQ(more.status, 201) << more.body;
}

TEST_F(QueueTest, AnAdmittedBuyerIsToldByEmailAndTextMessage) {
  SmtpSink mail;
  WebhookSink texts;
  OwnServer node({"--smtp-url", mail.url(), "--mail-from", "tickets@boxoffice.test",
                  "--sms-webhook-url", texts.url(), "--public-url", "https://tickets.example"});
  const std::string event =
      event_on(node, "Mailed Show", {{"enabled", true}, {"max_active", 5}}, -1);
  ASSERT_FALSE(event.empty());

  // Messages are for signed-in buyers: without an account, a join cannot make the site write to
  // any address it names.
  const json::object notify{
      {"notify", {{"email", "fan@example.com"}, {"phone", "+4915112345678"}}}};
  auto anonymous = join(event, "", notify, node.server.port());
  ASSERT_EQ(anonymous.status, 422) << anonymous.body;
  EXPECT_TRUE(names_field(anonymous, "notify"));
  const auto c = node.client();
  ASSERT_EQ(c.post("/api/v1/accounts",
                   {{"email", "fan@example.com"}, {"password", "password-123"}, {"name", "Fan"}})
                .status,
            201);
  auto joined =
      join(event, sign_in(c, "fan@example.com", "password-123"), notify, node.server.port());
  ASSERT_EQ(joined.status, 201) << joined.body;
  const std::string token = str(joined.json(), "token");
  EXPECT_EQ(join(event, "", {}, node.server.port()).status, 201);  // asked for no message

  const auto mails = mail.wait_for(1, milliseconds(10000));
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].envelope_to, std::vector<std::string>{"fan@example.com"});
  EXPECT_EQ(mails[0].envelope_from, "tickets@boxoffice.test");
  EXPECT_NE(mails[0].subject.find("Mailed Show"), std::string::npos) << mails[0].subject;
  EXPECT_NE(mails[0].body.find("https://tickets.example/queue.html?token=" + token),
            std::string::npos)
      << mails[0].body;
  // Until the first hold the turn is kept only for --queue-start-within, and the message says so.
  EXPECT_NE(mails[0].body.find("Choose your first seats by"), std::string::npos) << mails[0].body;
  const auto sms = texts.wait_for(1, milliseconds(5000));
  ASSERT_EQ(sms.size(), 1u);
  const auto message = json::parse(sms[0]);
  EXPECT_EQ(message.at("to").as_string(), "+4915112345678");
  EXPECT_NE(std::string(message.at("message").as_string()).find(token), std::string::npos);
  EXPECT_NE(std::string(message.at("message").as_string()).find("Choose your seats by"),
            std::string::npos);
  std::this_thread::sleep_for(milliseconds(1000));
  EXPECT_EQ(mail.wait_for(2, milliseconds(0)).size(), 1u);  // exactly one, not one per node tick
}

// That an ended window frees its slot for the next in line and ends the holds made in it is
// checked to the second with a manual clock in src/app/background_test.cpp: the shortest window
// is a minute, too long to wait for here.

}  // namespace
}  // namespace boxoffice::testing
