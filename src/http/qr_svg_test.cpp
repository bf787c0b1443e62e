#include "http/qr_svg.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace boxoffice::http {
namespace {

// The dark modules of an SVG drawn by qr_svg, as (x, y).
std::set<std::pair<int, int>> dark_modules(const std::string& svg) {
  std::set<std::pair<int, int>> out;
  const std::regex square("M(\\d+) (\\d+)h1v1h-1z");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), square); it != std::sregex_iterator();
       ++it)
    out.emplace(std::stoi((*it)[1]), std::stoi((*it)[2]));
  return out;
}

TEST(QrSvg, DrawsTheThreeFinderPatternsInsideAQuietZone) {
  const auto svg = qr_svg("tkt_2w6e8r1t4y7u9i3o.c2lnbmF0dXJlLWV4YW1wbGUtc2lnbmF0dXJl");
  ASSERT_TRUE(svg);
  std::smatch size;
  ASSERT_TRUE(std::regex_search(*svg, size, std::regex("viewBox=\"0 0 (\\d+) (\\d+)\"")));
  const int side = std::stoi(size[1]);
  const int width = side - 8;
  EXPECT_EQ((width - 17) % 4, 0) << "a QR symbol is 21, 25, 29... modules wide";
  const auto dark = dark_modules(*svg);
  for (const auto& [x, y] : dark) {
    EXPECT_GE(x, 4);
    EXPECT_GE(y, 4);
    EXPECT_LT(x, side - 4);
    EXPECT_LT(y, side - 4);
  }
  // Each finder: a dark 7x7 ring, a light ring inside, a dark 3x3 centre.
  for (const auto& [fx, fy] :
       {std::pair{4, 4}, std::pair{4 + width - 7, 4}, std::pair{4, 4 + width - 7}}) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(dark.count({fx + i, fy}) && dark.count({fx + i, fy + 6}) &&
                  dark.count({fx, fy + i}) && dark.count({fx + 6, fy + i}));
    }
    EXPECT_FALSE(dark.count({fx + 1, fy + 1}));
    EXPECT_TRUE(dark.count({fx + 3, fy + 3}));
  }
}

TEST(QrSvg, LongerCodesNeedBiggerSymbolsAndTooLongOnesNone) {
  const auto small = qr_svg("short");
  const auto big = qr_svg(std::string(300, 'x'));
  ASSERT_TRUE(small && big);
  EXPECT_LT(small->size(), big->size());
  EXPECT_FALSE(qr_svg(std::string(5000, 'x')));
}

}  // namespace
}  // namespace boxoffice::http
