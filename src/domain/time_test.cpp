#include "domain/time.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

TEST(Rfc3339, ParsesUtcOffsetsAndFractions) {
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2027-06-01T19:30:00Z")), "2027-06-01T19:30:00Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2027-06-01T21:30:00+02:00")), "2027-06-01T19:30:00Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2027-01-01T00:30:00-01:00")), "2027-01-01T01:30:00Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2027-06-01t19:30:00.123z")), "2027-06-01T19:30:00Z");
  EXPECT_EQ(to_unix(*parse_rfc3339("1970-01-01T00:00:00Z")), 0);
}

TEST(Rfc3339, RejectsAnythingElse) {
  for (const char* bad :
       {"", "2027-06-01", "2027-06-01T19:30:00", "2027-02-29T00:00:00Z", "2027-13-01T00:00:00Z",
        "2027-06-01T24:00:00Z", "2027-06-01T19:60:00Z", "2027-06-01 19:30:00Z",
        "2027-06-01T19:30:00+2:00", "2027-06-01T19:30:00Zjunk", "2027-06-01T19:30:00.Z", "tomorrow",
        "2027-06-01T19:30:00+24:00"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
  EXPECT_TRUE(parse_rfc3339("2028-02-29T00:00:00Z"));  // a leap year
}

}  // namespace
}  // namespace boxoffice
