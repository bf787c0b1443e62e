#include "domain/event.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

TimePoint at(const char* t) {
  return *parse_rfc3339(t);
}

struct EventRules : ::testing::Test {
  Layout layout{"lay", "ven", "L", {}, {}};
  EventDetails d;
  void SetUp() override {
    layout.versions = {
        {1, at("2026-01-01T00:00:00Z"), {{"a", "A", SectionKind::standing, {}, 100, {}}}, {}},
        {2, at("2027-01-01T00:00:00Z"), {{"a", "A", SectionKind::standing, {}, 50, {}}}, {}}};
    d.name = "Show";
    d.venue_id = "ven";
    d.layout_id = "lay";
    d.currency = "EUR";
    d.starts_at = at("2026-09-01T20:00:00Z");
    d.sales_open_at = at("2026-06-01T10:00:00Z");
    d.sales_close_at = d.starts_at;
  }
  FieldErrors check(const EventDetails* before = nullptr) {
    return validate_event(d, {at("2026-05-01T00:00:00Z"), true, &layout, before});
  }
};

TEST_F(EventRules, AValidEventPasses) {
  EXPECT_TRUE(check().empty());
}

TEST_F(EventRules, EveryBadFieldIsNamed) {
  d.name = "";
  d.starts_at = at("2026-04-01T00:00:00Z");
  d.sales_open_at = at("2026-05-02T00:00:00Z");
  d.sales_close_at = at("2026-05-02T00:00:00Z");
  d.visibility = Visibility::scheduled;
  d.max_tickets_per_buyer = 0;
  d.hold_seconds = 30;
  d.currency = "EURO";
  d.queue.max_active = 0;
  d.section_caps = {{"a", 101}, {"zz", 1}};
  d.doors_at = at("2026-04-02T00:00:00Z");
  d.ends_at = at("2026-03-01T00:00:00Z");
  auto e = check();
  for (const char* f : {"name", "starts_at", "sales_open_at", "sales_close_at", "public_at",
                        "max_tickets_per_buyer", "hold_seconds", "currency", "queue.max_active",
                        "doors_at", "ends_at"})
    EXPECT_TRUE(e.count(f)) << f;
  // No version is in force before 2026, so caps cannot be checked against a layout here.
  d = EventDetails{};
  EXPECT_TRUE(check().count("venue_id") == 0);
}

TEST_F(EventRules, CapsAreCheckedAgainstThePinnedVersion) {
  d.section_caps = {{"a", 101}, {"zz", 1}};
  auto e = check();
  EXPECT_TRUE(e.count("section_caps.a"));
  EXPECT_TRUE(e.count("section_caps.zz"));
  d.starts_at = at("2027-02-01T00:00:00Z");
  d.sales_close_at = d.starts_at;
  d.section_caps = {{"a", 50}};
  EXPECT_TRUE(check().empty());
  EXPECT_EQ(pinned_version(layout, d.starts_at)->version, 2);
}

TEST_F(EventRules, UnknownVenueLayoutOrNoVersionInForce) {
  EXPECT_TRUE(
      validate_event(d, {at("2026-05-01T00:00:00Z"), false, nullptr, nullptr}).count("venue_id"));
  EXPECT_TRUE(
      validate_event(d, {at("2026-05-01T00:00:00Z"), true, nullptr, nullptr}).count("layout_id"));
  d.starts_at = at("2025-12-01T00:00:00Z");
  d.sales_open_at = at("2025-11-01T00:00:00Z");
  d.sales_close_at = d.starts_at;
  EXPECT_TRUE(
      validate_event(d, {at("2025-10-01T00:00:00Z"), true, &layout, nullptr}).count("layout_id"));
}

TEST_F(EventRules, UpdatesDoNotRecheckUnchangedTimesAgainstNow) {
  const EventDetails before = d;
  auto later = validate_event(d, {at("2026-08-01T00:00:00Z"), true, &layout, &before});
  EXPECT_TRUE(later.empty());
  d.starts_at = at("2026-07-01T00:00:00Z");
  d.sales_close_at = d.starts_at;
  later = validate_event(d, {at("2026-08-01T00:00:00Z"), true, &layout, &before});
  EXPECT_TRUE(later.count("starts_at"));
}

TEST_F(EventRules, PublicAtOnlyWithScheduled) {
  d.public_at = at("2026-05-15T00:00:00Z");
  EXPECT_TRUE(check().count("public_at"));
  d.visibility = Visibility::scheduled;
  EXPECT_TRUE(check().empty());
}

TEST(EventLifecycle, TransitionsFollowTheStatusGraph) {
  using S = EventStatus;
  using T = Transition;
  EXPECT_EQ(next_status(S::draft, T::publish).value(), S::on_sale);
  EXPECT_EQ(next_status(S::on_sale, T::pause_sales).value(), S::paused);
  EXPECT_EQ(next_status(S::paused, T::resume_sales).value(), S::on_sale);
  EXPECT_EQ(next_status(S::paused, T::close_sales).value(), S::closed);
  EXPECT_EQ(next_status(S::closed, T::reopen_sales).value(), S::on_sale);
  EXPECT_EQ(next_status(S::draft, T::cancel).value(), S::cancelled);
  for (auto [from, t] :
       {std::pair{S::draft, T::pause_sales}, std::pair{S::on_sale, T::publish},
        std::pair{S::on_sale, T::resume_sales}, std::pair{S::draft, T::close_sales},
        std::pair{S::on_sale, T::reopen_sales}, std::pair{S::cancelled, T::cancel},
        std::pair{S::cancelled, T::reopen_sales}}) {
    auto r = next_status(from, t);
    ASSERT_FALSE(r) << to_string(t);
    EXPECT_EQ(r.error().code, "invalid_transition");
  }
}

TEST(EventLifecycle, SalesOpenOnlyOnSaleInsideTheWindow) {
  Event e;
  e.sales_open_at = at("2026-06-01T10:00:00Z");
  e.sales_close_at = at("2026-09-01T20:00:00Z");
  e.status = EventStatus::on_sale;
  EXPECT_EQ(sales_open(e, at("2026-05-01T00:00:00Z")).error().code, "sales_not_open");
  EXPECT_TRUE(sales_open(e, at("2026-06-01T10:00:00Z")));
  EXPECT_EQ(sales_open(e, at("2026-09-01T20:00:00Z")).error().code, "sales_closed");
  e.status = EventStatus::paused;
  EXPECT_EQ(sales_open(e, at("2026-07-01T00:00:00Z")).error().code, "sales_paused");
  e.status = EventStatus::cancelled;
  EXPECT_EQ(sales_open(e, at("2026-07-01T00:00:00Z")).error().code, "event_cancelled");
}

TEST(EventVisibility, DraftsHiddenAndScheduledFollowTheRules) {
  Event e;
  e.status = EventStatus::draft;
  const auto now = at("2026-06-01T00:00:00Z");
  EXPECT_FALSE(publicly_readable(e, now));
  e.status = EventStatus::on_sale;
  EXPECT_TRUE(publicly_listed(e, now));
  e.visibility = Visibility::hidden;
  EXPECT_FALSE(publicly_listed(e, now));
  EXPECT_TRUE(publicly_readable(e, now));
  e.visibility = Visibility::scheduled;
  e.public_at = at("2026-06-02T00:00:00Z");
  EXPECT_FALSE(publicly_readable(e, now));
  EXPECT_TRUE(publicly_listed(e, at("2026-06-02T00:00:00Z")));
}

TEST(EventCopies, AnotherShowMovesEveryTimeTogether) {
  EventDetails d;
  d.starts_at = at("2026-09-01T20:00:00Z");
  d.doors_at = at("2026-09-01T19:00:00Z");
  d.sales_open_at = at("2026-06-01T10:00:00Z");
  d.sales_close_at = at("2026-09-01T18:00:00Z");
  d.public_at = at("2026-05-01T00:00:00Z");
  auto copy = shifted_copy(d, at("2026-09-08T20:00:00Z"));
  EXPECT_EQ(format_rfc3339(*copy.doors_at), "2026-09-08T19:00:00Z");
  EXPECT_EQ(format_rfc3339(copy.sales_open_at), "2026-06-08T10:00:00Z");
  EXPECT_EQ(format_rfc3339(copy.sales_close_at), "2026-09-08T18:00:00Z");
  EXPECT_EQ(format_rfc3339(*copy.public_at), "2026-05-08T00:00:00Z");
}

}  // namespace
}  // namespace boxoffice
