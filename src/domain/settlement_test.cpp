#include "domain/settlement.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

Ticket ticket(std::string id, Minor price, Minor fees) {
  Ticket t;
  t.id = std::move(id);
  t.section = "floor";
  t.price = price;
  t.fees = fees;
  return t;
}

Order paid_order() {
  Order o;
  o.id = "ord_1";
  o.currency = "EUR";
  o.tickets = {ticket("t1", 5000, 300), ticket("t2", 5000, 300)};
  o.total = 10600;
  o.charged = 10600;
  return o;
}

TEST(Settle, RefundGivesBackWhatTheProviderChargedAndVoidsEveryValidTicket) {
  auto s = settle(paid_order(), Resolution::refund);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, OrderStatus::refunded);
  EXPECT_EQ(s->voided, (std::vector<std::string>{"t1", "t2"}));
  EXPECT_EQ(s->amount, 10600);
  EXPECT_EQ(s->provider_refund, 10600);
  EXPECT_EQ(s->credit, 0);
}

TEST(Settle, RefundOfAnOrderPaidWithCreditGoesBackToCreditAndVoucherPartsToo) {
  auto o = paid_order();
  o.payment_method = kCreditPayment;
  auto s = settle(o, Resolution::refund);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->provider_refund, 0);
  EXPECT_EQ(s->credit, 10600);

  o = paid_order();
  o.payment_method = "transfer";
  s = settle(o, Resolution::refund);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->provider_refund, 0) << "nothing was charged for a ticket received by transfer";
  EXPECT_EQ(s->credit, 10600);

  o = paid_order();
  o.tickets[0].voucher_code = "V1";
  o.tickets[0].voucher_amount = 5300;
  o.charged = 5300;
  s = settle(o, Resolution::refund);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->provider_refund, 5300);  // the card paid one ticket
  EXPECT_EQ(s->credit, 5300);           // the voucher paid the other
}

TEST(Settle, TicketsRefundedBeforeAreNotSettledAgain) {
  auto o = paid_order();
  o.status = OrderStatus::partially_refunded;
  o.tickets[1].void_reason = TicketVoid::refunded;
  auto s = settle(o, Resolution::credit);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, OrderStatus::credited);
  EXPECT_EQ(s->voided, (std::vector<std::string>{"t1"}));
  EXPECT_EQ(s->credit, 5300);
  EXPECT_EQ(s->amount, 5300);
}

TEST(Settle, VoucherResolutionGivesOneVoucherPerTicketWorthWhatItCost) {
  auto s = settle(paid_order(), Resolution::voucher);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, OrderStatus::voucher_issued);
  ASSERT_EQ(s->vouchers.size(), 2u);
  EXPECT_EQ(s->vouchers[0].ticket_id, "t1");
  EXPECT_EQ(s->vouchers[0].value, 5300);
  EXPECT_EQ(s->credit + s->provider_refund, 0);
}

TEST(Settle, BuyerChoiceVoidsTheTicketsAndWaitsThenTheChoiceSettlesThoseTickets) {
  auto o = paid_order();
  auto waiting = settle(o, Resolution::buyer_choice);
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->status, OrderStatus::awaiting_choice);
  EXPECT_EQ(waiting->amount, 10600);
  EXPECT_EQ(waiting->provider_refund + waiting->credit, 0);

  o.status = OrderStatus::awaiting_choice;
  for (auto& t : o.tickets) t.void_reason = TicketVoid::cancelled;
  auto chosen = settle(o, Resolution::credit);
  ASSERT_TRUE(chosen);
  EXPECT_TRUE(chosen->voided.empty());
  EXPECT_EQ(chosen->credit, 10600);
  EXPECT_FALSE(settle(o, Resolution::buyer_choice));  // asked once
}

TEST(Settle, AnOrderIsSettledOnce) {
  auto o = paid_order();
  for (auto status : {OrderStatus::refunded, OrderStatus::credited, OrderStatus::voucher_issued,
                      OrderStatus::cancelled}) {
    o.status = status;
    for (auto r :
         {Resolution::refund, Resolution::credit, Resolution::voucher, Resolution::buyer_choice})
      EXPECT_FALSE(settle(o, r)) << to_string(status) << " " << to_string(r);
  }
}

TEST(MayChoose, AVoucherOnlyForARescheduledShowAndNothingAfterTheDeadline) {
  Settlement s;
  s.resolution = Resolution::buyer_choice;
  s.choice_deadline = from_unix(2000);
  EXPECT_TRUE(may_choose(s, Resolution::refund, from_unix(1000)));
  auto no_voucher = may_choose(s, Resolution::voucher, from_unix(1000));
  ASSERT_FALSE(no_voucher);
  EXPECT_TRUE(no_voucher.error().fields.count("resolution"));
  s.rescheduled_event_id = "evt_2";
  EXPECT_TRUE(may_choose(s, Resolution::voucher, from_unix(1000)));
  auto late = may_choose(s, Resolution::credit, from_unix(2000));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "choice_closed");
}

}  // namespace
}  // namespace boxoffice
