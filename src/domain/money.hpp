#pragma once
// Money is an integer count of minor units beside an ISO 4217 currency code; totals and fees are
// computed here and nowhere else.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boxoffice {

using Minor = std::int64_t;  // e.g. 4500 = 45.00 EUR

// True for the active ISO 4217 codes that tickets are sold in (not funds or precious metals).
bool is_iso_currency(std::string_view code);

// "EUR 45.00": minor units as the currency's major ones (two decimals).
std::string format_money(Minor minor, std::string_view currency);

enum class FeeKind { fixed, percent };

// A fee shown to buyers apart from the price: a fixed amount, or basis points of the price
// (250 = 2.5 %), rounded half up to a minor unit.
struct Fee {
  std::string name;
  FeeKind kind = FeeKind::fixed;
  Minor amount = 0;  // minor units (fixed) or basis points (percent)

  Minor on(Minor price) const;
};

}  // namespace boxoffice
