// Events through HTTP (docs/events-api.md): creation, defaults and pinned layout versions, every
// validation rule, editing with revisions, the sales lifecycle, cancelling, the audit trail,
// visibility, listings, duplicates and the guards on every manager route.
#include <algorithm>
#include <map>
#include <thread>
#include <tuple>

#include "integration/event_helpers.hpp"

namespace boxoffice::testing {
namespace {

class EventTest : public EventFixture {};

std::vector<std::string> listed_ids(const HttpResult& r) {
  std::vector<std::string> out;
  if (!r.json().is_object() || !r.json().as_object().contains("events")) return out;
  for (const auto& e : r.json().at("events").as_array()) out.emplace_back(e.at("id").as_string());
  return out;
}

TEST_F(EventTest, CreateAnswersTheDraftWithEveryDefault) {
  const Place place = make_place("Defaults Hall");
  const std::string starts = at(30);
  auto r = post_event(event_body(place, "Defaults Night"), manager_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& ev = r.json().as_object();
  EXPECT_FALSE(str(ev, "id").empty());
  EXPECT_EQ(str(ev, "name"), "Defaults Night");
  EXPECT_EQ(str(ev, "status"), "draft");
  EXPECT_EQ(str(ev, "starts_at"), starts);
  EXPECT_EQ(str(ev, "sales_open_at"), at(1));
  EXPECT_EQ(str(ev, "sales_close_at"), starts) << "sales_close_at defaults to starts_at";
  EXPECT_EQ(str(ev, "venue_id"), place.venue);
  EXPECT_EQ(str(ev, "layout_id"), place.layout);
  EXPECT_EQ(ev.at("layout_version").as_int64(), 1);
  EXPECT_EQ(str(ev, "visibility"), "public");
  EXPECT_EQ(str(ev, "currency"), "EUR");
  EXPECT_EQ(ev.at("max_tickets_per_buyer").as_int64(), 8);
  EXPECT_EQ(ev.at("hold_seconds").as_int64(), 1800);
  const auto& queue = ev.at("queue");
  EXPECT_EQ(queue.at("enabled").as_bool(), false);
  EXPECT_EQ(queue.at("max_active").as_int64(), 1000);
  EXPECT_EQ(queue.at("auto_threshold").as_int64(), 0);
  EXPECT_EQ(queue.at("window_seconds").as_int64(), 1800);
  EXPECT_EQ(str(ev, "description"), "");
  EXPECT_TRUE(ev.at("performers").as_array().empty());
  EXPECT_TRUE(ev.at("section_caps").as_object().empty());
  EXPECT_EQ(ev.at("sales_open").as_bool(), false);
  EXPECT_EQ(ev.at("revision").as_int64(), 1);
  EXPECT_TRUE(ev.contains("created_at"));
  EXPECT_TRUE(ev.contains("updated_at"));
  for (const char* unset : {"doors_at", "ends_at", "public_at"})
    EXPECT_FALSE(ev.contains(unset)) << unset << " is left out when unset: " << r.body;

  auto got = get_event(str(ev, "id"), manager_token());
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json(), r.json()) << "GET answers what POST did";
}

TEST_F(EventTest, CreateKeepsEveryGivenField) {
  const Place place = make_place("Full Hall");
  json::object body = event_body(place, "Full Night", 40);
  body["description"] = "An evening of songs";
  body["performers"] = json::array{"The Openers", "Headliner"};
  body["doors_at"] = at(40 - 1.0 / 24);
  body["ends_at"] = at(40 + 3.0 / 24);
  body["sales_close_at"] = at(39);
  body["visibility"] = "hidden";
  body["max_tickets_per_buyer"] = 4;
  body["hold_seconds"] = 600;
  body["queue"] = {
      {"enabled", true}, {"max_active", 50}, {"auto_threshold", 200}, {"window_seconds", 900}};
  body["section_caps"] = {{"stalls", 10}, {"floor", 50}};
  body["currency"] = "CHF";
  auto r = post_event(body, manager_token());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& ev = r.json();
  EXPECT_EQ(str(ev, "description"), "An evening of songs");
  ASSERT_EQ(ev.at("performers").as_array().size(), 2u);
  EXPECT_EQ(ev.at("performers").at(1).as_string(), "Headliner");
  EXPECT_EQ(str(ev, "doors_at"), at(40 - 1.0 / 24));
  EXPECT_EQ(str(ev, "ends_at"), at(40 + 3.0 / 24));
  EXPECT_EQ(str(ev, "sales_close_at"), at(39));
  EXPECT_EQ(str(ev, "visibility"), "hidden");
  EXPECT_EQ(ev.at("max_tickets_per_buyer").as_int64(), 4);
  EXPECT_EQ(ev.at("hold_seconds").as_int64(), 600);
  EXPECT_EQ(ev.at("queue").at("enabled").as_bool(), true);
  EXPECT_EQ(ev.at("queue").at("max_active").as_int64(), 50);
  EXPECT_EQ(ev.at("queue").at("auto_threshold").as_int64(), 200);
  EXPECT_EQ(ev.at("queue").at("window_seconds").as_int64(), 900);
  EXPECT_EQ(ev.at("section_caps").at("stalls").as_int64(), 10);
  EXPECT_EQ(ev.at("section_caps").at("floor").as_int64(), 50);
  EXPECT_EQ(str(ev, "currency"), "CHF");
}

TEST_F(EventTest, BoundaryValuesAreAccepted) {
  const Place place = make_place("Boundary Hall");
  json::object low = event_body(place, std::string(200, 'n'));
  low["max_tickets_per_buyer"] = 1;
  low["hold_seconds"] = 60;
  low["queue"] = {{"max_active", 1}, {"window_seconds", 60}};
  low["section_caps"] = {{"floor", 0}, {"stalls", 0}};
  low["doors_at"] = at(30);  // doors may open at the start
  auto r = post_event(low, manager_token());
  EXPECT_EQ(r.status, 201) << r.body;

  json::object high = event_body(place, "High Night");
  high["max_tickets_per_buyer"] = 100;
  high["hold_seconds"] = 3600;
  high["queue"] = {{"max_active", 1000000}, {"window_seconds", 14400}};
  high["section_caps"] = {{"floor", 100}, {"stalls", 24}, {"balcony", 6}};
  high["visibility"] = "scheduled";
  high["public_at"] = at(29);
  auto h = post_event(high, manager_token());
  EXPECT_EQ(h.status, 201) << h.body;
}

TEST_F(EventTest, PinsTheLayoutVersionInForceOnStartsAt) {
  const Place place = make_place("Versioned Hall");
  auto v2 = add_version(place, 60,
                        parse(R"([{"key": "floor", "name": "Floor", "kind": "standing",
                                              "capacity": 500}])")
                            .as_array());
  ASSERT_EQ(v2.status, 201) << v2.body;
  ASSERT_EQ(v2.json().at("version").as_int64(), 2);

  auto before = create_event(place, "Before The Change", {}, 30);
  ASSERT_TRUE(before.contains("id"));
  EXPECT_EQ(before.at("layout_version").as_int64(), 1);
  auto after = create_event(place, "After The Change", {}, 90);
  ASSERT_TRUE(after.contains("id"));
  EXPECT_EQ(after.at("layout_version").as_int64(), 2);

  // Caps are checked against the pinned version: version 2 has no stalls, version 1 had.
  json::object capped = event_body(place, "Capped After", 90);
  capped["section_caps"] = {{"stalls", 5}, {"floor", 400}};
  auto r = post_event(capped, manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(names_field(r, "section_caps.stalls")) << r.body;
  EXPECT_FALSE(names_field(r, "section_caps.floor")) << "floor has 500 places in v2: " << r.body;
}

TEST_F(EventTest, ValidationNamesEveryBadValueAtOnce) {
  const Place place = make_place("Strict Hall");
  json::object body = event_body(place, std::string(201, 'x'));
  body["starts_at"] = at(-1);
  body["doors_at"] = at(-0.5);     // after starts_at
  body["ends_at"] = at(-2);        // not after starts_at
  body["sales_close_at"] = at(5);  // after starts_at
  body["sales_open_at"] = at(6);   // not before sales_close_at
  body["visibility"] = "secret";
  body["max_tickets_per_buyer"] = 101;
  body["hold_seconds"] = 3601;
  body["queue"] = {{"max_active", 1000001}, {"window_seconds", 59}};
  body["currency"] = "XYZ";
  body["section_caps"] = {{"nowhere", 1}, {"floor", 101}, {"stalls", -1}};
  auto r = post_event(body, manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_code(r), "validation_failed");
  for (const char* field :
       {"name", "starts_at", "doors_at", "ends_at", "sales_open_at", "sales_close_at", "visibility",
        "max_tickets_per_buyer", "hold_seconds", "queue.max_active", "queue.window_seconds",
        "currency", "section_caps.nowhere", "section_caps.floor", "section_caps.stalls"})
    EXPECT_TRUE(names_field(r, field)) << "missing " << field << " in " << r.body;
  EXPECT_EQ(field_message(r, "starts_at"), "must be in the future") << r.body;
  EXPECT_FALSE(names_field(r, "venue_id")) << r.body;
  EXPECT_FALSE(names_field(r, "layout_id")) << r.body;

  // The lower ends of the ranges.
  json::object low = event_body(place, "Low Night");
  low["max_tickets_per_buyer"] = 0;
  low["hold_seconds"] = 59;
  low["queue"] = {{"max_active", 0}, {"window_seconds", 14401}};
  auto l = post_event(low, manager_token());
  ASSERT_EQ(l.status, 422) << l.body;
  for (const char* field :
       {"max_tickets_per_buyer", "hold_seconds", "queue.max_active", "queue.window_seconds"})
    EXPECT_TRUE(names_field(l, field)) << "missing " << field << " in " << l.body;

  EXPECT_EQ(client()
                .get("/api/v1/events?venue_id=" + place.venue, manager_token())
                .json()
                .at("total")
                .as_int64(),
            0)
      << "nothing was created";
}

TEST_F(EventTest, SalesCloseInThePastAndPublicAtRules) {
  const Place place = make_place("Rules Hall");
  json::object past_close = event_body(place, "Past Close");
  past_close["sales_open_at"] = at(-2);
  past_close["sales_close_at"] = at(-1);
  past_close["public_at"] = at(10);  // without visibility scheduled
  auto r = post_event(past_close, manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(names_field(r, "sales_close_at")) << r.body;
  EXPECT_TRUE(names_field(r, "public_at")) << r.body;
  EXPECT_FALSE(names_field(r, "sales_open_at")) << r.body;

  json::object missing = event_body(place, "Scheduled Without Date");
  missing["visibility"] = "scheduled";
  auto m = post_event(missing, manager_token());
  ASSERT_EQ(m.status, 422) << m.body;
  EXPECT_TRUE(names_field(m, "public_at")) << m.body;

  json::object late = event_body(place, "Scheduled Too Late");
  late["visibility"] = "scheduled";
  late["public_at"] = at(30);  // not before starts_at
  auto t = post_event(late, manager_token());
  ASSERT_EQ(t.status, 422) << t.body;
  EXPECT_TRUE(names_field(t, "public_at")) << t.body;
}

TEST_F(EventTest, RequiredFieldsAreNamed) {
  auto r = post_event(json::object{}, manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  for (const char* field :
       {"name", "starts_at", "venue_id", "layout_id", "sales_open_at", "currency"})
    EXPECT_TRUE(names_field(r, field)) << "missing " << field << " in " << r.body;

  const Place place = make_place("Required Hall");
  json::object body = event_body(place, "No Layout");
  body.erase("layout_id");
  auto l = post_event(body, manager_token());
  ASSERT_EQ(l.status, 422) << l.body;
  EXPECT_TRUE(names_field(l, "layout_id")) << l.body;
}

TEST_F(EventTest, UnknownVenuesAndLayoutsAreNamed) {
  const Place place = make_place("Known Hall");
  const Place other = make_place("Other Hall");

  json::object no_venue = event_body(place, "Nowhere");
  no_venue["venue_id"] = "ven_nope";
  auto r = post_event(no_venue, manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(names_field(r, "venue_id")) << r.body;

  json::object no_layout = event_body(place, "No Such Layout");
  no_layout["layout_id"] = "lay_nope";
  auto l = post_event(no_layout, manager_token());
  ASSERT_EQ(l.status, 422) << l.body;
  EXPECT_TRUE(names_field(l, "layout_id")) << l.body;
  EXPECT_FALSE(names_field(l, "venue_id")) << l.body;

  json::object foreign = event_body(place, "Foreign Layout");
  foreign["layout_id"] = other.layout;  // exists, but in another venue
  auto f = post_event(foreign, manager_token());
  ASSERT_EQ(f.status, 422) << f.body;
  EXPECT_TRUE(names_field(f, "layout_id")) << f.body;

  const Place future = make_place("Future Hall", default_sections(), 60);
  auto early = post_event(event_body(future, "Too Early", 30), manager_token());
  ASSERT_EQ(early.status, 422) << "no version is in force on starts_at: " << early.body;
  EXPECT_TRUE(names_field(early, "layout_id")) << early.body;
}

TEST_F(EventTest, WrongTypesAndUnknownFieldsAreNamed) {
  const Place place = make_place("Typed Hall");
  json::object body = event_body(place, "Typed");
  body["name"] = 5;
  body["description"] = json::array{"a"};
  body["max_tickets_per_buyer"] = "8";
  body["performers"] = "just one";
  body["queue"] = {{"enabled", "yes"}};
  body["colour"] = "red";
  auto r = post_event(body, manager_token());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(field_message(r, "name"), "must be a string") << r.body;
  EXPECT_EQ(field_message(r, "description"), "must be a string") << r.body;
  for (const char* field : {"max_tickets_per_buyer", "performers", "queue.enabled"})
    EXPECT_TRUE(names_field(r, field)) << "missing " << field << " in " << r.body;
  EXPECT_EQ(field_message(r, "colour"), "is not a known field") << r.body;

  json::object nested = event_body(place, "Nested");
  nested["queue"] = {{"speed", 3}};
  auto n = post_event(nested, manager_token());
  ASSERT_EQ(n.status, 422) << n.body;
  EXPECT_EQ(field_message(n, "queue.speed"), "is not a known field") << n.body;

  auto malformed = client().request("POST", "/api/v1/events", "{\"name\": ", auth(manager_token()));
  EXPECT_EQ(malformed.status, 400) << malformed.body;
}

TEST_F(EventTest, PatchChangesOnlyTheGivenFieldsAndBumpsTheRevision) {
  const Place place = make_place("Patch Hall");
  auto ev = create_event(place, "Patch Me", {{"description", "first"}});
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");

  auto r = patch(event_path(id), {{"name", "Patched"}, {"hold_seconds", 900}}, manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json(), "name"), "Patched");
  EXPECT_EQ(r.json().at("hold_seconds").as_int64(), 900);
  EXPECT_EQ(r.json().at("revision").as_int64(), 2);
  EXPECT_EQ(str(r.json(), "description"), "first");
  EXPECT_EQ(str(r.json(), "starts_at"), str(ev, "starts_at"));
  EXPECT_EQ(str(r.json(), "sales_close_at"), str(ev, "sales_close_at"));
  EXPECT_EQ(r.json().at("max_tickets_per_buyer").as_int64(), 8);
  EXPECT_EQ(str(r.json(), "created_at"), str(ev, "created_at"));

  auto got = get_event(id, manager_token());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(str(got.json(), "name"), "Patched");
  EXPECT_EQ(got.json().at("revision").as_int64(), 2);

  auto with_revision =
      patch(event_path(id), {{"description", "second"}, {"revision", 2}}, manager_token());
  ASSERT_EQ(with_revision.status, 200) << with_revision.body;
  EXPECT_EQ(with_revision.json().at("revision").as_int64(), 3);

  auto stale = patch(event_path(id), {{"description", "lost"}, {"revision", 2}}, manager_token());
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(error_code(stale), "edit_conflict");
  auto after = get_event(id, manager_token());
  EXPECT_EQ(str(after.json(), "description"), "second");
  EXPECT_EQ(after.json().at("revision").as_int64(), 3);

  // Several times at once: checked together against the new starts_at.
  auto moved =
      patch(event_path(id),
            {{"starts_at", at(35)}, {"sales_close_at", at(34)}, {"doors_at", at(35 - 1.0 / 24)}},
            manager_token());
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(str(moved.json(), "starts_at"), at(35));
  EXPECT_EQ(str(moved.json(), "doors_at"), at(35 - 1.0 / 24));
  EXPECT_EQ(moved.json().at("revision").as_int64(), 4);

  EXPECT_EQ(patch(event_path("evt_nope"), {{"name", "x"}}, manager_token()).status, 404);
}

TEST_F(EventTest, PatchRevalidatesAgainstTheWholeEvent) {
  const Place place = make_place("Revalidate Hall");
  auto ev = create_event(place, "Revalidate Me");
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");

  auto bad =
      patch(event_path(id),
            {{"max_tickets_per_buyer", 0}, {"hold_seconds", 5}, {"colour", 1}, {"ends_at", at(29)}},
            manager_token());
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"max_tickets_per_buyer", "hold_seconds", "colour", "ends_at"})
    EXPECT_TRUE(names_field(bad, field)) << "missing " << field << " in " << bad.body;

  // sales_close_at (= the old starts_at) would now be after starts_at.
  auto earlier = patch(event_path(id), {{"starts_at", at(20)}}, manager_token());
  ASSERT_EQ(earlier.status, 422) << earlier.body;
  EXPECT_TRUE(names_field(earlier, "sales_close_at")) << earlier.body;

  auto past = patch(event_path(id), {{"starts_at", at(-1)}}, manager_token());
  ASSERT_EQ(past.status, 422) << past.body;
  EXPECT_EQ(field_message(past, "starts_at"), "must be in the future") << past.body;

  auto caps = patch(event_path(id), {{"section_caps", {{"balcony", 7}}}}, manager_token());
  ASSERT_EQ(caps.status, 422) << caps.body;
  EXPECT_TRUE(names_field(caps, "section_caps.balcony")) << caps.body;

  auto unchanged = get_event(id, manager_token());
  EXPECT_EQ(unchanged.json().at("revision").as_int64(), 1) << "failed edits change nothing";
  EXPECT_EQ(unchanged.json().at("hold_seconds").as_int64(), 1800);
}

TEST_F(EventTest, TimesThatAreNotChangedAreNotRecheckedAgainstNow) {
  const Place place = make_place("Clock Hall");
  const auto close =
      std::chrono::floor<std::chrono::seconds>(Clock::now()) + std::chrono::seconds(2);
  auto ev = create_event(place, "Closing Soon",
                         {{"sales_open_at", at(-1)}, {"sales_close_at", rfc3339(close)}});
  ASSERT_TRUE(ev.contains("id"));
  std::this_thread::sleep_until(close + std::chrono::milliseconds(200));

  auto r = patch(event_path(str(ev, "id")), {{"name", "Closed Already"}}, manager_token());
  EXPECT_EQ(r.status, 200) << "sales_close_at is in the past now but was not changed: " << r.body;

  auto changed = patch(event_path(str(ev, "id")), {{"sales_close_at", at(-0.5)}}, manager_token());
  ASSERT_EQ(changed.status, 422) << changed.body;
  EXPECT_TRUE(names_field(changed, "sales_close_at")) << changed.body;
}

TEST_F(EventTest, LifecycleMovesThroughTheAllowedTransitionsOnly) {
  const Place place = make_place("Lifecycle Hall");
  auto ev = create_event(place, "Lifecycle", {{"sales_open_at", at(-1)}});
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");

  auto early = act(id, "publish");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(error_code(early), "no_ticket_types");
  EXPECT_EQ(str(get_event(id, manager_token()).json(), "status"), "draft");

  for (const char* action : {"pause-sales", "resume-sales", "close-sales", "reopen-sales"}) {
    auto r = act(id, action);
    EXPECT_EQ(r.status, 409) << action << " on a draft: " << r.body;
    EXPECT_EQ(error_code(r), "invalid_transition") << action;
  }

  ASSERT_EQ(add_ticket_type(id, {{"name", "Standard"}, {"price", 3000}}).status, 201);
  struct Step {
    const char* action;
    int status;
    const char* state;  // the status afterwards
    bool sales_open;
  };
  const Step steps[] = {
      {"publish", 200, "on_sale", true},      {"publish", 409, "on_sale", true},
      {"resume-sales", 409, "on_sale", true}, {"reopen-sales", 409, "on_sale", true},
      {"pause-sales", 200, "paused", false},  {"pause-sales", 409, "paused", false},
      {"reopen-sales", 409, "paused", false}, {"resume-sales", 200, "on_sale", true},
      {"close-sales", 200, "closed", false},  {"close-sales", 409, "closed", false},
      {"pause-sales", 409, "closed", false},  {"resume-sales", 409, "closed", false},
      {"publish", 409, "closed", false},      {"reopen-sales", 200, "on_sale", true},
      {"pause-sales", 200, "paused", false},  {"close-sales", 200, "closed", false},
  };
  for (const auto& step : steps) {
    auto r = act(id, step.action);
    ASSERT_EQ(r.status, step.status) << step.action << ": " << r.body;
    if (step.status == 200) {
      EXPECT_EQ(str(r.json(), "status"), step.state) << step.action;
      EXPECT_EQ(r.json().at("sales_open").as_bool(), step.sales_open) << step.action;
    } else {
      EXPECT_EQ(error_code(r), "invalid_transition") << step.action;
    }
    auto now = get_event(id, manager_token());
    EXPECT_EQ(str(now.json(), "status"), step.state) << "after " << step.action;
  }
  EXPECT_EQ(act("evt_nope", "publish").status, 404);
}

TEST_F(EventTest, SalesAreNotOpenBeforeSalesOpenAt) {
  const Place place = make_place("Not Yet Hall");
  const std::string id = published_event(place, "Not Yet");  // sales open tomorrow
  ASSERT_FALSE(id.empty());
  auto r = get_event(id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json(), "status"), "on_sale");
  EXPECT_EQ(r.json().at("sales_open").as_bool(), false);
}

TEST_F(EventTest, CancelWithEachResolution) {
  const Place place = make_place("Cancel Hall");
  for (const char* resolution : {"refund", "credit", "buyer_choice"}) {
    const std::string id = published_event(place, unique_name(std::string("Cancel ") + resolution));
    ASSERT_FALSE(id.empty());
    auto r = act(id, "cancel", {{"resolution", resolution}});
    ASSERT_EQ(r.status, 200) << resolution << ": " << r.body;
    EXPECT_EQ(str(r.json().at("event"), "status"), "cancelled") << resolution;
    EXPECT_EQ(str(r.json().at("event"), "id"), id);
    EXPECT_EQ(str(r.json(), "resolution"), resolution);
    EXPECT_EQ(r.json().at("orders_settled").as_int64(), 0);
    EXPECT_FALSE(r.json().as_object().contains("rescheduled_event_id")) << r.body;
    EXPECT_EQ(str(get_event(id, manager_token()).json(), "status"), "cancelled");
  }

  // A draft can be cancelled too.
  auto draft = create_event(place, "Cancelled Draft");
  ASSERT_TRUE(draft.contains("id"));
  auto d = act(str(draft, "id"), "cancel", {{"resolution", "refund"}});
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(str(d.json().at("event"), "status"), "cancelled");

  auto unknown = act(published_event(place, "Bad Resolution"), "cancel", {{"resolution", "shrug"}});
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_TRUE(names_field(unknown, "resolution")) << unknown.body;
  auto none = act(published_event(place, "No Resolution"), "cancel", {});
  EXPECT_EQ(none.status, 422) << none.body;
  EXPECT_TRUE(names_field(none, "resolution")) << none.body;
}

TEST_F(EventTest, VoucherNeedsAnotherLiveEvent) {
  const Place place = make_place("Voucher Hall");
  const std::string id = published_event(place, "Voucher Show");
  const std::string replacement = published_event(place, "Replacement Show", {}, 60);
  auto gone = create_event(place, "Gone Show");
  ASSERT_TRUE(gone.contains("id"));
  ASSERT_EQ(act(str(gone, "id"), "cancel", {{"resolution", "refund"}}).status, 200);

  const std::vector<json::object> bad = {
      {{"resolution", "voucher"}},
      {{"resolution", "voucher"}, {"rescheduled_event_id", "evt_nope"}},
      {{"resolution", "voucher"}, {"rescheduled_event_id", id}},
      {{"resolution", "voucher"}, {"rescheduled_event_id", str(gone, "id")}},
  };
  for (const auto& body : bad) {
    auto r = act(id, "cancel", body);
    EXPECT_EQ(r.status, 422) << json::serialize(body) << ": " << r.body;
    EXPECT_TRUE(names_field(r, "rescheduled_event_id")) << json::serialize(body) << ": " << r.body;
  }
  EXPECT_EQ(str(get_event(id, manager_token()).json(), "status"), "on_sale")
      << "refused cancels change nothing";

  auto ok = act(id, "cancel", {{"resolution", "voucher"}, {"rescheduled_event_id", replacement}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(str(ok.json(), "resolution"), "voucher");
  EXPECT_EQ(str(ok.json(), "rescheduled_event_id"), replacement);
  EXPECT_EQ(str(ok.json().at("event"), "status"), "cancelled");
  EXPECT_EQ(str(get_event(replacement, manager_token()).json(), "status"), "on_sale");
}

TEST_F(EventTest, ACancelledEventStaysCancelled) {
  const Place place = make_place("Final Hall");
  const std::string id = published_event(place, "Final Show");
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(act(id, "cancel", {{"resolution", "refund"}}).status, 200);

  auto again = act(id, "cancel", {{"resolution", "credit"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_code(again), "invalid_transition");

  auto edit = patch(event_path(id), {{"name", "Resurrected"}}, manager_token());
  EXPECT_EQ(edit.status, 409) << edit.body;
  EXPECT_EQ(error_code(edit), "event_cancelled");

  for (const char* action :
       {"publish", "pause-sales", "resume-sales", "close-sales", "reopen-sales"}) {
    auto r = act(id, action);
    EXPECT_EQ(r.status, 409) << action << ": " << r.body;
    EXPECT_EQ(error_code(r), "invalid_transition") << action;
  }
  auto tt = add_ticket_type(id, {{"name", "Late"}, {"price", 100}});
  EXPECT_EQ(tt.status, 409) << tt.body;

  auto after = get_event(id, manager_token());
  EXPECT_EQ(str(after.json(), "name"), "Final Show");
  EXPECT_EQ(str(after.json(), "status"), "cancelled");
}

TEST_F(EventTest, AuditTrailRecordsEveryChangeInOrderWithItsActor) {
  const Place place = make_place("Audit Hall");
  const std::string manager = account_id(manager_token());
  const std::string admin = account_id(admin_token());
  auto ev = create_event(place, "Audited", {{"sales_open_at", at(-1)}});
  ASSERT_TRUE(ev.contains("id"));
  const std::string id = str(ev, "id");
  ASSERT_EQ(patch(event_path(id), {{"name", "Audited Twice"}}, admin_token()).status, 200);
  ASSERT_EQ(add_ticket_type(id, {{"name", "Standard"}, {"price", 1000}}).status, 201);
  for (const char* action :
       {"publish", "pause-sales", "resume-sales", "close-sales", "reopen-sales"})
    ASSERT_EQ(act(id, action).status, 200) << action;
  ASSERT_EQ(act(id, "cancel", {{"resolution", "refund"}}, admin_token()).status, 200);

  auto r = client().get(event_path(id) + "/audit", manager_token());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& entries = r.json().at("entries").as_array();
  const std::set<std::string> known = {"create",       "update",       "publish",
                                       "pause-sales",  "resume-sales", "close-sales",
                                       "reopen-sales", "cancel",       "move-layout"};
  std::vector<std::pair<std::string, std::string>> seen;  // action, actor
  std::string previous_at;
  for (const auto& e : entries) {
    const std::string action = str(e, "action");
    EXPECT_TRUE(known.contains(action)) << "unknown action " << action << " in " << r.body;
    EXPECT_TRUE(e.as_object().contains("detail")) << r.body;
    const std::string when = str(e, "at");
    EXPECT_LE(previous_at, when) << "oldest first: " << r.body;
    previous_at = when;
    seen.emplace_back(action, str(e, "actor_id"));
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"create", manager},       {"update", admin},         {"publish", manager},
      {"pause-sales", manager},  {"resume-sales", manager}, {"close-sales", manager},
      {"reopen-sales", manager}, {"cancel", admin}};
  // Adding a ticket type may be recorded as an update; everything expected comes in this order.
  std::size_t next = 0;
  for (const auto& entry : seen)
    if (next < expected.size() && entry == expected[next]) ++next;
  EXPECT_EQ(next, expected.size())
      << "entries out of order or missing (matched " << next << "): " << r.body;
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front(), expected.front()) << r.body;
  EXPECT_EQ(seen.back(), expected.back()) << r.body;

  EXPECT_EQ(client().get(event_path("evt_nope") + "/audit", manager_token()).status, 404);
}

TEST_F(EventTest, VisibilityDecidesWhoSeesWhat) {
  const Place place = make_place("Visibility Hall");
  const std::string shown = published_event(place, "Shown", {}, 30);
  const std::string hidden = published_event(place, "Hidden", {{"visibility", "hidden"}}, 31);
  const std::string later = published_event(
      place, "Announced Later", {{"visibility", "scheduled"}, {"public_at", at(10)}}, 32);
  const std::string announced = published_event(
      place, "Announced Already",
      {{"visibility", "scheduled"}, {"public_at", at(-1)}, {"sales_open_at", at(-2)}}, 33);
  auto draft_json = create_event(place, "Still A Draft", {}, 34);
  ASSERT_TRUE(draft_json.contains("id"));
  const std::string draft = str(draft_json, "id");
  for (const auto* id : {&shown, &hidden, &later, &announced}) ASSERT_FALSE(id->empty());

  const std::string list = "/api/v1/events?venue_id=" + place.venue;
  for (const std::string& token : {std::string(), buyer_token()}) {
    const char* who = token.empty() ? "anonymous" : "buyer";
    auto r = client().get(list, token);
    ASSERT_EQ(r.status, 200) << who << ": " << r.body;
    EXPECT_EQ(listed_ids(r), (std::vector<std::string>{shown, announced})) << who << ": " << r.body;
    EXPECT_EQ(r.json().at("total").as_int64(), 2) << who;

    EXPECT_EQ(get_event(shown, token).status, 200) << who;
    EXPECT_EQ(get_event(hidden, token).status, 200) << who << ": hidden events are reachable by id";
    EXPECT_EQ(get_event(later, token).status, 404) << who << ": scheduled before public_at";
    EXPECT_EQ(get_event(announced, token).status, 200) << who;
    EXPECT_EQ(get_event(draft, token).status, 404) << who << ": drafts are never shown";
    EXPECT_EQ(client().get(event_path(draft) + "/ticket-types", token).status, 404) << who;
    EXPECT_EQ(client().get(event_path(draft) + "/availability", token).status, 404) << who;
    EXPECT_EQ(client().get(event_path(later) + "/availability", token).status, 404) << who;
    EXPECT_EQ(client().get(event_path(hidden) + "/availability", token).status, 200) << who;
  }

  auto managed = client().get(list, manager_token());
  ASSERT_EQ(managed.status, 200) << managed.body;
  EXPECT_EQ(listed_ids(managed), (std::vector<std::string>{shown, hidden, later, announced, draft}))
      << managed.body;
  for (const auto* id : {&shown, &hidden, &later, &announced, &draft})
    EXPECT_EQ(get_event(*id, manager_token()).status, 200);
  EXPECT_EQ(get_event("evt_nope", manager_token()).status, 404);
}

TEST_F(EventTest, ListingFiltersPagesAndCounts) {
  const Place place = make_place("Listing Hall");
  std::map<int, std::string> by_day;
  for (int day : {23, 20, 24, 21, 22}) {
    auto ev = create_event(place, unique_name("Listed"), {}, day);
    ASSERT_TRUE(ev.contains("id"));
    by_day[day] = str(ev, "id");
  }
  const std::string base = "/api/v1/events?venue_id=" + place.venue;
  auto all = client().get(base, manager_token());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(listed_ids(all),
            (std::vector<std::string>{by_day[20], by_day[21], by_day[22], by_day[23], by_day[24]}))
      << "sorted by starts_at: " << all.body;
  EXPECT_EQ(all.json().at("total").as_int64(), 5);
  EXPECT_EQ(all.json().at("limit").as_int64(), 20);
  EXPECT_EQ(all.json().at("offset").as_int64(), 0);
  for (const auto& e : all.json().at("events").as_array()) {
    const auto& counts = e.at("counts");
    EXPECT_EQ(counts.at("places").as_int64(), kDefaultPlaces) << e;
    EXPECT_EQ(counts.at("available").as_int64(), kDefaultPlaces) << e;
    EXPECT_EQ(counts.at("held").as_int64(), 0);
    EXPECT_EQ(counts.at("sold").as_int64(), 0);
    EXPECT_EQ(counts.at("blocked").as_int64(), 0);
  }

  auto window = client().get(base + "&from=" + at(21) + "&to=" + at(23), manager_token());
  ASSERT_EQ(window.status, 200) << window.body;
  EXPECT_EQ(listed_ids(window), (std::vector<std::string>{by_day[21], by_day[22]}))
      << "from inclusive, to exclusive: " << window.body;
  EXPECT_EQ(window.json().at("total").as_int64(), 2);

  auto page = client().get(base + "&limit=2&offset=1", manager_token());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(listed_ids(page), (std::vector<std::string>{by_day[21], by_day[22]})) << page.body;
  EXPECT_EQ(page.json().at("total").as_int64(), 5);
  EXPECT_EQ(page.json().at("limit").as_int64(), 2);
  EXPECT_EQ(page.json().at("offset").as_int64(), 1);

  auto beyond = client().get(base + "&offset=10", manager_token());
  ASSERT_EQ(beyond.status, 200) << beyond.body;
  EXPECT_TRUE(listed_ids(beyond).empty());
  EXPECT_EQ(beyond.json().at("total").as_int64(), 5);

  auto widest = client().get(base + "&limit=100", manager_token());
  EXPECT_EQ(widest.status, 200) << widest.body;

  // Another venue's events are not listed under this one.
  const Place other = make_place("Other Listing Hall");
  ASSERT_TRUE(create_event(other, "Elsewhere", {}, 21).contains("id"));
  EXPECT_EQ(client().get(base, manager_token()).json().at("total").as_int64(), 5);
}

TEST_F(EventTest, BadListingQueriesNameTheParameter) {
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"limit=0", "limit"},
                                                        {"limit=101", "limit"},
                                                        {"limit=ten", "limit"},
                                                        {"offset=-1", "offset"},
                                                        {"offset=x", "offset"},
                                                        {"from=yesterday", "from"},
                                                        {"to=2027-13-45T00:00:00Z", "to"}}) {
    auto r = client().get("/api/v1/events?" + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(error_code(r), "invalid_query") << query;
    EXPECT_TRUE(names_field(r, field)) << query << ": " << r.body;
  }
}

TEST_F(EventTest, DuplicateMakesAShiftedDraftWithCopiedTicketTypes) {
  const Place place = make_place("Duplicate Hall");
  json::object overrides = {{"description", "Night one"},
                            {"performers", json::array{"Band"}},
                            {"doors_at", at(30 - 1.0 / 24)},
                            {"ends_at", at(30 + 0.125)},
                            {"sales_open_at", at(2)},
                            {"sales_close_at", at(29.5)},
                            {"visibility", "scheduled"},
                            {"public_at", at(5)},
                            {"hold_seconds", 900},
                            {"max_tickets_per_buyer", 6},
                            {"queue", {{"enabled", true}, {"max_active", 40}}},
                            {"section_caps", {{"stalls", 12}, {"floor", 60}}}};
  auto source = create_event(place, "Original", overrides, 30);
  ASSERT_TRUE(source.contains("id"));
  const std::string id = str(source, "id");
  auto standard = add_ticket_type(id, parse(R"({"name": "Standard", "price": 5000,
                    "fees": [{"name": "Service", "kind": "percent", "amount": 1000}],
                    "price_levels": [{"sections": ["stalls"], "rows": ["A"], "price": 7000}]})")
                                          .as_object());
  ASSERT_EQ(standard.status, 201) << standard.body;
  auto vip = add_ticket_type(
      id, {{"name", "VIP"}, {"price", 15000}, {"sections", json::array{"stalls"}}, {"quota", 10}});
  ASSERT_EQ(vip.status, 201) << vip.body;
  ASSERT_EQ(
      client()
          .post(event_path(id) + "/blocks",
                {{"section", "stalls"}, {"seats", json::array{"stalls/A/1"}}}, manager_token())
          .status,
      201);
  ASSERT_EQ(act(id, "publish").status, 200);

  auto dup = act(id, "duplicate",
                 {{"starts_at", at(37)}, {"name", "Second Night"}, {"max_tickets_per_buyer", 2}});
  ASSERT_EQ(dup.status, 201) << dup.body;
  const auto& copy = dup.json();
  const std::string copy_id = str(copy, "id");
  EXPECT_NE(copy_id, id);
  EXPECT_EQ(str(copy, "status"), "draft");
  EXPECT_EQ(copy.at("revision").as_int64(), 1);
  EXPECT_EQ(str(copy, "name"), "Second Night");
  EXPECT_EQ(copy.at("max_tickets_per_buyer").as_int64(), 2);
  EXPECT_EQ(str(copy, "venue_id"), place.venue);
  EXPECT_EQ(str(copy, "layout_id"), place.layout);
  EXPECT_EQ(copy.at("layout_version").as_int64(), 1);
  EXPECT_EQ(str(copy, "description"), "Night one");
  EXPECT_EQ(copy.at("performers"), source.at("performers"));
  EXPECT_EQ(str(copy, "visibility"), "scheduled");
  EXPECT_EQ(copy.at("hold_seconds").as_int64(), 900);
  EXPECT_EQ(copy.at("queue"), source.at("queue"));
  EXPECT_EQ(copy.at("section_caps"), source.at("section_caps"));
  EXPECT_EQ(str(copy, "currency"), "EUR");
  const long long week = 7 * 86400;
  for (const char* time :
       {"starts_at", "doors_at", "ends_at", "sales_open_at", "sales_close_at", "public_at"}) {
    ASSERT_TRUE(copy.as_object().contains(time)) << time << ": " << dup.body;
    EXPECT_EQ(epoch_seconds(copy, time) - epoch_seconds(source, time), week) << time;
  }

  auto source_types = client().get(event_path(id) + "/ticket-types", manager_token());
  auto copy_types = client().get(event_path(copy_id) + "/ticket-types", manager_token());
  ASSERT_EQ(copy_types.status, 200) << copy_types.body;
  const auto& original = source_types.json().at("ticket_types").as_array();
  const auto& copied = copy_types.json().at("ticket_types").as_array();
  ASSERT_EQ(copied.size(), 2u) << copy_types.body;
  const auto old_ids = ids_of(source_types.json().at("ticket_types"));
  for (const auto& t : copied) {
    EXPECT_FALSE(old_ids.contains(str(t, "id"))) << "copies get new ids: " << copy_types.body;
    EXPECT_EQ(str(t, "event_id"), copy_id);
    const auto match = std::find_if(original.begin(), original.end(), [&](const json::value& o) {
      return o.at("name") == t.at("name");
    });
    ASSERT_NE(match, original.end()) << t;
    for (const char* key : {"price", "sections", "fees", "price_levels"})
      EXPECT_EQ(t.at(key), match->at(key)) << key << " of " << t;
    EXPECT_EQ(t.as_object().contains("quota"), match->as_object().contains("quota")) << t;
  }

  auto capacity = client().get(event_path(copy_id) + "/capacity", manager_token());
  ASSERT_EQ(capacity.status, 200) << capacity.body;
  EXPECT_EQ(capacity.json().at("totals").at("blocked").as_int64(), 0)
      << "blocks are not carried over: " << capacity.body;
  auto blocks = client().get(event_path(copy_id) + "/blocks", manager_token());
  ASSERT_EQ(blocks.status, 200) << blocks.body;
  EXPECT_TRUE(blocks.json().at("blocks").as_array().empty());

  auto untouched = get_event(id, manager_token());
  EXPECT_EQ(str(untouched.json(), "status"), "on_sale");
  EXPECT_EQ(str(untouched.json(), "name"), "Original");
  EXPECT_EQ(str(untouched.json(), "starts_at"), at(30));

  auto past = act(id, "duplicate", {{"starts_at", at(-3)}});
  EXPECT_EQ(past.status, 422) << past.body;
  EXPECT_TRUE(names_field(past, "starts_at")) << past.body;
  auto bad_override = act(id, "duplicate", {{"starts_at", at(40)}, {"hold_seconds", 1}});
  EXPECT_EQ(bad_override.status, 422) << bad_override.body;
  EXPECT_TRUE(names_field(bad_override, "hold_seconds")) << bad_override.body;
  EXPECT_EQ(act("evt_nope", "duplicate", {{"starts_at", at(40)}}).status, 404);
}

TEST_F(EventTest, ManagerRoutesAnswer401ToStrangersAnd403ToBuyers) {
  const Place place = make_place("Guarded Hall");
  const std::string id = published_event(place, "Guarded Show");
  ASSERT_FALSE(id.empty());
  auto types = client().get(event_path(id) + "/ticket-types", manager_token());
  ASSERT_EQ(types.status, 200) << types.body;
  const std::string type = str(types.json().at("ticket_types").at(0), "id");
  auto block = client().post(event_path(id) + "/blocks", {{"section", "floor"}, {"quantity", 1}},
                             manager_token());
  ASSERT_EQ(block.status, 201) << block.body;
  const std::string block_id = str(block.json(), "id");
  const auto revision = get_event(id, manager_token()).json().at("revision").as_int64();

  const std::string e = event_path(id);
  const std::string event_body_text = json::serialize(event_body(place, "Intruder"));
  const std::vector<std::tuple<std::string, std::string, std::string>> routes = {
      {"POST", "/api/v1/events", event_body_text},
      {"PATCH", e, R"({"name": "Taken Over"})"},
      {"POST", e + "/publish", "{}"},
      {"POST", e + "/pause-sales", "{}"},
      {"POST", e + "/resume-sales", "{}"},
      {"POST", e + "/close-sales", "{}"},
      {"POST", e + "/reopen-sales", "{}"},
      {"POST", e + "/cancel", R"({"resolution": "refund"})"},
      {"POST", e + "/duplicate", json::serialize(json::object{{"starts_at", at(50)}})},
      {"POST", e + "/move-layout", "{}"},
      {"GET", e + "/audit", ""},
      {"POST", e + "/ticket-types", R"({"name": "Free", "price": 0})"},
      {"PATCH", e + "/ticket-types/" + type, R"({"price": 1})"},
      {"DELETE", e + "/ticket-types/" + type, ""},
      {"GET", e + "/capacity", ""},
      {"GET", e + "/blocks", ""},
      {"POST", e + "/blocks", R"({"section": "floor", "quantity": 1})"},
      {"DELETE", e + "/blocks/" + block_id, ""},
  };
  for (const auto& [method, target, body] : routes) {
    auto anonymous = client().request(method, target, body);
    EXPECT_EQ(anonymous.status, 401) << method << " " << target << ": " << anonymous.body;
    EXPECT_EQ(error_code(anonymous), "unauthorized") << method << " " << target;
    auto buyer = client().request(method, target, body, auth(buyer_token()));
    EXPECT_EQ(buyer.status, 403) << method << " " << target << ": " << buyer.body;
    EXPECT_EQ(error_code(buyer), "forbidden") << method << " " << target;
  }
  auto after = get_event(id, manager_token());
  EXPECT_EQ(str(after.json(), "name"), "Guarded Show");
  EXPECT_EQ(str(after.json(), "status"), "on_sale");
  EXPECT_EQ(after.json().at("revision").as_int64(), revision);
  EXPECT_EQ(client().get(e + "/ticket-types").json().at("ticket_types").as_array().size(), 1u);
  EXPECT_EQ(client().get(e + "/blocks", manager_token()).json().at("blocks").as_array().size(), 1u);

  // Admins are managers too.
  EXPECT_EQ(client().get(e + "/audit", admin_token()).status, 200);
}

}  // namespace
}  // namespace boxoffice::testing
