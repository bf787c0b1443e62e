#pragma once
// Who the client is when the server sits behind load balancers (--trusted-proxies): the peer of
// the connection is then a proxy, and the client is named in X-Forwarded-For.
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <string_view>
#include <vector>

namespace boxoffice::http {

class TrustedProxies {
 public:
  // Parses "CIDR[,CIDR...]" (a bare address stands for itself alone); "" trusts nobody. Throws
  // std::invalid_argument naming the entry that is not a range.
  static TrustedProxies parse(std::string_view list);

  bool contains(boost::asio::ip::address address) const;

  // The client's address. From a trusted peer it is the right-most address of `forwarded_for`
  // (every X-Forwarded-For value, joined with commas) that is not itself trusted: entries left of
  // it were written by the client and prove nothing. Should that entry not be an address, the
  // trusted hop right of it is the best we know. From any other peer the header is ignored.
  boost::asio::ip::address client_of(boost::asio::ip::address peer,
                                     std::string_view forwarded_for) const;

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace boxoffice::http
