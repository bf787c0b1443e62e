#include "domain/ranked_places.hpp"

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <set>
#include <vector>

namespace boxoffice {
namespace {

// The reference: a std::set, whose rank is the distance from its start.
std::int64_t reference_rank(const std::set<LinePlace>& places, LinePlace place) {
  return std::distance(places.begin(), places.lower_bound(place));
}

// Every place of the reference (and one just before and after each) has the same rank in both.
void expect_same_ranks(const RankedPlaces& ranked, const std::set<LinePlace>& reference) {
  ASSERT_EQ(ranked.size(), static_cast<std::int64_t>(reference.size()));
  std::int64_t rank = 0;
  for (const auto& place : reference) {
    ASSERT_EQ(ranked.rank(place), rank) << place.order_key << "/" << place.number;
    ASSERT_EQ(ranked.rank({place.order_key, place.number + 1}), rank + 1);
    ++rank;
  }
  EXPECT_EQ(ranked.rank({-1, 0}), 0);
  EXPECT_EQ(ranked.rank({INT64_MAX, INT64_MAX}), rank);
}

TEST(RankedPlaces, AnEmptySetRanksEverythingFirst) {
  RankedPlaces ranked(4);
  EXPECT_EQ(ranked.size(), 0);
  EXPECT_EQ(ranked.rank({5, 1}), 0);
  EXPECT_FALSE(ranked.erase({5, 1}));
  EXPECT_EQ(ranked.blocks(), 0u);
}

TEST(RankedPlaces, EqualKeysAreOrderedByNumber) {
  RankedPlaces ranked(4);
  for (std::int64_t number : {5, 2, 9, 1, 7, 3}) EXPECT_TRUE(ranked.insert({42, number}));
  EXPECT_EQ(ranked.rank({42, 1}), 0);
  EXPECT_EQ(ranked.rank({42, 3}), 2);
  EXPECT_EQ(ranked.rank({42, 9}), 5);
  EXPECT_EQ(ranked.rank({41, 100}), 0);
  EXPECT_EQ(ranked.rank({43, 0}), 6);
}

TEST(RankedPlaces, APlaceIsHeldOnce) {
  RankedPlaces ranked(4);
  EXPECT_TRUE(ranked.insert({1, 1}));
  EXPECT_FALSE(ranked.insert({1, 1}));
  EXPECT_EQ(ranked.size(), 1);
  EXPECT_FALSE(ranked.erase({1, 2}));
  EXPECT_TRUE(ranked.erase({1, 1}));
  EXPECT_FALSE(ranked.erase({1, 1}));
  EXPECT_EQ(ranked.size(), 0);
}

TEST(RankedPlaces, AFullBlockSplitsAndKeepsTheOrder) {
  RankedPlaces ranked(4);
  std::set<LinePlace> reference;
  // Descending keys: each lands at the front of the first block, which splits when full.
  for (std::int64_t key = 20; key >= 1; --key) {
    ranked.insert({key, key});
    reference.insert({key, key});
    expect_same_ranks(ranked, reference);
  }
  EXPECT_GE(ranked.blocks(), 5u);
}

TEST(RankedPlaces, PlacesJoiningAtTheEndFillWholeBlocks) {
  // First come, first served: increasing keys start a new block instead of splitting the last,
  // so a line of first-come joins takes no more blocks than it must.
  RankedPlaces ranked(4);
  for (std::int64_t n = 1; n <= 400; ++n) ranked.insert({n, n});
  EXPECT_EQ(ranked.blocks(), 100u);
  EXPECT_EQ(ranked.rank({400, 400}), 399);
}

TEST(RankedPlaces, ErasingTheFirstOrLastPlaceOfABlock) {
  RankedPlaces ranked(4);
  std::set<LinePlace> reference;
  for (std::int64_t n = 1; n <= 12; ++n) {  // blocks [1..4] [5..8] [9..12]
    ranked.insert({n, n});
    reference.insert({n, n});
  }
  for (std::int64_t n : {5, 8, 1, 12, 4, 9}) {
    EXPECT_TRUE(ranked.erase({n, n}));
    reference.erase({n, n});
    expect_same_ranks(ranked, reference);
  }
}

TEST(RankedPlaces, EmptiedBlocksGoAndSmallNeighboursMerge) {
  RankedPlaces ranked(8);
  std::set<LinePlace> reference;
  for (std::int64_t n = 1; n <= 80; ++n) {
    ranked.insert({n, n});
    reference.insert({n, n});
  }
  EXPECT_EQ(ranked.blocks(), 10u);
  // Admissions take the line from its front: whole blocks empty and go.
  for (std::int64_t n = 1; n <= 24; ++n) {
    ranked.erase({n, n});
    reference.erase({n, n});
  }
  expect_same_ranks(ranked, reference);
  EXPECT_EQ(ranked.blocks(), 7u);
  // Leaves all over the line: neighbours that fit in half a block become one.
  for (std::int64_t n = 25; n <= 80; ++n) {
    if (n % 4 == 0) continue;
    ranked.erase({n, n});
    reference.erase({n, n});
    expect_same_ranks(ranked, reference);
  }
  EXPECT_EQ(ranked.size(), 14);
  EXPECT_LE(ranked.blocks(), 4u);
  for (std::int64_t n = 28; n <= 80; n += 4) ranked.erase({n, n});
  EXPECT_EQ(ranked.size(), 0);
  EXPECT_EQ(ranked.blocks(), 0u);
}

// Random joins (drawn keys, few enough to repeat, then first-come ones) and random departures,
// compared with a std::set after every change, at block sizes that split and merge often.
TEST(RankedPlaces, RandomChangesMatchASortedSet) {
  for (std::size_t capacity : {2u, 3u, 4u, 16u, 512u}) {
    std::mt19937_64 random(capacity);
    RankedPlaces ranked(capacity);
    std::set<LinePlace> reference;
    std::vector<LinePlace> joined;
    std::int64_t number = 0;
    for (int step = 0; step < 6000; ++step) {
      const auto dice = random() % 10;
      if (dice < 5 || joined.empty()) {
        ++number;
        const std::int64_t key =
            step < 3000 ? static_cast<std::int64_t>(random() % 200) : 1000 + number;
        const LinePlace place{key, number};
        joined.push_back(place);
        ASSERT_EQ(ranked.insert(place), reference.insert(place).second);
      } else {
        const auto& place = joined[random() % joined.size()];
        ASSERT_EQ(ranked.erase(place), reference.erase(place) == 1);
      }
      const auto& probe = joined[random() % joined.size()];
      ASSERT_EQ(ranked.rank(probe), reference_rank(reference, probe)) << "capacity " << capacity;
      // No two neighbouring blocks hold half a block or less: of each two, one holds more.
      ASSERT_LE(ranked.blocks(), 2 * (reference.size() / (capacity / 2 + 1)) + 1)
          << "capacity " << capacity;
    }
    expect_same_ranks(ranked, reference);
  }
}

}  // namespace
}  // namespace boxoffice
