#pragma once
// The signed-in account of each session recently used on this node, kept for a moment so that a
// buyer's burst of requests (hold, read the hold, check out) and a rush of them do not each ask
// the database who the bearer is: before this cache the lookup was a tenth of the server's work
// in a rush of holds (bench/RESULTS.md).
//
// What a moment costs: a session ended on another node (signed out) or past its end is still
// honoured here for up to `keep`. Signing out on this node forgets it at once.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/clock.hpp"
#include "domain/account.hpp"

namespace boxoffice {

class SessionCache {
 public:
  SessionCache(const Clock& clock, std::chrono::milliseconds keep, std::size_t max_sessions);

  // The account of the session, if it was looked up less than `keep` ago.
  std::optional<Account> find(const std::string& token_hash);
  void keep(const std::string& token_hash, const Account& account);
  void forget(const std::string& token_hash);

 private:
  struct Entry {
    Account account;
    std::chrono::milliseconds until;  // on clock_.steady()
  };
  const Clock& clock_;
  const std::chrono::milliseconds keep_;
  const std::size_t max_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace boxoffice
