#include "domain/line_odds.hpp"

#include <algorithm>
#include <cmath>

namespace boxoffice {

std::string_view to_string(Likelihood likelihood) {
  switch (likelihood) {
    case Likelihood::likely:
      return "likely";
    case Likelihood::uncertain:
      return "uncertain";
    case Likelihood::unlikely:
      return "unlikely";
  }
  return "uncertain";
}

namespace {

// Buyers `places` serve at `per_buyer` places each (a fraction of one still buys).
std::int64_t buyers_served(std::int64_t places, double per_buyer) {
  return static_cast<std::int64_t>(std::ceil(static_cast<double>(places) / per_buyer));
}

}  // namespace

LineOdds line_odds(const LineOutlook& o, std::int64_t ahead, bool drawn, std::int64_t in_draw,
                   TimePoint now, TimePoint sales_open_at) {
  LineOdds odds;
  odds.places_left = std::max<std::int64_t>(o.available, 0);
  const bool seen = o.orders > 0 && o.sold > 0;
  const double per_buyer = seen ? static_cast<double>(o.sold) / static_cast<double>(o.orders)
                                : static_cast<double>(std::max<std::int64_t>(o.max_per_buyer, 1));
  // Those shopping now buy first: the places serve them before anyone waiting.
  const auto serves = [&](std::int64_t places, double each) {
    return std::max<std::int64_t>(buyers_served(places, each) - o.shopping, 0);
  };
  odds.buyers_ahead_who_can_buy = serves(odds.places_left, per_buyer);
  // With every held place coming back: the most who could still buy (at one place each), and
  // how many would at the places per buyer seen.
  const auto could_return = odds.places_left + std::max<std::int64_t>(o.held, 0);
  const auto at_most = serves(could_return, 1.0);
  const auto hopeful = serves(could_return, per_buyer);

  if (at_most == 0) {
    odds.likely = Likelihood::unlikely;  // sold out, and no hold that could lapse
  } else if (drawn && now < sales_open_at) {
    // Anyone in the draw may come first: only a draw that every one of them survives is likely.
    odds.likely = std::max<std::int64_t>(in_draw, 1) <= odds.buyers_ahead_who_can_buy
                      ? Likelihood::likely
                      : Likelihood::uncertain;
  } else if (ahead < odds.buyers_ahead_who_can_buy) {
    odds.likely = Likelihood::likely;
  } else if (ahead >= at_most || (seen && ahead >= 2 * hopeful)) {
    odds.likely = Likelihood::unlikely;
  } else {
    odds.likely = Likelihood::uncertain;
  }
  return odds;
}

}  // namespace boxoffice
