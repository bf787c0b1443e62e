#include "domain/order.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

Hold two_seats_and_floor() {
  return {"hld",
          "evt",
          "acc",
          HoldStatus::active,
          {},
          {},
          {{"a", "a/A/1", 1}, {"a", "a/B/1", 1}, {"floor", "", 3}}};
}

std::vector<TicketType> types() {
  TicketType standard{"std",
                      "evt",
                      "Standard",
                      5000,
                      {},
                      {},
                      {{"fee", FeeKind::fixed, 200}},
                      {{{"a"}, {"A"}, 7000}},
                      {}};
  TicketType seated_only{"vip", "evt", "VIP", 9000, {"a"}, 1, {}, {}, {}};
  return {standard, seated_only};
}

TEST(Orders, EveryPlaceGetsOnePricedTicket) {
  auto tickets =
      price_tickets(two_seats_and_floor(),
                    {{"a/A/1", "std", ""}, {"a/B/1", "std", ""}, {"floor", "std", ""}}, types());
  ASSERT_TRUE(tickets) << tickets.error().message;
  ASSERT_EQ(tickets.value().size(), 5u);
  EXPECT_EQ(tickets.value()[0].price, 7000);  // front row level
  EXPECT_EQ(tickets.value()[1].price, 5000);
  EXPECT_EQ(tickets.value()[4].section, "floor");
  EXPECT_EQ(order_total(tickets.value()), 7000 + 5000 + 3 * 5000 + 5 * 200);
}

TEST(Orders, BadLinesAreNamed) {
  auto r = price_tickets(
      two_seats_and_floor(),
      {{"a/A/1", "nope", ""}, {"a/C/9", "std", ""}, {"floor", "vip", ""}, {"a/A/1", "std", ""}},
      types());
  ASSERT_FALSE(r);
  for (const char* f : {"items[0].ticket_type_id", "items[1]", "items[2].ticket_type_id"})
    EXPECT_TRUE(r.error().fields.count(f)) << f;
  auto missing = price_tickets(two_seats_and_floor(), {{"a/A/1", "std", ""}}, types());
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().fields.count("items"));
}

TEST(Orders, TicketsMustMatchThePlacesHeldNow) {
  auto hold = two_seats_and_floor();
  auto tickets = price_tickets(
      hold, {{"a/A/1", "std", ""}, {"a/B/1", "std", ""}, {"floor", "std", ""}}, types());
  ASSERT_TRUE(tickets);
  EXPECT_TRUE(tickets_match_hold(tickets.value(), hold));
  // The buyer let a seat and a standing place go after the tickets were priced.
  hold.items = {{"a", "a/A/1", 1}, {"floor", "", 2}};
  auto changed = tickets_match_hold(tickets.value(), hold);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().kind, ErrorKind::conflict);
  EXPECT_EQ(changed.error().code, "hold_changed");
}

TEST(Orders, QuotasCountWhatIsSoldAlready) {
  std::vector<Ticket> one{{"", "a", "a/A/1", "vip", 9000, 0, "", {}, 0, {}, {}}};
  EXPECT_TRUE(within_quotas(one, types(), {}));
  auto over = within_quotas(one, types(), {{"vip", 1}});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, "quota_exceeded");
  EXPECT_TRUE(within_quotas({{"", "a", "a/A/1", "std", 5000, 0, "", {}, 0, {}, {}}}, types(),
                            {{"std", 1000}}));
}

}  // namespace
}  // namespace boxoffice
