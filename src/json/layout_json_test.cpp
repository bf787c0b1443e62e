#include "json/layout_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "app/demo.hpp"

namespace boxoffice::json {
namespace {

std::vector<Section> parse(const char* text, FieldErrors& errors) {
  return parse_sections(boost::json::parse(text).as_array(), errors);
}

TEST(LayoutJson, ExpandsTheRowShorthand) {
  FieldErrors errors;
  auto sections =
      parse(R"([{"key":"a","kind":"seated","rows":[{"label":"A","from":3,"to":5}]}])", errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(sections[0].rows[0].seats, (std::vector<std::string>{"3", "4", "5"}));
  EXPECT_EQ(sections[0].name, "a");  // the key stands in for a missing name
}

TEST(LayoutJson, ReadsAndWritesTheStage) {
  FieldErrors errors;
  auto stage = parse_stage(
      boost::json::parse(R"({"x":1,"y":2,"width":30,"height":4,"rotation":90})").as_object(),
      errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_TRUE(stage);
  EXPECT_EQ(stage->label, "Stage");  // the default label
  EXPECT_EQ(boost::json::value(stage_document(*stage)),
            boost::json::parse(
                R"({"x":1.0,"y":2.0,"width":30.0,"height":4.0,"rotation":90.0,"label":"Stage"})"));
  EXPECT_FALSE(
      parse_stage(boost::json::parse(R"({"x":1,"y":2,"height":4,"depth":1})").as_object(), errors));
  EXPECT_TRUE(errors.count("stage.width"));
  EXPECT_TRUE(errors.count("stage.depth"));
}

TEST(LayoutJson, NamesShapeProblemsWithPaths) {
  FieldErrors errors;
  parse(R"([{"key":"a","kind":"seated","rows":[{"label":"A","seats":[1]},
              {"label":"B","seats":["1"],"from":1,"to":2}, "row"]},
            {"key":"b","kind":"standing","capacity":"ten","rows":[]},
            {"key":"c","kind":"standing","capacity":5,"geometry":{"x":"1","y":2}},
            {"key":"d","kind":"seated","rows":[{"label":"A","from":1,"to":5000}]}, 7])",
        errors);
  for (const char* path : {"sections[0].rows[0].seats[0]", "sections[0].rows[1].seats",
                           "sections[0].rows[2]", "sections[1].capacity", "sections[1].rows",
                           "sections[2].geometry.x", "sections[3].rows[0].to", "sections[4]"}) {
    EXPECT_TRUE(errors.count(path)) << path;
  }
}

TEST(LayoutJson, TheStoredDocumentRoundTrips) {
  const auto original = demo::arena_sections(true);
  FieldErrors errors;
  const auto back = parse_sections(sections_document(original), errors);
  ASSERT_TRUE(errors.empty()) << errors.begin()->first;
  ASSERT_EQ(back.size(), original.size());
  LayoutVersion a{1, {}, original, {}}, b{1, {}, back, {}};
  EXPECT_EQ(a.capacity(), b.capacity());
  EXPECT_EQ(back[5].rows[3].seats, original[5].rows[3].seats);
  EXPECT_DOUBLE_EQ(back[5].geometry->rotation, original[5].geometry->rotation);
}

TEST(LayoutJson, TheDemoArenaHoldsAboutTwentyThousandValidPlaces) {
  for (bool standing : {true, false}) {
    LayoutVersion v{1, {}, demo::arena_sections(standing), {}};
    EXPECT_TRUE(validate_sections(v.sections).empty());
    EXPECT_GT(v.capacity(), 18000);
    EXPECT_LT(v.capacity(), 22000);
  }
}

}  // namespace
}  // namespace boxoffice::json
