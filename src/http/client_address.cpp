#include "http/client_address.hpp"

#include <optional>
#include <stdexcept>
#include <string>

namespace boxoffice::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A listener on [::] sees IPv4 clients as ::ffff:a.b.c.d; ranges are written as a.b.c.d/n.
ip::address unmapped(ip::address a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(trim(text)), ec);
  if (ec) return std::nullopt;
  return unmapped(a);
}

// Calls `f` on each comma-separated entry, right to left, until it returns true.
template <class F>
void each_from_right(std::string_view list, F f) {
  for (;;) {
    const auto comma = list.rfind(',');
    const auto entry = comma == std::string_view::npos ? list : list.substr(comma + 1);
    if (f(entry) || comma == std::string_view::npos) return;
    list = list.substr(0, comma);
  }
}

}  // namespace

TrustedProxies TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  if (trim(list).empty()) return out;
  each_from_right(list, [&](std::string_view raw) {
    const auto entry = std::string(trim(raw));
    boost::system::error_code ec;
    const auto slash = entry.find('/');
    const auto address = parse_address(entry.substr(0, slash));
    if (!address) throw std::invalid_argument("not an address range: \"" + entry + "\"");
    const bool v4 = address->is_v4();
    if (slash == std::string::npos) {
      if (v4)
        out.v4_.emplace_back(address->to_v4(), 32);
      else
        out.v6_.emplace_back(address->to_v6(), 128);
      return false;
    }
    if (v4)
      out.v4_.push_back(ip::make_network_v4(entry, ec));
    else
      out.v6_.push_back(ip::make_network_v6(entry, ec));
    if (ec) throw std::invalid_argument("not an address range: \"" + entry + "\"");
    return false;
  });
  return out;
}

bool TrustedProxies::contains(ip::address address) const {
  address = unmapped(address);
  if (address.is_v4()) {
    for (const auto& n : v4_)
      if (ip::network_v4(address.to_v4(), n.prefix_length()).canonical() == n.canonical())
        return true;
    return false;
  }
  for (const auto& n : v6_)
    if (ip::network_v6(address.to_v6(), n.prefix_length()).canonical() == n.canonical())
      return true;
  return false;
}

ip::address TrustedProxies::client_of(ip::address peer, std::string_view forwarded_for) const {
  peer = unmapped(peer);
  if (!contains(peer) || trim(forwarded_for).empty()) return peer;
  ip::address client = peer;
  each_from_right(forwarded_for, [&](std::string_view entry) {
    const auto address = parse_address(entry);
    if (!address) return true;
    client = *address;
    return !contains(client);
  });
  return client;
}

}  // namespace boxoffice::http
