// The storage contract for events, ticket types and places: the same cases on every backend. Part
// of storage_contract_test, whose main() reads `--backend=sqlite|postgres`.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/security.hpp"
#include "storage/open_backend.hpp"
#include "storage_contract/contract.hpp"
#include "support/scratch_database.hpp"

namespace boxoffice {
namespace {

std::vector<std::string> ids_of(const std::vector<Seat>& seats) {
  std::vector<std::string> out;
  for (const auto& s : seats) out.push_back(s.id);
  return out;
}

std::vector<std::string> ids_of(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.id);
  return out;
}

const SectionCounts& counts_of(const std::vector<SectionCounts>& counts, std::string_view key) {
  for (const auto& c : counts)
    if (c.key == key) return c;
  throw std::runtime_error("no counts for section " + std::string(key));
}

class EventsContract : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = open_backend(scratch_.url());
    backend_->migrate();
    storage_ = backend_->connect();
    venue_ = add_venue("Arena");
    layout_ = add_layout(venue_, "Concert", first_version());
  }

  // Sections deliberately out of alphabetical order, and more than nine seats a row, so that
  // layout order differs from any order of keys or ids.
  static LayoutVersion first_version() {
    return {1,
            at("2026-02-01T00:00:00Z"),
            {seated("m", {{"A", 2}}), standing("floor", 10), seated("a", {{"A", 12}, {"B", 12}})},
            at("2026-01-03T00:00:00Z")};
  }

  // Stores `version` as the next version of the test layout, as a repin needs.
  void add_version(const LayoutVersion& version) {
    auto added = storage_->append_layout_version(
        venue_.id, layout_.id, [&](const Layout&) { return Result<LayoutVersion>(version); });
    ASSERT_TRUE(added);
  }

  Venue add_venue(std::string name) {
    Venue v{security::new_id("ven"), std::move(name), "1 Main St", "Europe/Berlin",
            at("2026-01-02T00:00:00Z")};
    storage_->insert_venue(v);
    return v;
  }

  Layout add_layout(const Venue& v, std::string name, LayoutVersion version) {
    Layout l{security::new_id("lay"),
             v.id,
             std::move(name),
             at("2026-01-03T00:00:00Z"),
             {std::move(version)}};
    EXPECT_TRUE(storage_->insert_layout(l));
    return l;
  }

  static Event make_event(const Venue& v, const Layout& l, TimePoint starts_at,
                          std::string id = security::new_id("evt")) {
    Event e;
    e.id = std::move(id);
    e.name = "Show at " + format_rfc3339(starts_at);
    e.description = "An evening of \"quoted\" songs \\ and more";
    e.performers = {"The Band", "Support Act"};
    e.starts_at = starts_at;
    e.doors_at = starts_at - std::chrono::hours(1);
    e.venue_id = v.id;
    e.layout_id = l.id;
    e.sales_open_at = at("2026-03-01T10:00:00Z");
    e.sales_close_at = starts_at;
    e.visibility = Visibility::hidden;
    e.max_tickets_per_buyer = 6;
    e.currency = "EUR";
    e.hold_seconds = 900;
    e.queue = {true, 500, 2000, 600};
    e.layout_version = l.versions.back().version;
    e.status = EventStatus::draft;
    e.created_at = at("2026-03-01T09:00:00Z");
    e.updated_at = e.created_at;
    e.revision = 1;
    return e;
  }

  static AuditEntry audit(const Event& e, std::string action, TimePoint when) {
    return {e.id, when, "acc_manager", std::move(action), "detail of " + e.name};
  }

  Event add_event(TimePoint starts_at = at("2026-06-01T19:30:00Z"),
                  std::map<std::string, std::int64_t> caps = {}) {
    auto e = make_event(venue_, layout_, starts_at);
    e.section_caps = std::move(caps);
    storage_->insert_event(e, layout_.versions.back(), audit(e, "create", e.created_at));
    return e;
  }

  static Block seat_block(const Event& e, std::string section, std::vector<std::string> seats) {
    return {
        security::new_id("blk"),    e.id,         std::move(section), std::move(seats), 0, "camera",
        at("2026-03-02T00:00:00Z"), "acc_manager"};
  }

  static Block area_block(const Event& e, std::string section, std::int64_t quantity) {
    return {
        security::new_id("blk"),    e.id,         std::move(section), {}, quantity, "production",
        at("2026-03-02T00:00:00Z"), "acc_manager"};
  }

  std::vector<std::string> seat_ids(const Event& e, std::string_view section) {
    return ids_of(storage_->seats(e.id, section));
  }

  SeatState state_of(const Event& e, std::string_view section, std::string_view seat) {
    for (const auto& s : storage_->seats(e.id, section))
      if (s.id == seat) return s.state;
    throw std::runtime_error("no seat " + std::string(seat));
  }

  ScratchDatabase scratch_{contract_backend()};
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Storage> storage_;
  Venue venue_;
  Layout layout_;
};

TEST_F(EventsContract, EventsRoundTripWithAllTheirDetails) {
  auto e = make_event(venue_, layout_, at("2026-06-01T19:30:00Z"));
  e.ends_at = at("2026-06-01T23:00:00Z");
  e.public_at = at("2026-04-01T08:00:00Z");
  e.visibility = Visibility::scheduled;
  e.section_caps = {{"a", 20}, {"floor", 8}};
  storage_->insert_event(e, layout_.versions[0], audit(e, "create", e.created_at));

  auto loaded = storage_->event(e.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, e.id);
  EXPECT_EQ(loaded->name, e.name);
  EXPECT_EQ(loaded->description, e.description);
  EXPECT_EQ(loaded->performers, e.performers);
  EXPECT_EQ(loaded->starts_at, e.starts_at);
  EXPECT_EQ(loaded->doors_at, e.doors_at);
  EXPECT_EQ(loaded->ends_at, e.ends_at);
  EXPECT_EQ(loaded->venue_id, venue_.id);
  EXPECT_EQ(loaded->layout_id, layout_.id);
  EXPECT_EQ(loaded->sales_open_at, e.sales_open_at);
  EXPECT_EQ(loaded->sales_close_at, e.sales_close_at);
  EXPECT_EQ(loaded->visibility, Visibility::scheduled);
  EXPECT_EQ(loaded->public_at, e.public_at);
  EXPECT_EQ(loaded->max_tickets_per_buyer, 6);
  EXPECT_EQ(loaded->currency, "EUR");
  EXPECT_EQ(loaded->hold_seconds, 900);
  EXPECT_TRUE(loaded->queue.enabled);
  EXPECT_EQ(loaded->queue.max_active, 500);
  EXPECT_EQ(loaded->queue.auto_threshold, 2000);
  EXPECT_EQ(loaded->queue.window_seconds, 600);
  EXPECT_EQ(loaded->section_caps, e.section_caps);
  EXPECT_EQ(loaded->layout_version, 1);
  EXPECT_EQ(loaded->status, EventStatus::draft);
  EXPECT_EQ(loaded->revision, 1);
  EXPECT_EQ(loaded->created_at, e.created_at);
  EXPECT_EQ(loaded->updated_at, e.updated_at);

  EXPECT_FALSE(storage_->event("evt_missing"));
  auto trail = storage_->audit_trail(e.id);
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].action, "create");
  EXPECT_TRUE(storage_->audit_trail("evt_missing").empty());
}

// Sorted by start, then by id in byte order ("evt_B" before "evt_a"), whatever the locale.
TEST_F(EventsContract, ListFiltersByTimeVenueAndLayoutAndSortsByStartThenId) {
  auto other_venue = add_venue("Club");
  auto other_layout = add_layout(other_venue, "Club night", first_version());
  auto second_layout = add_layout(venue_, "Seated only", first_version());
  auto add = [&](const Venue& v, const Layout& l, const char* when, std::string id) {
    auto e = make_event(v, l, at(when), std::move(id));
    storage_->insert_event(e, l.versions[0], audit(e, "create", e.created_at));
    return e;
  };
  add(venue_, layout_, "2026-06-02T19:00:00Z", "evt_a");
  add(venue_, layout_, "2026-06-02T19:00:00Z", "evt_B");
  add(venue_, second_layout, "2026-06-01T19:00:00Z", "evt_c");
  add(other_venue, other_layout, "2026-06-03T19:00:00Z", "evt_d");
  add(venue_, layout_, "2026-06-04T19:00:00Z", "evt_e");

  EXPECT_EQ(ids_of(storage_->list_events({})),
            (std::vector<std::string>{"evt_c", "evt_B", "evt_a", "evt_d", "evt_e"}));
  // `from` includes its moment, `to` excludes its own.
  EXPECT_EQ(ids_of(storage_->list_events({at("2026-06-02T19:00:00Z"), std::nullopt, {}, {}})),
            (std::vector<std::string>{"evt_B", "evt_a", "evt_d", "evt_e"}));
  EXPECT_EQ(ids_of(storage_->list_events({std::nullopt, at("2026-06-03T19:00:00Z"), {}, {}})),
            (std::vector<std::string>{"evt_c", "evt_B", "evt_a"}));
  EXPECT_EQ(ids_of(storage_->list_events(
                {at("2026-06-02T00:00:00Z"), at("2026-06-04T00:00:00Z"), {}, {}})),
            (std::vector<std::string>{"evt_B", "evt_a", "evt_d"}));
  EXPECT_EQ(ids_of(storage_->list_events({std::nullopt, std::nullopt, venue_.id, {}})),
            (std::vector<std::string>{"evt_c", "evt_B", "evt_a", "evt_e"}));
  EXPECT_EQ(ids_of(storage_->list_events({std::nullopt, std::nullopt, {}, layout_.id})),
            (std::vector<std::string>{"evt_B", "evt_a", "evt_e"}));
  EXPECT_EQ(ids_of(storage_->list_events(
                {at("2026-06-03T00:00:00Z"), std::nullopt, venue_.id, layout_.id})),
            (std::vector<std::string>{"evt_e"}));
  EXPECT_TRUE(storage_->list_events({std::nullopt, std::nullopt, "ven_missing", {}}).empty());
  EXPECT_TRUE(storage_->list_events({std::nullopt, std::nullopt, std::string(), {}}).empty());
}

TEST_F(EventsContract, UpdateNeedsTheCurrentRevisionAndAppendsToTheAuditTrail) {
  auto e = add_event();
  Event changed = e;
  changed.name = "Renamed";
  changed.status = EventStatus::on_sale;
  changed.starts_at = at("2026-06-05T20:00:00Z");
  changed.section_caps = {{"a", 3}};
  changed.updated_at = at("2026-03-05T00:00:00Z");
  auto updated =
      storage_->update_event(changed, 1, nullptr, audit(e, "update", changed.updated_at));
  ASSERT_TRUE(updated) << updated.error().code;
  EXPECT_EQ(updated.value().revision, 2);
  EXPECT_EQ(updated.value().name, "Renamed");

  auto loaded = storage_->event(e.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->revision, 2);
  EXPECT_EQ(loaded->name, "Renamed");
  EXPECT_EQ(loaded->status, EventStatus::on_sale);
  EXPECT_EQ(loaded->starts_at, at("2026-06-05T20:00:00Z"));
  EXPECT_EQ(loaded->updated_at, at("2026-03-05T00:00:00Z"));
  EXPECT_EQ(loaded->created_at, e.created_at);
  EXPECT_EQ(loaded->section_caps, changed.section_caps);
  // The sort column moved with the details.
  EXPECT_TRUE(storage_->list_events({at("2026-06-05T00:00:00Z"), std::nullopt, {}, {}}).size() ==
              1u);

  // A writer that read revision 1 lost the race: nothing of its change is written.
  Event stale = e;
  stale.name = "Stale";
  auto conflict = storage_->update_event(stale, 1, nullptr, audit(e, "stale", e.created_at));
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().kind, ErrorKind::conflict);
  EXPECT_EQ(conflict.error().code, "edit_conflict");
  EXPECT_EQ(conflict.error().fields, (FieldErrors{{"revision", "is 2"}}));
  EXPECT_EQ(storage_->event(e.id)->name, "Renamed");

  Event missing = e;
  missing.id = "evt_missing";
  auto not_found = storage_->update_event(missing, 1, nullptr, audit(missing, "update", {}));
  ASSERT_FALSE(not_found);
  EXPECT_EQ(not_found.error().kind, ErrorKind::not_found);

  Event third = *loaded;
  third.status = EventStatus::paused;
  ASSERT_TRUE(storage_->update_event(third, 2, nullptr, audit(e, "pause-sales", e.created_at)));
  EXPECT_EQ(storage_->event(e.id)->revision, 3);

  // In the order written, even where the times say otherwise.
  auto trail = storage_->audit_trail(e.id);
  ASSERT_EQ(trail.size(), 3u);
  EXPECT_EQ(trail[0].action, "create");
  EXPECT_EQ(trail[1].action, "update");
  EXPECT_EQ(trail[2].action, "pause-sales");
  EXPECT_EQ(trail[1].event_id, e.id);
  EXPECT_EQ(trail[1].at, at("2026-03-05T00:00:00Z"));
  EXPECT_EQ(trail[1].actor_id, "acc_manager");
  EXPECT_EQ(trail[1].detail, "detail of " + e.name);
}

TEST_F(EventsContract, TicketTypesCanBeAddedChangedAndRemoved) {
  auto e = add_event();
  auto other = add_event(at("2026-07-01T19:00:00Z"));
  TicketType standard{"tt_b",
                      e.id,
                      "Standard",
                      4500,
                      {"a", "floor"},
                      250,
                      {{"Service", FeeKind::fixed, 150}, {"Card", FeeKind::percent, 250}},
                      {{{"a"}, {"A"}, 6000}, {{"a"}, {}, 5000}},
                      at("2026-03-01T10:00:00Z")};
  TicketType reduced{
      "tt_a", e.id, "Reduced", 3000, {}, std::nullopt, {}, {}, at("2026-03-01T10:00:00Z")};
  TicketType early{
      "tt_c", e.id, "Early", 2500, {}, std::nullopt, {}, {}, at("2026-03-01T09:00:00Z")};
  storage_->insert_ticket_type(standard);
  storage_->insert_ticket_type(reduced);
  storage_->insert_ticket_type(early);
  storage_->insert_ticket_type(
      {"tt_other", other.id, "Other", 1000, {}, std::nullopt, {}, {}, at("2026-03-01T08:00:00Z")});

  // By creation time, then id.
  auto types = storage_->ticket_types(e.id);
  ASSERT_EQ(types.size(), 3u);
  EXPECT_EQ(types[0].id, "tt_c");
  EXPECT_EQ(types[1].id, "tt_a");
  EXPECT_EQ(types[2].id, "tt_b");
  const auto& loaded = types[2];
  EXPECT_EQ(loaded.event_id, e.id);
  EXPECT_EQ(loaded.name, "Standard");
  EXPECT_EQ(loaded.price, 4500);
  EXPECT_EQ(loaded.sections, (std::vector<std::string>{"a", "floor"}));
  EXPECT_EQ(loaded.quota, 250);
  ASSERT_EQ(loaded.fees.size(), 2u);
  EXPECT_EQ(loaded.fees[1].name, "Card");
  EXPECT_EQ(loaded.fees[1].kind, FeeKind::percent);
  EXPECT_EQ(loaded.fees[1].amount, 250);
  ASSERT_EQ(loaded.levels.size(), 2u);
  EXPECT_EQ(loaded.levels[0].rows, (std::vector<std::string>{"A"}));
  EXPECT_EQ(loaded.levels[0].price, 6000);
  EXPECT_TRUE(loaded.levels[1].rows.empty());
  EXPECT_EQ(loaded.created_at, at("2026-03-01T10:00:00Z"));
  EXPECT_FALSE(types[0].quota);

  standard.name = "Standard+";
  standard.quota.reset();
  standard.fees.clear();
  EXPECT_TRUE(storage_->update_ticket_type(standard));
  auto after = storage_->ticket_types(e.id);
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[2].name, "Standard+");
  EXPECT_FALSE(after[2].quota);
  EXPECT_TRUE(after[2].fees.empty());

  TicketType elsewhere = standard;
  elsewhere.event_id = other.id;
  EXPECT_FALSE(storage_->update_ticket_type(elsewhere));
  TicketType unknown = standard;
  unknown.id = "tt_missing";
  EXPECT_FALSE(storage_->update_ticket_type(unknown));

  EXPECT_FALSE(storage_->delete_ticket_type(other.id, "tt_a"));
  EXPECT_TRUE(storage_->delete_ticket_type(e.id, "tt_a"));
  EXPECT_FALSE(storage_->delete_ticket_type(e.id, "tt_a"));
  types = storage_->ticket_types(e.id);
  ASSERT_EQ(types.size(), 2u);
  EXPECT_EQ(types[0].id, "tt_c");
  EXPECT_EQ(types[1].id, "tt_b");
  EXPECT_EQ(storage_->ticket_types(other.id).size(), 1u);
  EXPECT_TRUE(storage_->ticket_types("evt_missing").empty());
}

TEST_F(EventsContract, AFreshEventHasEverythingAvailableInLayoutOrder) {
  auto e = add_event();
  auto counts = storage_->section_counts(e.id);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].key, "m");
  EXPECT_EQ(counts[1].key, "floor");
  EXPECT_EQ(counts[2].key, "a");
  EXPECT_EQ(counts[0].kind, SectionKind::seated);
  EXPECT_EQ(counts[1].kind, SectionKind::standing);
  EXPECT_EQ(counts[0].places, 2);
  EXPECT_EQ(counts[1].places, 10);
  EXPECT_EQ(counts[2].places, 24);
  for (const auto& c : counts) {
    EXPECT_EQ(c.blocked + c.held + c.sold, 0) << c.key;
    EXPECT_FALSE(c.cap) << c.key;
    EXPECT_EQ(c.available(), c.places) << c.key;
  }
  EXPECT_TRUE(storage_->section_counts("evt_missing").empty());
}

// Caps over held or sold places cannot be set up without holds, so caps are checked through what
// the counts make available.
TEST_F(EventsContract, CapsLimitWhatIsAvailable) {
  auto e = add_event({}, {{"a", 5}, {"floor", 4}});
  auto counts = storage_->section_counts(e.id);
  EXPECT_EQ(counts_of(counts, "a").cap, 5);
  EXPECT_EQ(counts_of(counts, "a").available(), 5);
  EXPECT_EQ(counts_of(counts, "floor").available(), 4);
  EXPECT_FALSE(counts_of(counts, "m").cap);
  EXPECT_EQ(counts_of(counts, "m").available(), 2);

  // Blocking 20 of 24 seats leaves 4, below the cap.
  std::vector<std::string> twenty;
  for (const auto& id : seat_ids(e, "a"))
    if (twenty.size() < 20) twenty.push_back(id);
  ASSERT_TRUE(storage_->insert_block(seat_block(e, "a", twenty)));
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "a").available(), 4);

  // A cap limits what buyers can take, not what a manager can block.
  ASSERT_TRUE(storage_->insert_block(area_block(e, "floor", 5)));
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "floor").available(), 4);
  auto refused = storage_->insert_block(area_block(e, "floor", 6));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields, (FieldErrors{{"quantity", "at most 5"}}));

  // Caps changed by an update apply at once.
  Event lowered = e;
  lowered.section_caps = {{"a", 2}, {"floor", 3}};
  ASSERT_TRUE(storage_->update_event(lowered, 1, nullptr, audit(e, "update", e.created_at)));
  auto counts_after = storage_->section_counts(e.id);
  EXPECT_EQ(counts_of(counts_after, "floor").available(), 3);
  EXPECT_EQ(counts_of(counts_after, "a").available(), 2);
  EXPECT_EQ(counts_of(counts_after, "a").cap, 2);
}

TEST_F(EventsContract, SeatsComeInLayoutOrder) {
  auto e = add_event();
  auto seats = storage_->seats(e.id, "a");
  ASSERT_EQ(seats.size(), 24u);
  std::vector<std::string> expected;
  for (const char* row : {"A", "B"})
    for (int n = 1; n <= 12; ++n)
      expected.push_back(std::string("a/") + row + "/" + std::to_string(n));
  EXPECT_EQ(ids_of(seats), expected);
  EXPECT_EQ(seats[13].section, "a");
  EXPECT_EQ(seats[13].row, "B");
  EXPECT_EQ(seats[13].seat, "2");
  for (const auto& s : seats) EXPECT_EQ(s.state, SeatState::available);
  EXPECT_EQ(seat_ids(e, "m"), (std::vector<std::string>{"m/A/1", "m/A/2"}));
  EXPECT_TRUE(storage_->seats(e.id, "floor").empty());
  EXPECT_TRUE(storage_->seats(e.id, "zz").empty());
  EXPECT_TRUE(storage_->taken_seats(e.id).empty());
}

TEST_F(EventsContract, SeatBlocksAreAllOrNothing) {
  auto e = add_event();
  auto first = seat_block(e, "a", {"a/A/2", "a/A/1"});
  auto done = storage_->insert_block(first);
  ASSERT_TRUE(done) << done.error().code;
  EXPECT_EQ(done.value().id, first.id);
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::blocked);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::blocked);

  // One seat of three is taken: nothing is blocked and only that seat is named.
  auto clash = storage_->insert_block(seat_block(e, "a", {"a/A/3", "a/A/2", "a/A/4"}));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().kind, ErrorKind::conflict);
  EXPECT_EQ(clash.error().code, "places_unavailable");
  EXPECT_EQ(clash.error().fields, (FieldErrors{{"a/A/2", "is not available"}}));
  EXPECT_EQ(state_of(e, "a", "a/A/3"), SeatState::available);
  EXPECT_EQ(state_of(e, "a", "a/A/4"), SeatState::available);
  // A seat the event does not have is not available either.
  auto unknown = storage_->insert_block(seat_block(e, "a", {"a/A/5", "a/Z/1"}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields, (FieldErrors{{"a/Z/1", "is not available"}}));
  EXPECT_EQ(state_of(e, "a", "a/A/5"), SeatState::available);

  auto second = seat_block(e, "m", {"m/A/2"});
  second.created_at = first.created_at + std::chrono::seconds(1);
  ASSERT_TRUE(storage_->insert_block(second));
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "a").blocked, 2);
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "a").available(), 22);
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "m").blocked, 1);
  EXPECT_TRUE(storage_->taken_seats(e.id).empty());  // blocked is not held or sold

  // Blocks list their seats in layout order.
  auto listed = storage_->blocks(e.id);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, first.id);
  EXPECT_EQ(listed[0].event_id, e.id);
  EXPECT_EQ(listed[0].section, "a");
  EXPECT_EQ(listed[0].seats, (std::vector<std::string>{"a/A/1", "a/A/2"}));
  EXPECT_EQ(listed[0].quantity, 0);
  EXPECT_EQ(listed[0].reason, "camera");
  EXPECT_EQ(listed[0].created_at, first.created_at);
  EXPECT_EQ(listed[0].created_by, "acc_manager");
  EXPECT_EQ(listed[1].id, second.id);
  EXPECT_EQ(listed[1].seats, (std::vector<std::string>{"m/A/2"}));

  // Deleting gives the seats back.
  auto other = add_event(at("2026-07-01T19:00:00Z"));
  EXPECT_FALSE(storage_->delete_block(other.id, first.id));
  EXPECT_TRUE(storage_->delete_block(e.id, first.id));
  EXPECT_FALSE(storage_->delete_block(e.id, first.id));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::available);
  EXPECT_EQ(state_of(e, "a", "a/A/2"), SeatState::available);
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "a").blocked, 0);
  ASSERT_EQ(storage_->blocks(e.id).size(), 1u);
  EXPECT_TRUE(storage_->insert_block(seat_block(e, "a", {"a/A/3", "a/A/2"})));
  EXPECT_TRUE(storage_->blocks(other.id).empty());
}

TEST_F(EventsContract, StandingBlocksTakeOnlyWhatIsAvailable) {
  auto e = add_event();
  auto six = area_block(e, "floor", 6);
  ASSERT_TRUE(storage_->insert_block(six));
  auto too_many = storage_->insert_block(area_block(e, "floor", 5));
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().kind, ErrorKind::conflict);
  EXPECT_EQ(too_many.error().code, "places_unavailable");
  EXPECT_EQ(too_many.error().fields, (FieldErrors{{"quantity", "at most 4"}}));
  auto four = area_block(e, "floor", 4);
  four.created_at = six.created_at + std::chrono::seconds(1);
  ASSERT_TRUE(storage_->insert_block(four));

  auto floor = counts_of(storage_->section_counts(e.id), "floor");
  EXPECT_EQ(floor.blocked, 10);
  EXPECT_EQ(floor.available(), 0);
  auto listed = storage_->blocks(e.id);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, six.id);
  EXPECT_EQ(listed[0].quantity, 6);
  EXPECT_TRUE(listed[0].seats.empty());
  EXPECT_EQ(listed[1].quantity, 4);

  EXPECT_TRUE(storage_->delete_block(e.id, six.id));
  floor = counts_of(storage_->section_counts(e.id), "floor");
  EXPECT_EQ(floor.blocked, 4);
  EXPECT_EQ(floor.available(), 6);
}

// Version 2 drops section m, row B and seats 11 and 12 of row A, puts a new row in front of A,
// keeps the floor and adds a section n.
LayoutVersion second_version() {
  return {2,
          at("2026-05-01T00:00:00Z"),
          {seated("a", {{"AA", 2}, {"A", 10}}), standing("floor", 10), seated("n", {{"A", 2}})},
          at("2026-04-01T00:00:00Z")};
}

TEST_F(EventsContract, RepinMovesThePlacesToTheNewVersion) {
  auto e = add_event();
  auto kept = seat_block(e, "a", {"a/A/1", "a/A/12"});  // loses one seat
  auto gone_row = seat_block(e, "a", {"a/B/1", "a/B/2"});
  auto gone_section = seat_block(e, "m", {"m/A/1"});
  auto area = area_block(e, "floor", 3);
  for (const auto& b : {kept, gone_row, gone_section, area}) ASSERT_TRUE(storage_->insert_block(b));

  const auto v2 = second_version();
  add_version(v2);
  Event moved = e;
  moved.layout_version = 2;
  auto updated = storage_->update_event(moved, 1, &v2, audit(e, "repin", e.created_at));
  ASSERT_TRUE(updated) << updated.error().code;
  EXPECT_EQ(updated.value().layout_version, 2);
  EXPECT_EQ(storage_->event(e.id)->layout_version, 2);
  EXPECT_EQ(storage_->event(e.id)->revision, 2);

  // The same places as a fresh event on version 2, with the surviving blocks.
  std::vector<std::string> expected_a = {"a/AA/1", "a/AA/2"};
  for (int n = 1; n <= 10; ++n) expected_a.push_back("a/A/" + std::to_string(n));
  auto a = seat_ids(e, "a");
  std::sort(a.begin(), a.end());
  std::sort(expected_a.begin(), expected_a.end());
  EXPECT_EQ(a, expected_a);
  EXPECT_TRUE(storage_->seats(e.id, "m").empty());
  EXPECT_EQ(seat_ids(e, "n"), (std::vector<std::string>{"n/A/1", "n/A/2"}));
  EXPECT_EQ(state_of(e, "a", "a/A/1"), SeatState::blocked);
  EXPECT_EQ(state_of(e, "a", "a/AA/1"), SeatState::available);

  auto counts = storage_->section_counts(e.id);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].key, "a");
  EXPECT_EQ(counts[0].places, 12);
  EXPECT_EQ(counts[0].blocked, 1);
  EXPECT_EQ(counts[1].key, "floor");
  EXPECT_EQ(counts[1].blocked, 3);
  EXPECT_EQ(counts[2].key, "n");
  EXPECT_EQ(counts[2].available(), 2);

  // Blocks whose seats are all gone vanish; the others keep the seats that are left.
  auto listed = storage_->blocks(e.id);
  std::map<std::string, Block> by_id;
  for (const auto& b : listed) by_id[b.id] = b;
  ASSERT_EQ(by_id.size(), 2u);
  ASSERT_TRUE(by_id.count(kept.id));
  EXPECT_EQ(by_id[kept.id].seats, (std::vector<std::string>{"a/A/1"}));
  ASSERT_TRUE(by_id.count(area.id));
  EXPECT_EQ(by_id[area.id].quantity, 3);

  // A version without the floor takes its blocks away too.
  LayoutVersion v3{
      3, at("2026-05-02T00:00:00Z"), {seated("a", {{"A", 10}})}, at("2026-04-02T00:00:00Z")};
  add_version(v3);
  moved.layout_version = 3;
  ASSERT_TRUE(storage_->update_event(moved, 2, &v3, audit(e, "repin", e.created_at)));
  counts = storage_->section_counts(e.id);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].places, 10);
  listed = storage_->blocks(e.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, kept.id);

  // Moving back brings the floor back empty.
  moved.layout_version = 2;
  ASSERT_TRUE(storage_->update_event(moved, 3, &v2, audit(e, "repin", e.created_at)));
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "floor").blocked, 0);
  EXPECT_EQ(storage_->audit_trail(e.id).size(), 4u);
}

// After a repin the seats are listed in the new version's order, new rows in front included.
TEST_F(EventsContract, RepinListsSeatsInTheNewVersionsOrder) {
  auto e = add_event();
  // Five seats in front of row A: the seats kept move back by five places (three, counting the
  // two of section m that version 2 drops).
  const LayoutVersion v2{2,
                         at("2026-05-01T00:00:00Z"),
                         {seated("a", {{"AA", 5}, {"A", 12}, {"B", 12}}), standing("floor", 10)},
                         at("2026-04-01T00:00:00Z")};
  add_version(v2);
  Event moved = e;
  moved.layout_version = 2;
  ASSERT_TRUE(storage_->update_event(moved, 1, &v2, audit(e, "repin", e.created_at)));
  std::vector<std::string> expected;
  for (int n = 1; n <= 5; ++n) expected.push_back("a/AA/" + std::to_string(n));
  for (const char* row : {"A", "B"})
    for (int n = 1; n <= 12; ++n)
      expected.push_back(std::string("a/") + row + "/" + std::to_string(n));
  EXPECT_EQ(seat_ids(e, "a"), expected);
}

// An arena's worth of seats is laid out when the event is created and again when it is repinned.
TEST_F(EventsContract, LaysOutAnArena) {
  std::vector<std::pair<std::string, int>> rows;
  for (int r = 0; r < 100; ++r) rows.emplace_back(std::to_string(r), 100);
  LayoutVersion big{1,
                    at("2026-02-01T00:00:00Z"),
                    {seated("lower", rows), seated("upper", rows), standing("floor", 5000)},
                    at("2026-01-03T00:00:00Z")};
  auto arena = add_layout(venue_, "Arena", big);
  auto e = make_event(venue_, arena, at("2026-06-01T19:30:00Z"));
  storage_->insert_event(e, big, audit(e, "create", e.created_at));
  auto counts = storage_->section_counts(e.id);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].places, 10'000);
  auto upper = storage_->seats(e.id, "upper");
  ASSERT_EQ(upper.size(), 10'000u);
  EXPECT_EQ(upper.front().id, "upper/0/1");
  EXPECT_EQ(upper[101].id, "upper/1/2");
  EXPECT_EQ(upper.back().id, "upper/99/100");

  LayoutVersion smaller = big;
  smaller.version = 2;
  smaller.sections[1].rows.resize(50);
  ASSERT_TRUE(storage_->append_layout_version(
      venue_.id, arena.id, [&](const Layout&) { return Result<LayoutVersion>(smaller); }));
  Event moved = e;
  moved.layout_version = 2;
  ASSERT_TRUE(storage_->update_event(moved, 1, &smaller, audit(e, "repin", e.created_at)));
  EXPECT_EQ(storage_->seats(e.id, "upper").size(), 5'000u);
  EXPECT_EQ(storage_->seats(e.id, "lower").size(), 10'000u);
}

// Several connections block overlapping seats at once: each seat ends up in exactly one block,
// and no two successful blocks share a seat.
TEST_F(EventsContract, ConcurrentBlocksNeverShareASeat) {
  auto e = add_event();
  const auto all = seat_ids(e, "a");
  constexpr int kThreads = 6;
  std::mutex mutex;
  std::vector<std::vector<std::string>> succeeded;
  std::atomic<int> bad_errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto connection = backend_->connect();
      std::function<void(std::vector<std::string>)> attempt = [&](std::vector<std::string> seats) {
        auto r = connection->insert_block(seat_block(e, "a", seats));
        if (r) {
          std::lock_guard lock(mutex);
          succeeded.push_back(seats);
          return;
        }
        if (r.error().code != "places_unavailable" || r.error().fields.empty()) ++bad_errors;
        for (const auto& [seat, why] : r.error().fields)
          if (std::find(seats.begin(), seats.end(), seat) == seats.end()) ++bad_errors;
        // What could not go as a whole goes one seat at a time.
        if (seats.size() > 1)
          for (const auto& seat : seats) attempt({seat});
      };
      // Windows of three seats, each thread starting elsewhere, so that they overlap.
      for (std::size_t i = 0; i < all.size(); i += 3) {
        std::vector<std::string> window;
        for (std::size_t k = 0; k < 3; ++k) window.push_back(all[(i + k + 4 * t) % all.size()]);
        attempt(window);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad_errors.load(), 0);

  // Count every seat over all blocks.
  std::map<std::string, int> times;
  for (const auto& b : storage_->blocks(e.id))
    for (const auto& seat : b.seats) ++times[seat];
  EXPECT_EQ(times.size(), all.size());
  for (const auto& [seat, n] : times) EXPECT_EQ(n, 1) << seat;
  std::set<std::string> seen;
  for (const auto& seats : succeeded)
    for (const auto& seat : seats) EXPECT_TRUE(seen.insert(seat).second) << seat;
  for (const auto& s : storage_->seats(e.id, "a")) EXPECT_EQ(s.state, SeatState::blocked) << s.id;
  EXPECT_EQ(counts_of(storage_->section_counts(e.id), "a").available(), 0);
}

// Standing blocks from several connections at once never exceed what is available.
TEST_F(EventsContract, ConcurrentStandingBlocksStopAtCapacity) {
  auto e = add_event();
  constexpr int kThreads = 6, kEach = 4;
  std::atomic<int> blocked{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto connection = backend_->connect();
      for (int i = 0; i < kEach; ++i) {
        if (connection->insert_block(area_block(e, "floor", 1)))
          ++blocked;
        else
          ++refused;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(blocked.load(), 10);
  EXPECT_EQ(refused.load(), kThreads * kEach - 10);
  auto floor = counts_of(storage_->section_counts(e.id), "floor");
  EXPECT_EQ(floor.blocked, 10);
  EXPECT_EQ(storage_->blocks(e.id).size(), 10u);
}

}  // namespace
}  // namespace boxoffice
