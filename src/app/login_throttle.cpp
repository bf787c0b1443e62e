#include "app/login_throttle.hpp"

namespace boxoffice {

int LoginThrottle::wait_for(Failures& failures, int limit, TimePoint now) const {
  while (!failures.empty() && failures.front() + policy_.window <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return 0;
  const auto frees_at = failures[failures.size() - limit] + policy_.window;
  return static_cast<int>(std::max<long long>(1, (frees_at - now).count()));
}

int LoginThrottle::retry_after(const std::string& email, const std::string& address,
                               bool loopback) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  int wait =
      email.empty() ? 0 : wait_for(by_account_[email], policy_.max_failures_per_account, now);
  if (address_limited(loopback))
    wait = std::max(wait, wait_for(by_address_[address], policy_.max_failures_per_address, now));
  return wait;
}

void LoginThrottle::record_failure(const std::string& email, const std::string& address,
                                   bool loopback) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  forget_old(now);
  if (!email.empty()) by_account_[email].push_back(now);
  if (address_limited(loopback)) by_address_[address].push_back(now);
}

void LoginThrottle::record_success(const std::string& email) {
  std::lock_guard lock(mutex_);
  by_account_.erase(email);
}

// Bounds memory under a flood of distinct e-mails or addresses.
void LoginThrottle::forget_old(TimePoint now) {
  if (now - last_sweep_ < policy_.window) return;
  last_sweep_ = now;
  for (auto* map : {&by_account_, &by_address_}) {
    std::erase_if(*map, [&](auto& entry) {
      return entry.second.empty() || entry.second.back() + policy_.window <= now;
    });
  }
}

}  // namespace boxoffice
