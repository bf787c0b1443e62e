#include "domain/line_odds.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

const TimePoint kOpen = from_unix(1'800'000'000);
const TimePoint kAfter = kOpen + std::chrono::hours(1);
const TimePoint kBefore = kOpen - std::chrono::hours(1);

LineOdds first_come(const LineOutlook& o, std::int64_t ahead) {
  return line_odds(o, ahead, false, 0, kAfter, kOpen);
}

TEST(LineOdds, UsesThePlacesPerOrderSeenSoFar) {
  // 3,000 places left at 2 per order serve 1,500 buyers, less the 100 shopping now.
  const LineOutlook o{.available = 3000, .held = 0, .sold = 2000, .orders = 1000, .max_per_buyer = 8,
                      .shopping = 100};
  const auto near = first_come(o, 10);
  EXPECT_EQ(near.places_left, 3000);
  EXPECT_EQ(near.buyers_ahead_who_can_buy, 1400);
  EXPECT_EQ(near.likely, Likelihood::likely);
  EXPECT_EQ(first_come(o, 1399).likely, Likelihood::likely);
  EXPECT_EQ(first_come(o, 1400).likely, Likelihood::uncertain);
  EXPECT_EQ(first_come(o, 2799).likely, Likelihood::uncertain);
  EXPECT_EQ(first_come(o, 2800).likely, Likelihood::unlikely);  // twice as many as can buy
  EXPECT_EQ(first_come(o, 41'199).likely, Likelihood::unlikely);
}

TEST(LineOdds, BeforeAnySaleKeepsBothEndsOneAndTheMostPerBuyer) {
  // Nothing sold: a floor of 100 ÷ 4 = 25 buyers, at most 100 (one place each).
  const LineOutlook o{.available = 100, .held = 0, .sold = 0, .orders = 0, .max_per_buyer = 4,
                      .shopping = 0};
  EXPECT_EQ(first_come(o, 0).buyers_ahead_who_can_buy, 25);
  EXPECT_EQ(first_come(o, 24).likely, Likelihood::likely);
  EXPECT_EQ(first_come(o, 25).likely, Likelihood::uncertain);
  // Without evidence, "twice the floor" is no reason to send anyone away: only past 100.
  EXPECT_EQ(first_come(o, 60).likely, Likelihood::uncertain);
  EXPECT_EQ(first_come(o, 99).likely, Likelihood::uncertain);
  EXPECT_EQ(first_come(o, 100).likely, Likelihood::unlikely);
}

TEST(LineOdds, AFractionOfABuyersShareStillServesOneMore) {
  const LineOutlook o{.available = 10, .held = 0, .sold = 30, .orders = 10, .max_per_buyer = 6,
                      .shopping = 0};
  EXPECT_EQ(first_come(o, 0).buyers_ahead_who_can_buy, 4);  // 3 + 3 + 3 + 1
}

TEST(LineOdds, SoldOutWithNothingHeldIsUnlikelyForEveryone) {
  const LineOutlook o{.available = 0, .held = 0, .sold = 500, .orders = 200, .max_per_buyer = 4,
                      .shopping = 0};
  const auto odds = first_come(o, 0);
  EXPECT_EQ(odds.places_left, 0);
  EXPECT_EQ(odds.buyers_ahead_who_can_buy, 0);
  EXPECT_EQ(odds.likely, Likelihood::unlikely);
  EXPECT_EQ(line_odds(o, 0, true, 10, kBefore, kOpen).likely, Likelihood::unlikely);
}

TEST(LineOdds, SoldOutWhilePlacesAreHeldLeavesHopeAtTheFront) {
  // Holds may lapse: 6 held places at 2 per order could serve 3 more, so the front is uncertain.
  const LineOutlook o{.available = 0, .held = 6, .sold = 200, .orders = 100, .max_per_buyer = 4,
                      .shopping = 0};
  EXPECT_EQ(first_come(o, 0).buyers_ahead_who_can_buy, 0);
  EXPECT_EQ(first_come(o, 0).likely, Likelihood::uncertain);
  EXPECT_EQ(first_come(o, 5).likely, Likelihood::uncertain);
  EXPECT_EQ(first_come(o, 6).likely, Likelihood::unlikely);
}

TEST(LineOdds, ThoseShoppingNowBuyFirst) {
  const LineOutlook o{.available = 20, .held = 0, .sold = 10, .orders = 10, .max_per_buyer = 4,
                      .shopping = 25};
  // 20 places serve 20 buyers, all of them among the 25 shopping.
  EXPECT_EQ(first_come(o, 0).buyers_ahead_who_can_buy, 0);
  EXPECT_EQ(first_come(o, 0).likely, Likelihood::unlikely);
}

TEST(LineOdds, BeforeTheDrawOnlyADrawEveryoneSurvivesIsLikely) {
  const LineOutlook o{.available = 1000, .held = 0, .sold = 0, .orders = 0, .max_per_buyer = 4,
                      .shopping = 0};
  // 250 can surely buy: a draw of 200 is likely for all, one of 5,000 is open for anyone in it.
  EXPECT_EQ(line_odds(o, 0, true, 200, kBefore, kOpen).likely, Likelihood::likely);
  EXPECT_EQ(line_odds(o, 0, true, 5000, kBefore, kOpen).likely, Likelihood::uncertain);
  // Whatever `ahead` reads before the draw, it is not a place yet.
  EXPECT_EQ(line_odds(o, 4999, true, 5000, kBefore, kOpen).likely, Likelihood::uncertain);
  // Once drawn, the place counts like anyone's.
  EXPECT_EQ(line_odds(o, 4999, true, 5000, kAfter, kOpen).likely, Likelihood::unlikely);
  EXPECT_EQ(line_odds(o, 10, true, 5000, kAfter, kOpen).likely, Likelihood::likely);
}

TEST(LineOdds, NamesItsVerdicts) {
  EXPECT_EQ(to_string(Likelihood::likely), "likely");
  EXPECT_EQ(to_string(Likelihood::uncertain), "uncertain");
  EXPECT_EQ(to_string(Likelihood::unlikely), "unlikely");
}

}  // namespace
}  // namespace boxoffice
