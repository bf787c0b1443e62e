#include "domain/layout.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace boxoffice {
namespace {

TimePoint at(const char* t) {
  return *parse_rfc3339(t);
}

Section seated(std::string key, std::vector<Row> rows) {
  return {std::move(key), "S", SectionKind::seated, std::move(rows), 0, std::nullopt};
}
Section standing(std::string key, std::int64_t capacity) {
  return {std::move(key), "F", SectionKind::standing, {}, capacity, std::nullopt};
}

TEST(Layouts, CountsPlaces) {
  LayoutVersion v{1, {}, {seated("a", {{"A", {"1", "2"}}, {"B", {"1"}}}), standing("f", 100)}, {}};
  EXPECT_EQ(v.capacity(), 103);
  EXPECT_EQ(v.section("f")->places(), 100);
  EXPECT_EQ(v.section("zz"), nullptr);
}

TEST(Layouts, FindsASeatByItsId) {
  LayoutVersion v{1, {}, {seated("a", {{"A", {"1", "2"}}, {"B", {"1"}}}), standing("f", 100)}, {}};
  EXPECT_TRUE(v.has_seat("a/A/2"));
  EXPECT_TRUE(v.has_seat("a/B/1"));
  for (const char* bad : {"a/B/2", "a/C/1", "b/A/1", "f/A/1", "a/A", "a", "", "a/A/1/x", "/A/1"})
    EXPECT_FALSE(v.has_seat(bad)) << bad;
}

TEST(Layouts, ValidationNamesEveryBadFieldWithItsPath) {
  auto errors = validate_sections({
      seated("a", {{"A", {"1", "1"}}, {"A", {"2"}}}),
      standing("a", 0),
      seated("empty", {}),
      seated("bad key!", {{"", {"x/y"}}}),
      standing("huge", kMaxPlacesPerLayout + 1),
  });
  for (const char* path :
       {"sections[0].rows[0].seats[1]", "sections[0].rows[1].label", "sections[1].key",
        "sections[1].capacity", "sections[2].rows", "sections[3].key", "sections[3].rows[0].label",
        "sections[3].rows[0].seats[0]", "sections[4].capacity"}) {
    EXPECT_TRUE(errors.count(path)) << path;
  }
  EXPECT_TRUE(validate_sections({}).count("sections"));
}

TEST(Layouts, StageIsOptionalButMustBeDrawable) {
  EXPECT_TRUE(validate_stage(std::nullopt).empty());
  EXPECT_TRUE(validate_stage(Stage{10, 20, 300, 40, 0, "Stage"}).empty());
  auto errors = validate_stage(Stage{0, 0, 0, -5, 0, std::string(41, 'x')});
  for (const char* path : {"stage.width", "stage.height", "stage.label"})
    EXPECT_TRUE(errors.count(path)) << path;
  EXPECT_FALSE(errors.count("stage.x"));
  errors = validate_stage(Stage{std::nan(""), 0, 10, 10, INFINITY, ""});
  EXPECT_TRUE(errors.count("stage.x"));
  EXPECT_TRUE(errors.count("stage.rotation"));
  EXPECT_EQ(errors.size(), 2u);
}

TEST(Layouts, ANewVersionKeepsItsStageAndRefusesABadOne) {
  Layout layout{
      "l", "v", "L", {}, {LayoutVersion{1, at("2026-01-01T00:00:00Z"), {standing("f", 10)}, {}}}};
  auto next = next_version(layout, at("2026-02-01T00:00:00Z"), {standing("f", 10)}, {},
                           Stage{0, 0, 100, 20, 0, "Main stage"});
  ASSERT_TRUE(next);
  ASSERT_TRUE(next.value().stage);
  EXPECT_EQ(next.value().stage->label, "Main stage");
  auto bad = next_version(layout, at("2026-02-01T00:00:00Z"), {standing("f", 10)}, {},
                          Stage{0, 0, 100, 0, 0, ""});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().fields.count("stage.height"));
}

TEST(Layouts, TotalPlacesAreBounded) {
  auto errors = validate_sections({standing("a", kMaxPlacesPerLayout), standing("b", 1)});
  EXPECT_TRUE(errors.count("sections"));
}

TEST(Layouts, GeometryMustBeDrawable) {
  Section s = standing("a", 10);
  s.geometry = Geometry{0, 0, 0, 10, 0, "rect", {}};
  EXPECT_TRUE(validate_sections({s}).count("sections[0].geometry"));
  s.geometry = Geometry{0, 0, 0, 0, 0, "polygon", {{0, 0}, {1, 1}}};
  EXPECT_TRUE(validate_sections({s}).count("sections[0].geometry.points"));
  s.geometry = Geometry{0, 0, 5, 5, 0, "rect", {{0, 0}, {1, 1}, {2, 0}}};
  EXPECT_TRUE(validate_sections({s}).count("sections[0].geometry.points"));
  s.geometry = Geometry{0, 0, 5, 5, 0, "star", {}};
  EXPECT_TRUE(validate_sections({s}).count("sections[0].geometry.shape"));
}

TEST(Layouts, TheVersionInForceIsTheNewestThatHasBegun) {
  Layout l{"lay", "ven", "L", {}, {}};
  l.versions = {{1, at("2026-01-01T00:00:00Z"), {standing("f", 1)}, {}},
                {2, at("2026-06-01T00:00:00Z"), {standing("f", 2)}, {}},
                {3, at("2026-06-01T00:00:00Z"), {standing("f", 3)}, {}}};
  EXPECT_EQ(l.in_force_at(at("2025-12-31T23:59:59Z")), nullptr);
  EXPECT_EQ(l.in_force_at(at("2026-05-31T23:59:59Z"))->version, 1);
  EXPECT_EQ(l.in_force_at(at("2026-06-01T00:00:00Z"))->version, 3);
}

TEST(Layouts, NextVersionMovesForwardOnly) {
  Layout l{"lay", "ven", "L", {}, {{1, at("2026-03-01T00:00:00Z"), {standing("f", 1)}, {}}}};
  auto early = next_version(l, at("2026-02-01T00:00:00Z"), {standing("f", 5)}, {});
  ASSERT_FALSE(early);
  EXPECT_TRUE(early.error().fields.count("effective_from"));
  auto next = next_version(l, at("2026-03-01T00:00:00Z"), {standing("f", 5)}, {});
  ASSERT_TRUE(next);
  EXPECT_EQ(next.value().version, 2);
  auto invalid = next_version(l, at("2026-04-01T00:00:00Z"), {standing("f", -1)}, {});
  ASSERT_FALSE(invalid);
  EXPECT_TRUE(invalid.error().fields.count("sections[0].capacity"));
}

}  // namespace
}  // namespace boxoffice
