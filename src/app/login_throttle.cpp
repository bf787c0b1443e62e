#include "app/login_throttle.hpp"

#include <algorithm>

namespace boxoffice {

int LoginThrottle::wait_for(Failures& failures, int limit, TimePoint now) const {
  while (!failures.empty() && failures.front() + policy_.window <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return 0;
  const auto frees_at = failures[failures.size() - limit] + policy_.window;
  return static_cast<int>(std::max<long long>(1, (frees_at - now).count()));
}

std::string LoginThrottle::pair_key(const std::string& email, const std::string& address) {
  return email + '\n' + address;
}

int LoginThrottle::begin(const std::string& email, const std::string& address, bool loopback) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  forget_old(now);
  int wait = 0;
  if (!email.empty()) {
    // Counted from loopback too: behind a local proxy not named in --trusted-proxies every
    // client is that one address, and guessing must still stop at 5.
    wait = std::max(
        wait_for(by_pair_[pair_key(email, address)], policy_.max_failures_per_account, now),
        wait_for(by_account_[email], policy_.max_failures_per_account_total, now));
  }
  if (address_limited(loopback))
    wait = std::max(wait, wait_for(by_address_[address], policy_.max_failures_per_address, now));
  if (wait > 0) return wait;
  if (!email.empty()) {
    by_pair_[pair_key(email, address)].push_back(now);
    by_account_[email].push_back(now);
  }
  if (address_limited(loopback)) by_address_[address].push_back(now);
  return 0;
}

void LoginThrottle::succeeded(const std::string& email, const std::string& address, bool loopback) {
  std::lock_guard lock(mutex_);
  by_pair_.erase(pair_key(email, address));
  auto take_back = [](std::unordered_map<std::string, Failures>& map, const std::string& key) {
    if (auto it = map.find(key); it != map.end() && !it->second.empty()) it->second.pop_back();
  };
  take_back(by_account_, email);
  if (address_limited(loopback)) take_back(by_address_, address);
}

// Bounds memory under a flood of distinct e-mails or addresses.
void LoginThrottle::forget_old(TimePoint now) {
  if (now - last_sweep_ < policy_.window) return;
  last_sweep_ = now;
  for (auto* map : {&by_pair_, &by_account_, &by_address_}) {
    std::erase_if(*map, [&](auto& entry) {
      return entry.second.empty() || entry.second.back() + policy_.window <= now;
    });
  }
}

}  // namespace boxoffice
