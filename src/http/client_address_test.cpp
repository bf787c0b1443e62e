#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace boxoffice::http {
namespace {

using boost::asio::ip::make_address;

std::string client(const TrustedProxies& t, const char* peer, const char* forwarded_for) {
  return t.client_of(make_address(peer), forwarded_for).to_string();
}

TEST(TrustedProxies, ParsesRangesAndBareAddresses) {
  auto t = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7,::1,fd00::/8");
  EXPECT_TRUE(t.contains(make_address("10.200.3.4")));
  EXPECT_FALSE(t.contains(make_address("11.0.0.1")));
  EXPECT_TRUE(t.contains(make_address("192.168.1.7")));
  EXPECT_FALSE(t.contains(make_address("192.168.1.8")));
  EXPECT_TRUE(t.contains(make_address("::1")));
  EXPECT_TRUE(t.contains(make_address("fd12::5")));
  EXPECT_FALSE(t.contains(make_address("fe80::1")));
  // A listener on [::] sees IPv4 peers as mapped addresses.
  EXPECT_TRUE(t.contains(make_address("::ffff:10.1.1.1")));
}

TEST(TrustedProxies, RejectsWhatIsNotARange) {
  EXPECT_THROW(TrustedProxies::parse("10.0.0.0/33"), std::invalid_argument);
  EXPECT_THROW(TrustedProxies::parse("nginx"), std::invalid_argument);
  EXPECT_THROW(TrustedProxies::parse("10.0.0.0/8,"), std::invalid_argument);
  EXPECT_NO_THROW(TrustedProxies::parse(""));
}

TEST(TrustedProxies, ClientIsTheRightMostUntrustedAddress) {
  auto t = TrustedProxies::parse("127.0.0.1/32,10.0.0.0/8");
  // The client wrote 6.6.6.6 itself; the proxies added 203.0.113.5 and 10.0.0.2.
  EXPECT_EQ(client(t, "127.0.0.1", "6.6.6.6, 203.0.113.5,10.0.0.2"), "203.0.113.5");
  EXPECT_EQ(client(t, "127.0.0.1", "203.0.113.5"), "203.0.113.5");
  // Every hop trusted: the left-most is as far as can be seen.
  EXPECT_EQ(client(t, "127.0.0.1", "10.0.0.3, 10.0.0.2"), "10.0.0.3");
  // Garbage where the client should be: the trusted hop that passed it on.
  EXPECT_EQ(client(t, "127.0.0.1", "junk, 10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(client(t, "127.0.0.1", "junk"), "127.0.0.1");
  EXPECT_EQ(client(t, "127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(client(t, "::ffff:127.0.0.1", "2001:db8::7"), "2001:db8::7");
}

TEST(TrustedProxies, HeaderFromAnUntrustedPeerIsIgnored) {
  auto t = TrustedProxies::parse("10.0.0.0/8");
  EXPECT_EQ(client(t, "203.0.113.9", "1.2.3.4"), "203.0.113.9");
  EXPECT_EQ(client(TrustedProxies::parse(""), "127.0.0.1", "1.2.3.4"), "127.0.0.1");
}

}  // namespace
}  // namespace boxoffice::http
