#include "http/router.hpp"

#include <gtest/gtest.h>

namespace boxoffice::http {
namespace {

Response ok(Context&) {
  return {};
}

TEST(Router, MatchesParametersAndTellsNotFoundFromWrongMethod) {
  Router router;
  router.add("GET", "/api/v1/venues/{venue}", ok);
  router.add("POST", "/api/v1/venues/{venue}/layouts", ok);
  router.add("GET", "/api/v1/venues/{venue}/layouts", ok);

  auto m = router.match("GET", "/api/v1/venues/ven_1");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params.at("venue"), "ven_1");

  auto wrong = router.match("DELETE", "/api/v1/venues/ven_1/layouts");
  EXPECT_FALSE(wrong.route);
  EXPECT_EQ(wrong.allowed, "POST, GET");

  auto none = router.match("GET", "/api/v1/venues/ven_1/other");
  EXPECT_FALSE(none.route);
  EXPECT_TRUE(none.allowed.empty());
  EXPECT_FALSE(router.match("GET", "/api/v1/venues//layouts").route);
  EXPECT_FALSE(router.match("GET", "/api/v1/venues").route);
}

}  // namespace
}  // namespace boxoffice::http
