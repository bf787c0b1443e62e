#include "app/session_cache.hpp"

namespace boxoffice {

SessionCache::SessionCache(const Clock& clock, std::chrono::milliseconds keep,
                           std::size_t max_sessions)
    : clock_(clock), keep_(keep), max_(max_sessions) {}

std::optional<Account> SessionCache::find(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.until <= clock_.steady()) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.account;
}

void SessionCache::keep(const std::string& token_hash, const Account& account) {
  const auto now = clock_.steady();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_) {
    // Bounded whatever the number of sessions in use: what is stale goes, and if that is not
    // enough, everything (it is only a cache).
    std::erase_if(entries_, [now](const auto& e) { return e.second.until <= now; });
    if (entries_.size() >= max_) entries_.clear();
  }
  entries_.insert_or_assign(token_hash, Entry{account, now + keep_});
}

void SessionCache::forget(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  entries_.erase(token_hash);
}

}  // namespace boxoffice
