#include "domain/order_changes.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

Ticket ticket(std::string id, std::string section, std::string seat, Minor price, Minor fees) {
  Ticket t;
  t.id = std::move(id);
  t.section = std::move(section);
  t.seat_id = std::move(seat);
  t.ticket_type_id = "std";
  t.price = price;
  t.fees = fees;
  t.code = "code-" + t.id;
  return t;
}

// Two seats, two standing places; the second seat half paid by a voucher.
Order order() {
  Order o;
  o.id = "ord";
  o.event_id = "evt";
  o.account_id = "ada";
  o.currency = "EUR";
  o.tickets = {ticket("t1", "a", "a/A/2", 5000, 200), ticket("t2", "a", "a/A/1", 5000, 200),
               ticket("t3", "floor", "", 3000, 100), ticket("t4", "floor", "", 3000, 100)};
  o.tickets[1].voucher_amount = 2600;
  o.total = order_total(o.tickets);
  return o;
}

TEST(Refunds, NamedTicketsAreRefundedForWhatWasPaid) {
  auto d = decide_refund(order(), {"t3", "t2"});
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d.value().ticket_ids, (std::vector<std::string>{"t2", "t3"}));
  EXPECT_EQ(d.value().amount, 5200 - 2600 + 3100);
  EXPECT_EQ(d.value().status, OrderStatus::partially_refunded);
  EXPECT_EQ(d.value().seats, (std::vector<std::string>{"a/A/1"}));
  EXPECT_EQ(d.value().places, (std::map<std::string, std::int64_t>{{"floor", 1}}));
}

TEST(Refunds, NoneNamedMeansEveryValidTicket) {
  auto o = order();
  o.tickets[0].void_reason = TicketVoid::refunded;
  o.status = OrderStatus::partially_refunded;
  auto d = decide_refund(o, {});
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d.value().ticket_ids, (std::vector<std::string>{"t2", "t3", "t4"}));
  EXPECT_EQ(d.value().amount, 2600 + 2 * 3100);
  EXPECT_EQ(d.value().status, OrderStatus::refunded);
  EXPECT_EQ(d.value().seats, (std::vector<std::string>{"a/A/1"}));
  EXPECT_EQ(d.value().places.at("floor"), 2);
}

TEST(Refunds, TheLastValidTicketsMakeTheOrderRefunded) {
  auto o = order();
  for (auto* id : {"t1", "t3"})
    for (auto& t : o.tickets)
      if (t.id == id) t.void_reason = TicketVoid::refunded;
  o.status = OrderStatus::partially_refunded;
  auto d = decide_refund(o, {"t4", "t2"});
  ASSERT_TRUE(d);
  EXPECT_EQ(d.value().status, OrderStatus::refunded);
}

TEST(Refunds, UnknownAndRepeatedTicketsAreNamed) {
  auto d = decide_refund(order(), {"t1", "nope", "t1"});
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, ErrorKind::invalid);
  EXPECT_EQ(d.error().fields.size(), 2u);
  EXPECT_TRUE(d.error().fields.count("tickets[1]"));
  EXPECT_TRUE(d.error().fields.count("tickets[2]"));
}

TEST(Refunds, AVoidTicketIsAConflictNamingIt) {
  for (auto why : {TicketVoid::refunded, TicketVoid::cancelled, TicketVoid::transferred}) {
    auto o = order();
    o.tickets[2].void_reason = why;
    auto d = decide_refund(o, {"t1", "t3"});
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().kind, ErrorKind::conflict);
    EXPECT_EQ(d.error().code, "ticket_void");
    EXPECT_EQ(d.error().fields.count("tickets[1]"), 1u);
    EXPECT_NE(d.error().fields.at("tickets[1]").find(to_string(why)), std::string::npos);
  }
}

TEST(Refunds, AUsedTicketIsNotRefundedNorCountedInAll) {
  auto o = order();
  o.tickets[0].checked_in_at = TimePoint{};
  auto named = decide_refund(o, {"t1"});
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().code, "already_checked_in");
  auto all = decide_refund(o, {});
  ASSERT_TRUE(all);
  EXPECT_EQ(all.value().ticket_ids, (std::vector<std::string>{"t2", "t3", "t4"}));
  EXPECT_EQ(all.value().status, OrderStatus::partially_refunded);
}

TEST(Refunds, NothingLeftIsAConflict) {
  auto o = order();
  for (auto& t : o.tickets) t.void_reason = TicketVoid::refunded;
  o.status = OrderStatus::refunded;
  auto d = decide_refund(o, {});
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, "not_refundable");
  o.status = OrderStatus::partially_refunded;  // as a stale read might see it
  EXPECT_EQ(decide_refund(o, {}).error().code, "nothing_to_refund");
}

TEST(Refunds, OrdersSettledOtherwiseOrReceivedAreNotRefunded) {
  for (auto status : {OrderStatus::credited, OrderStatus::voucher_issued,
                      OrderStatus::awaiting_choice, OrderStatus::cancelled}) {
    auto o = order();
    o.status = status;
    auto d = decide_refund(o, {});
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, "not_refundable") << to_string(status);
  }
  auto given = order();
  given.payment_method = "transfer";
  EXPECT_EQ(decide_refund(given, {}).error().code, "not_refundable");
}

TEST(Refunds, TheKeyIsTheOrderAndItsSortedTickets) {
  EXPECT_EQ(refund_key("ord", {"t3", "t1"}), refund_key("ord", {"t1", "t3"}));
  EXPECT_NE(refund_key("ord", {"t1"}), refund_key("ord", {"t1", "t3"}));
  EXPECT_NE(refund_key("ord", {"t1"}), refund_key("ord2", {"t1"}));
}

TEST(Transfers, TheBuyerMayGiveAValidTicket) {
  auto t = may_transfer(order(), "t3", "ada", EventStatus::on_sale);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t.value().id, "t3");
  EXPECT_TRUE(may_transfer(order(), "t1", "ada", EventStatus::closed));
}

TEST(Transfers, RefusedForOthersVoidUsedOrCancelled) {
  EXPECT_EQ(may_transfer(order(), "t1", "bob", EventStatus::on_sale).error().kind,
            ErrorKind::forbidden);
  EXPECT_EQ(may_transfer(order(), "t9", "ada", EventStatus::on_sale).error().kind,
            ErrorKind::not_found);
  auto o = order();
  o.tickets[0].void_reason = TicketVoid::transferred;
  o.tickets[1].checked_in_at = TimePoint{};
  EXPECT_EQ(may_transfer(o, "t1", "ada", EventStatus::on_sale).error().code, "ticket_void");
  EXPECT_EQ(may_transfer(o, "t2", "ada", EventStatus::on_sale).error().code,
            "already_checked_in");
  EXPECT_EQ(may_transfer(o, "t3", "ada", EventStatus::cancelled).error().code,
            "event_cancelled");
}

}  // namespace
}  // namespace boxoffice
