#pragma once
// Honest odds in line: how likely it is that places remain when a waiting buyer's turn comes,
// from the places left, the people ahead and how many places a buyer has taken so far.
#include <cstdint>
#include <string_view>

#include "domain/time.hpp"

namespace boxoffice {

enum class Likelihood { likely, uncertain, unlikely };
std::string_view to_string(Likelihood likelihood);

struct LineOutlook {
  std::int64_t available = 0;  // places neither held nor sold
  std::int64_t held = 0;       // places in holds, which come back if they lapse
  std::int64_t sold = 0;       // places in paid orders
  std::int64_t orders = 0;     // paid orders
  std::int64_t max_per_buyer = 1;
  std::int64_t shopping = 0;  // admitted buyers who may still buy
};

struct LineOdds {
  std::int64_t places_left = 0;
  // How many buyers the places left serve at the places per buyer seen so far, less those
  // already shopping: the people ahead of this one who can still buy (it may exceed `ahead`).
  std::int64_t buyers_ahead_who_can_buy = 0;
  Likelihood likely = Likelihood::uncertain;
};

// The odds of the buyer with `ahead` people waiting before them. `drawn`: they joined before
// sales opened and their place is set by the draw at `sales_open_at`; before `now` reaches it
// nobody's place is known, only that `in_draw` people share the draw.
//
// Places per buyer: sold ÷ orders once anything was sold. Before the first order it is unknown
// and both ends are kept: every buyer taking `max_per_buyer` (then buyers_ahead_who_can_buy is a
// floor, and only those within it are told "likely") and every buyer taking one place (only those
// beyond even that are told "unlikely"). Guessing one number instead would tell people early, on
// no evidence, either to give up or to count on it.
//
// "unlikely" is said only with a margin, since saying it sends people away: at least twice as
// many ahead as the places serve even if every hold lapses, or more ahead than there are such
// places at all (sold out: nothing left and nothing held that could come back).
LineOdds line_odds(const LineOutlook& outlook, std::int64_t ahead, bool drawn, std::int64_t in_draw,
                   TimePoint now, TimePoint sales_open_at);

}  // namespace boxoffice
