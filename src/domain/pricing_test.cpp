#include "domain/pricing.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

LayoutVersion layout() {
  Section a{"a", "A", SectionKind::seated, {{"A", {"1", "2"}}, {"B", {"1"}}}, 0, {}};
  Section floor{"floor", "Floor", SectionKind::standing, {}, 100, {}};
  return {1, {}, {a, floor}, {}};
}

TEST(Money, CurrenciesAreIsoCodes) {
  EXPECT_TRUE(is_iso_currency("EUR"));
  EXPECT_TRUE(is_iso_currency("JPY"));
  EXPECT_FALSE(is_iso_currency("eur"));
  EXPECT_FALSE(is_iso_currency("XXX"));
  EXPECT_FALSE(is_iso_currency("EURO"));
}

TEST(Money, PercentFeesRoundHalfUp) {
  Fee percent{"service", FeeKind::percent, 250};  // 2.5 %
  EXPECT_EQ(percent.on(4500), 113);               // 112.5 -> 113
  EXPECT_EQ(percent.on(4000), 100);
  EXPECT_EQ((Fee{"flat", FeeKind::fixed, 199}.on(4500)), 199);
}

TEST(Pricing, LevelsPriceFrontRowsAndFeesAddUp) {
  TicketType t;
  t.price = 5000;
  t.levels = {{{"a"}, {"A"}, 8000}, {{"a"}, {}, 6000}};
  t.fees = {{"service", FeeKind::percent, 1000}, {"venue", FeeKind::fixed, 150}};
  EXPECT_EQ(t.price_for("a", "A"), 8000);
  EXPECT_EQ(t.price_for("a", "B"), 6000);
  EXPECT_EQ(t.price_for("floor", ""), 5000);
  EXPECT_EQ(t.fees_for(8000), 950);
  EXPECT_TRUE(
      validate_ticket_type({"", "", "VIP", 100, {}, {}, {}, t.levels, {}}, layout()).empty());
}

TEST(Pricing, ValidationNamesEveryBadField) {
  TicketType t{"",
               "",
               "",
               -1,
               {"zz"},
               0,
               {{"", FeeKind::percent, 20000}},
               {{{}, {}, 10}, {{"a"}, {"Q"}, kMaxPrice + 1}},
               {}};
  auto e = validate_ticket_type(t, layout());
  for (const char* f :
       {"name", "price", "sections[0]", "quota", "fees[0].name", "fees[0].amount",
        "price_levels[0].sections", "price_levels[1].price", "price_levels[1].rows[0]"})
    EXPECT_TRUE(e.count(f)) << f;
}

TEST(Pricing, SectionPricesAreDistinctAndSorted) {
  TicketType standard{"1", "", "Standard", 5000, {}, {}, {}, {{{"a"}, {"A"}, 7000}}, {}};
  TicketType reduced{"2", "", "Reduced", 3000, {"floor"}, {}, {}, {}, {}};
  const auto l = layout();
  EXPECT_EQ(section_prices({standard, reduced}, *l.section("a")), (std::vector<Minor>{5000, 7000}));
  EXPECT_EQ(section_prices({standard, reduced}, *l.section("floor")),
            (std::vector<Minor>{3000, 5000}));
}

}  // namespace
}  // namespace boxoffice
