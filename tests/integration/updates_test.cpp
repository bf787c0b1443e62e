// The live updates stream through HTTP: a snapshot, then every hold, release, sale and expiry
// within 100 ms on one node; resuming with Last-Event-ID; changes made on another node; and reads
// that see every write committed before them, on any node.
#include <algorithm>
#include <thread>

#include "integration/event_helpers.hpp"
#include "support/event_stream.hpp"

namespace boxoffice::testing {
namespace {

using std::chrono::milliseconds;

class UpdatesTest : public EventFixture {
 protected:
  static std::string on_sale(const std::string& name, json::object overrides = {}) {
    overrides["sales_open_at"] = at(-1);
    return published_event(make_place(name), name, overrides);
  }
  static std::string updates_path(const std::string& event) {
    return event_path(event) + "/updates";
  }
  static std::string hold(const std::string& event, json::array seats, const std::string& token,
                          unsigned short port = 0) {
    auto r = HttpClient(port ? port : server().port())
                 .post("/api/v1/holds", {{"event_id", event}, {"seats", std::move(seats)}}, token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? str(r.json(), "id") : "";
  }
  // The next update that names `seat`, skipping others; nullopt if none comes within `timeout`.
  static std::optional<SseMessage> update_for(EventStream& stream, const std::string& seat,
                                              milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
      auto m = stream.next(std::max(left, milliseconds(0)));
      if (!m) return std::nullopt;
      if (m->event != "update") continue;
      for (const auto& s : m->data.at("seats").as_array())
        if (s.at("id").as_string() == seat) return m;
    }
  }
  static std::string state_in(const SseMessage& m, const std::string& seat) {
    std::string state;
    for (const auto& s : m.data.at("seats").as_array())
      if (s.at("id").as_string() == seat) state = s.at("state").as_string().c_str();
    return state;  // the last change of the seat in this message
  }
  static json::object section_in(const SseMessage& m, const std::string& key) {
    for (const auto& s : m.data.at("sections").as_array())
      if (s.at("key").as_string() == key) return s.as_object();
    return {};
  }
};

TEST_F(UpdatesTest, AStreamStartsWithASnapshotOfEverySection) {
  const std::string event = on_sale("Snapshot Show");
  EventStream stream(server().port(), updates_path(event));
  ASSERT_EQ(stream.status(), 200) << stream.head();
  EXPECT_NE(stream.head().find("text/event-stream"), std::string::npos) << stream.head();
  // Where sales stand comes first (no id: it is not part of the feed), then the places.
  auto status = stream.next(milliseconds(2000));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->event, "status");
  EXPECT_EQ(status->id, "");
  EXPECT_EQ(status->data.at("status").as_string(), "on_sale");
  EXPECT_TRUE(status->data.at("sales_open").as_bool());
  EXPECT_TRUE(status->data.at("sales_open_at").is_string());
  EXPECT_TRUE(status->data.at("sales_close_at").is_string());
  auto first = stream.next(milliseconds(2000));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->event, "snapshot");
  EXPECT_EQ(first->id, std::to_string(first->data.at("seq").as_int64()));
  const auto& sections = first->data.at("sections").as_array();
  ASSERT_EQ(sections.size(), 3u);
  std::int64_t places = 0;
  for (const auto& s : sections) places += s.at("available").as_int64();
  EXPECT_EQ(places, kDefaultPlaces);
}

TEST_F(UpdatesTest, UnknownAndHiddenEventsCannotBeWatched) {
  EXPECT_EQ(EventStream(server().port(), updates_path("evt_missing")).status(), 404);
  const std::string draft = ready_event(make_place("Draft Watch"), "Draft Watch");
  EXPECT_EQ(EventStream(server().port(), updates_path(draft)).status(), 404);
}

TEST_F(UpdatesTest, HoldsReleasesAndSalesReachWatchersWithin100Milliseconds) {
  const std::string event = on_sale("Live Show");
  EventStream stream(server().port(), updates_path(event));
  ASSERT_TRUE(stream.next(milliseconds(2000)));  // the snapshot
  // Signed in before the clock starts: a new account costs two Argon2id hashes.
  const std::string buyer = buyer_token();

  std::vector<double> delays;
  for (int n = 1; n <= 5; ++n) {
    const std::string seat = "stalls/A/" + std::to_string(n);
    const auto sent = std::chrono::steady_clock::now();
    const std::string id = hold(event, {seat}, buyer);
    auto m = update_for(stream, seat, milliseconds(2000));
    ASSERT_TRUE(m) << "no update for " << seat;
    delays.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count());
    EXPECT_EQ(state_in(*m, seat), "held");
    EXPECT_EQ(section_in(*m, "stalls").at("held").as_int64(), 1);
    EXPECT_EQ(client().del("/api/v1/holds/" + id, buyer).status, 204);
    auto freed = update_for(stream, seat, milliseconds(2000));
    ASSERT_TRUE(freed);
    EXPECT_EQ(state_in(*freed, seat), "available");
    EXPECT_EQ(section_in(*freed, "stalls").at("held").as_int64(), 0);
  }
  // The time from sending the hold to seeing its update includes the hold's own round trip.
  std::sort(delays.begin(), delays.end());
  EXPECT_LT(delays[2], 100.0) << "median " << delays[2] << " ms";
  EXPECT_LT(delays.back(), 500.0) << "slowest " << delays.back() << " ms";

  // A sale: the held seat becomes sold.
  auto type = client().get(event_path(event) + "/ticket-types").json().at("ticket_types");
  const std::string type_id(type.as_array()[0].at("id").as_string());
  const std::string id = hold(event, {"stalls/B/1"}, buyer_token());
  json::object order{
      {"hold_id", id},
      {"buyer", {{"name", "Ada Buyer"}, {"email", "ada@example.com"}}},
      {"items", json::array{json::object{{"seat", "stalls/B/1"}, {"ticket_type_id", type_id}}}},
      {"payment", {{"method", "test_card"}, {"card_number", "4242424242424242"}}}};
  auto paid = client().request(
      "POST", "/api/v1/orders", json::serialize(order),
      {{"Authorization", "Bearer " + buyer_token()}, {"Idempotency-Key", "live-sale"}});
  ASSERT_EQ(paid.status, 201) << paid.body;
  std::optional<SseMessage> sold;
  while ((sold = update_for(stream, "stalls/B/1", milliseconds(2000))) &&
         state_in(*sold, "stalls/B/1") != "sold") {
  }
  ASSERT_TRUE(sold) << "no update showed stalls/B/1 sold";
  EXPECT_EQ(section_in(*sold, "stalls").at("sold").as_int64(), 1);
}

TEST_F(UpdatesTest, AReconnectingClientGetsWhatItMissedOrASnapshot) {
  const std::string event = on_sale("Resume Show");
  std::string last;
  {
    EventStream stream(server().port(), updates_path(event));
    auto snapshot = stream.next(milliseconds(2000));
    if (snapshot && snapshot->event == "status") snapshot = stream.next(milliseconds(2000));
    ASSERT_TRUE(snapshot);
    last = snapshot->id;
  }
  hold(event, {"stalls/C/1"}, buyer_token());
  hold(event, {"stalls/C/2"}, buyer_token());

  EventStream resumed(server().port(), updates_path(event), last);
  std::vector<std::string> seats;
  for (auto m = resumed.next(milliseconds(2000)); m; m = resumed.next(milliseconds(300))) {
    if (m->event == "status") continue;  // every connection is told where sales stand
    ASSERT_EQ(m->event, "update") << "a resumable stream must not start over";
    for (const auto& s : m->data.at("seats").as_array()) seats.emplace_back(s.at("id").as_string());
  }
  EXPECT_EQ(seats, (std::vector<std::string>{"stalls/C/1", "stalls/C/2"}));

  for (const std::string bad : {"not-a-number", "999999999999"}) {
    EventStream fresh(server().port(), updates_path(event), bad);
    auto m = fresh.next(milliseconds(2000));
    if (m && m->event == "status") m = fresh.next(milliseconds(2000));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->event, "snapshot") << bad;
  }
}

TEST_F(UpdatesTest, AChangeOfTheEventSendsAFreshSnapshot) {
  const std::string event = on_sale("Capped Show");
  EventStream stream(server().port(), updates_path(event));
  ASSERT_TRUE(stream.next(milliseconds(2000)));  // the status
  ASSERT_TRUE(stream.next(milliseconds(2000)));  // the snapshot
  auto r = patch(event_path(event), {{"section_caps", {{"floor", 40}}}}, manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  auto m = stream.next(milliseconds(2000));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->event, "snapshot");
  EXPECT_EQ(section_in(*m, "floor").at("available").as_int64(), 40);
}

// Nodes share the database, not memory: each reads the change feed, so a watcher on one node sees
// a hold placed on another, and a read on any node sees every write committed before it.
TEST_F(UpdatesTest, ChangesOnOneNodeReachWatchersAndReadersOfAnother) {
  const std::string event = on_sale("Two Nodes");
  ServerProcess other(g_server, shared_->db.url());
  EventStream stream(other.port(), updates_path(event));
  ASSERT_TRUE(stream.next(milliseconds(2000)));

  // The account first: making it hashes two passwords, which is not the time being measured.
  const std::string buyer = buyer_token();
  const auto sent = std::chrono::steady_clock::now();
  hold(event, {"balcony/A/1"}, buyer, server().port());
  auto m = update_for(stream, "balcony/A/1", milliseconds(2000));
  ASSERT_TRUE(m) << "the other node never heard of the hold";
  EXPECT_LT(std::chrono::steady_clock::now() - sent, milliseconds(500));

  hold(event, {"balcony/A/2"}, buyer, server().port());
  auto seats = HttpClient(other.port()).get(event_path(event) + "/sections/balcony/seats");
  ASSERT_EQ(seats.status, 200) << seats.body;
  for (const auto& s : seats.json().at("seats").as_array())
    if (s.at("id").as_string() == "balcony/A/2") {
      EXPECT_EQ(s.at("state").as_string(), "held");
    }
  auto counts = HttpClient(other.port()).get(event_path(event) + "/availability");
  for (const auto& s : counts.json().at("sections").as_array())
    if (s.at("key").as_string() == "balcony") {
      EXPECT_EQ(s.at("held").as_int64(), 2);
    }
}

// The next "status" message within `timeout`, skipping the places' messages.
std::optional<SseMessage> next_status(EventStream& stream, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto m = stream.next(milliseconds(100));
    if (m && m->event == "status") return m;
  }
  return std::nullopt;
}

// A manager's pause on one node reaches a watcher of another (through the change feed), and the
// resume after it; nothing changes in the event's places meanwhile.
TEST_F(UpdatesTest, PausingAndResumingOnOneNodeReachWatchersOfAnotherAsAStatus) {
  const std::string event = on_sale("Paused Show");
  ServerProcess other(g_server, shared_->db.url());
  EventStream stream(other.port(), updates_path(event));
  auto first = next_status(stream, milliseconds(2000));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->data.at("status").as_string(), "on_sale");

  const auto sent = std::chrono::steady_clock::now();
  ASSERT_EQ(act(event, "pause-sales").status, 200);
  auto paused = next_status(stream, milliseconds(2000));
  ASSERT_TRUE(paused) << "the other node never told its watcher of the pause";
  EXPECT_LT(std::chrono::steady_clock::now() - sent, milliseconds(500));
  EXPECT_EQ(paused->data.at("status").as_string(), "paused");
  EXPECT_FALSE(paused->data.at("sales_open").as_bool());

  ASSERT_EQ(act(event, "resume-sales").status, 200);
  auto resumed = next_status(stream, milliseconds(2000));
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->data.at("status").as_string(), "on_sale");
  EXPECT_TRUE(resumed->data.at("sales_open").as_bool());
}

// No row changes when sales open by the clock: the watcher is told at that moment all the same.
TEST_F(UpdatesTest, SalesOpeningByTheClockIsSentAsAStatus) {
  const std::string event = on_sale("Opening Show");
  const auto opens = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                     std::chrono::seconds(3);
  auto r = patch(event_path(event), {{"sales_open_at", rfc3339(opens)}}, manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EventStream stream(server().port(), updates_path(event));
  auto before = next_status(stream, milliseconds(2000));
  ASSERT_TRUE(before);
  EXPECT_FALSE(before->data.at("sales_open").as_bool());
  EXPECT_EQ(before->data.at("sales_open_at").as_string(), rfc3339(opens));
  auto open = next_status(stream, milliseconds(6000));
  ASSERT_TRUE(open) << "sales opened, and the stream said nothing";
  EXPECT_GE(std::chrono::system_clock::now(), opens);
  EXPECT_LT(std::chrono::system_clock::now(), opens + milliseconds(1500));
  EXPECT_TRUE(open->data.at("sales_open").as_bool());
}

TEST_F(UpdatesTest, OpenStreamsDoNotHoldUpAShutdown) {
  const std::string event = on_sale("Shutdown Show");
  ServerProcess other(g_server, shared_->db.url());
  EventStream stream(other.port(), updates_path(event));
  ASSERT_TRUE(stream.next(milliseconds(2000)));
  const auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(other.stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(3));
  EXPECT_TRUE(stream.closed_within(milliseconds(1000)));
}

}  // namespace
}  // namespace boxoffice::testing
