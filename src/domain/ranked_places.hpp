#pragma once
// The places of a line, kept so that "how many come before this one" is cheap at a million.
//
// A buyer's poll asks it, so it must touch little memory: the places sit in sorted blocks of
// contiguous (order key, number) pairs; a binary search over the blocks' first places finds the
// block, one over the block the position in it, and a Fenwick tree over the blocks' sizes counts
// the places of the blocks before. That is a handful of cache lines where a balanced tree of a
// million nodes follows ~20 pointers scattered over the heap (bench/RESULTS.md measured it).
// Joins and departures move at most one block's places, and split, merge or drop a block now
// and then.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace boxoffice {

// A waiting entry's place: by order key, then, for two equal drawn keys, by number.
struct LinePlace {
  std::int64_t order_key = 0;
  std::int64_t number = 0;
  friend auto operator<=>(const LinePlace&, const LinePlace&) = default;
};

class RankedPlaces {
 public:
  // `block_capacity` (at least 2): places per block; small ones only for tests.
  explicit RankedPlaces(std::size_t block_capacity = kBlockCapacity);

  // False, changing nothing, when the place is already in.
  bool insert(LinePlace place);
  // False, changing nothing, when the place is not in.
  bool erase(LinePlace place);
  // The places before `place`, whether it is in or not.
  std::int64_t rank(LinePlace place) const;
  std::int64_t size() const { return size_; }
  // Never more than 2n / (capacity / 2 + 1) + 1, and none empty: of two neighbouring blocks,
  // one always holds more than half a block's worth.
  std::size_t blocks() const { return blocks_.size(); }

 private:
  // 8 KiB of places: a split or a join in the middle moves 4 KiB on average, and the search in a
  // block touches ~4 cache lines of it that the search over the blocks has not.
  static constexpr std::size_t kBlockCapacity = 512;

  using Block = std::vector<LinePlace>;
  // The block where `place` is or would go: the last whose first place is not after it, else the
  // first.
  std::size_t block_of(LinePlace place) const;
  // Places in the blocks before `block`.
  std::int64_t before(std::size_t block) const;
  void add_to_count(std::size_t block, std::int64_t delta);
  // Drops `block` if empty, and merges it with a neighbour while the two fit in half a block.
  void settle(std::size_t block);
  // Rebuilds the blocks' first places and the Fenwick tree after blocks came or went.
  void reindex();

  std::size_t capacity_;
  std::vector<Block> blocks_;
  // Each block's first place when the blocks were last indexed: still after every place of the
  // block before and not after any of its own, which is all the search needs, so a change within
  // a block leaves it.
  std::vector<LinePlace> firsts_;
  std::vector<std::int64_t> counts_;  // Fenwick tree of the blocks' sizes, [i] for block i + 1
  std::int64_t size_ = 0;
};

}  // namespace boxoffice
