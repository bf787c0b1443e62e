// --trusted-proxies: behind a load balancer every peer is the proxy, so per-address limits and
// log lines must use the client that the proxy names in X-Forwarded-For, and only when the peer
// is one the operator trusts.
#include <sys/wait.h>

#include <cstdlib>

#include "integration/fixture.hpp"

namespace boxoffice::testing {
namespace {

// A failed sign-in as `email` relayed with `forwarded_for`; returns the status.
int failed_sign_in(const HttpClient& c, const std::string& email,
                   const std::string& forwarded_for) {
  const std::string body =
      R"({"email":")" + email + R"(@test.example","password":"wrong-password"})";
  return c.request("POST", "/api/v1/sessions", body, {{"X-Forwarded-For", forwarded_for}}).status;
}

TEST(TrustedProxies, PerAddressLimitsAndLogsUseTheForwardedClient) {
  OwnServer own(
      {"--trusted-proxies", "127.0.0.1/32,10.0.0.0/8", "--login-failures-per-address", "2"});
  auto c = own.client();
  EXPECT_EQ(failed_sign_in(c, "a", "6.6.6.6, 203.0.113.5"), 401);
  EXPECT_EQ(failed_sign_in(c, "b", "203.0.113.5, 10.0.0.2"), 401);
  // What the client wrote left of its address changes nothing: its bucket is full.
  EXPECT_EQ(failed_sign_in(c, "c", "9.9.9.9, 203.0.113.5"), 429);
  // Another client behind the same proxy has a bucket of its own.
  EXPECT_EQ(failed_sign_in(c, "d", "203.0.113.6"), 401);
  EXPECT_NE(own.server.log().find("remote=203.0.113.5 "), std::string::npos) << own.server.log();
}

TEST(TrustedProxies, ForwardedForFromAnUntrustedPeerIsIgnored) {
  // The peer (loopback) is not trusted: the header could be forged, so the client stays
  // 127.0.0.1, which is exempt from per-address limits by default.
  OwnServer own({"--trusted-proxies", "10.0.0.0/8", "--login-failures-per-address", "2"});
  auto c = own.client();
  for (const char* email : {"a", "b", "c", "d"})
    EXPECT_EQ(failed_sign_in(c, email, "203.0.113.5"), 401) << email;
  EXPECT_EQ(own.server.log().find("remote=203.0.113.5"), std::string::npos) << own.server.log();
}

TEST(TrustedProxies, AnInvalidRangeStopsTheStart) {
  ScratchDatabase db(g_backend);
  // `timeout` ends a server that started anyway (status 124).
  const std::string command = "timeout 10 " + g_server +
                              " serve --listen 127.0.0.1:0 --database '" + db.url() +
                              "' --trusted-proxies 10.0.0.0/40 >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0);
  EXPECT_NE(WEXITSTATUS(status), 124);
}

}  // namespace
}  // namespace boxoffice::testing
