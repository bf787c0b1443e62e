#include "http/address_slots.hpp"

#include <gtest/gtest.h>

namespace boxoffice::http {
namespace {

TEST(AddressSlots, EachAddressHoldsAtMostItsShare) {
  AddressSlots slots(2);
  auto a1 = slots.take("203.0.113.5");
  auto a2 = slots.take("203.0.113.5");
  ASSERT_TRUE(a1 && a2);
  EXPECT_FALSE(slots.take("203.0.113.5"));
  EXPECT_TRUE(slots.take("203.0.113.6"));  // taken and given back at once
  a1.reset();
  EXPECT_TRUE(slots.take("203.0.113.5"));
}

TEST(AddressSlots, AMovedSlotIsGivenBackOnce) {
  AddressSlots slots(2);
  auto kept = slots.take("x");
  {
    auto first = slots.take("x");
    ASSERT_TRUE(first);
    AddressSlots::Slot moved(std::move(*first));
  }
  // One of two is still held: one more fits, not two.
  auto again = slots.take("x");
  EXPECT_TRUE(again);
  EXPECT_FALSE(slots.take("x"));
}

}  // namespace
}  // namespace boxoffice::http
