#include "domain/ranked_places.hpp"

#include <algorithm>
#include <iterator>

namespace boxoffice {

RankedPlaces::RankedPlaces(std::size_t block_capacity)
    : capacity_(std::max<std::size_t>(block_capacity, 2)) {}

std::size_t RankedPlaces::block_of(LinePlace place) const {
  const auto after = std::upper_bound(firsts_.begin(), firsts_.end(), place);
  return after == firsts_.begin() ? 0 : static_cast<std::size_t>(after - firsts_.begin() - 1);
}

std::int64_t RankedPlaces::before(std::size_t block) const {
  std::int64_t count = 0;
  for (std::size_t i = block; i > 0; i &= i - 1) count += counts_[i - 1];
  return count;
}

void RankedPlaces::add_to_count(std::size_t block, std::int64_t delta) {
  for (std::size_t i = block + 1; i <= counts_.size(); i += i & (~i + 1)) counts_[i - 1] += delta;
}

void RankedPlaces::reindex() {
  firsts_.resize(blocks_.size());
  counts_.resize(blocks_.size());
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    firsts_[b] = blocks_[b].front();
    counts_[b] = static_cast<std::int64_t>(blocks_[b].size());
  }
  // Each node passes its sum on to its parent: a Fenwick tree in O(blocks).
  for (std::size_t i = 1; i <= counts_.size(); ++i) {
    const std::size_t parent = i + (i & (~i + 1));
    if (parent <= counts_.size()) counts_[parent - 1] += counts_[i - 1];
  }
}

std::int64_t RankedPlaces::rank(LinePlace place) const {
  if (blocks_.empty()) return 0;
  const std::size_t b = block_of(place);
  const Block& block = blocks_[b];
  return before(b) + (std::lower_bound(block.begin(), block.end(), place) - block.begin());
}

bool RankedPlaces::insert(LinePlace place) {
  if (blocks_.empty()) {
    blocks_.push_back({place});
    reindex();
    size_ = 1;
    return true;
  }
  const std::size_t b = block_of(place);
  Block& block = blocks_[b];
  const auto at = std::lower_bound(block.begin(), block.end(), place);
  if (at != block.end() && *at == place) return false;
  if (block.size() >= capacity_) {
    if (b + 1 == blocks_.size() && at == block.end()) {
      // A first-come join goes after everyone: a new last block leaves the full one full.
      blocks_.push_back({place});
      reindex();
      ++size_;
      return true;
    }
    const auto half = block.begin() + static_cast<std::ptrdiff_t>(block.size() / 2);
    Block upper(half, block.end());
    block.erase(half, block.end());
    blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(b) + 1, std::move(upper));
    reindex();
    return insert(place);  // into one of the halves, which has room
  }
  block.insert(at, place);
  add_to_count(b, 1);
  ++size_;
  return true;
}

bool RankedPlaces::erase(LinePlace place) {
  if (blocks_.empty()) return false;
  const std::size_t b = block_of(place);
  Block& block = blocks_[b];
  const auto at = std::lower_bound(block.begin(), block.end(), place);
  if (at == block.end() || *at != place) return false;
  block.erase(at);
  --size_;
  add_to_count(b, -1);
  settle(b);
  return true;
}

void RankedPlaces::settle(std::size_t b) {
  bool changed = false;
  if (blocks_[b].empty()) {
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(b));
    changed = true;
    // Its neighbours have met: the pair at b - 1 is checked below.
    if (b == blocks_.size() && b > 0) --b;
  }
  const auto fits = [this](std::size_t left) {
    return blocks_[left].size() + blocks_[left + 1].size() <= capacity_ / 2;
  };
  while (!blocks_.empty()) {
    if (b > 0 && fits(b - 1)) {
      --b;
    } else if (b + 1 == blocks_.size() || !fits(b)) {
      break;
    }
    // b and b + 1 fit in half a block: b takes the places of b + 1.
    Block& into = blocks_[b];
    Block& from = blocks_[b + 1];
    into.insert(into.end(), from.begin(), from.end());
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    changed = true;
  }
  if (changed) reindex();
}

}  // namespace boxoffice
