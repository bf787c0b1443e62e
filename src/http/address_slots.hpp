#pragma once
// A cap on how many of something (updates streams) each client address holds at once.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace boxoffice::http {

class AddressSlots {
 public:
  explicit AddressSlots(std::size_t per_address) : per_address_(per_address) {}

  // Gives its place back when destroyed.
  class Slot {
   public:
    Slot(AddressSlots* owner, std::string address) : owner_(owner), address_(std::move(address)) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_), address_(std::move(other.address_)) {
      other.owner_ = nullptr;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_) owner_->release(address_);
    }

   private:
    AddressSlots* owner_;
    std::string address_;
  };

  // A slot for `address`, or nullopt when it already holds `per_address` of them.
  std::optional<Slot> take(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto& held = held_[address];
    if (held >= per_address_) return std::nullopt;
    ++held;
    return std::optional<Slot>(std::in_place, this, address);
  }

 private:
  void release(const std::string& address) {
    std::lock_guard lock(mutex_);
    // Entries go when their count does, so the map holds only addresses with a slot taken.
    if (auto it = held_.find(address); it != held_.end() && --it->second == 0) held_.erase(it);
  }

  std::size_t per_address_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> held_;
};

}  // namespace boxoffice::http
