#include "domain/paying.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

Ticket ticket(Minor price, Minor fees, std::string voucher = "") {
  Ticket t;
  t.section = "floor";
  t.price = price;
  t.fees = fees;
  t.voucher_code = std::move(voucher);
  return t;
}

Order order_of(std::vector<Ticket> tickets) {
  Order o;
  o.id = "ord_1";
  o.event_id = "evt_new";
  o.account_id = "acc_buyer";
  o.currency = "EUR";
  o.tickets = std::move(tickets);
  o.total = order_total(o.tickets);
  return o;
}

Voucher voucher(std::string code, Minor value) {
  Voucher v;
  v.code = std::move(code);
  v.account_id = "acc_buyer";
  v.event_id = "evt_new";
  v.value = value;
  v.currency = "EUR";
  v.status = kVoucherIssued;
  return v;
}

TEST(RedeemVouchers, EachPaysItsTicketUpToItsValueAndTheRestIsCharged) {
  auto o = order_of({ticket(5000, 300, "V1"), ticket(5000, 300, "V2"), ticket(5000, 300)});
  auto refused = redeem_vouchers(o, {voucher("V1", 9000), voucher("V2", 2000)});
  EXPECT_TRUE(refused.empty());
  EXPECT_EQ(o.tickets[0].voucher_amount, 5300) << "a voucher worth more pays the ticket, no more";
  EXPECT_EQ(o.tickets[1].voucher_amount, 2000);
  EXPECT_EQ(o.tickets[2].voucher_amount, 0);
  EXPECT_EQ(o.charged, 15900 - 5300 - 2000);

  auto without = order_of({ticket(5000, 300)});
  EXPECT_TRUE(redeem_vouchers(without, {}).empty());
  EXPECT_EQ(without.charged, 5300);
}

TEST(RedeemVouchers, RefusesUnknownForeignUsedOtherEventAndTwiceNamedCodesAndAppliesNothing) {
  auto foreign = voucher("FOREIGN", 1000);
  foreign.account_id = "acc_other";
  auto used = voucher("USED", 1000);
  used.status = kVoucherRedeemed;
  auto elsewhere = voucher("ELSEWHERE", 1000);
  elsewhere.event_id = "evt_other";
  auto dollars = voucher("USD", 1000);
  dollars.currency = "USD";
  auto o = order_of({ticket(5000, 0, "NOPE"), ticket(5000, 0, "FOREIGN"), ticket(5000, 0, "USED"),
                     ticket(5000, 0, "ELSEWHERE"), ticket(5000, 0, "USD"), ticket(5000, 0, "TWICE"),
                     ticket(5000, 0, "TWICE"), ticket(5000, 0, "GOOD")});
  auto refused = redeem_vouchers(
      o, {foreign, used, elsewhere, dollars, voucher("TWICE", 1000), voucher("GOOD", 1000)});
  EXPECT_EQ(refused.size(), 6u);
  EXPECT_EQ(refused["NOPE"], refused["FOREIGN"]) << "a foreign code must look like an unknown one";
  EXPECT_NE(refused["USED"].find("used"), std::string::npos);
  EXPECT_NE(refused["ELSEWHERE"].find("another event"), std::string::npos);
  EXPECT_NE(refused["TWICE"].find("twice"), std::string::npos);
  EXPECT_FALSE(refused.count("GOOD"));
  EXPECT_EQ(o.tickets.back().voucher_amount, 0);
}

TEST(VoucherFields, NameTheItemsThatCarryEachRefusedCode) {
  std::vector<OrderLine> lines{
      {"a/A/1", "std", ""}, {"a/A/2", "std", "USED"}, {"floor", "std", "NOPE"}};
  auto fields = voucher_fields(lines, {{"USED", "used"}, {"NOPE", "unknown"}});
  EXPECT_EQ(fields, (FieldErrors{{"items[1].voucher", "used"}, {"items[2].voucher", "unknown"}}));
}

TEST(CreditCovers, TheBalanceMustCoverWhatIsChargedNotWhatVouchersPaid) {
  auto o = order_of({ticket(5000, 300, "V1"), ticket(5000, 300)});
  ASSERT_TRUE(redeem_vouchers(o, {voucher("V1", 5300)}).empty());
  EXPECT_TRUE(credit_covers(o, 5300));
  auto short_by_one = credit_covers(o, 5299);
  ASSERT_FALSE(short_by_one);
  EXPECT_EQ(short_by_one.error().code, "insufficient_credit");
  EXPECT_EQ(short_by_one.error().kind, ErrorKind::conflict);

  const auto entry = credit_payment(o);
  EXPECT_EQ(entry.amount, -5300);
  EXPECT_EQ(entry.order_id, "ord_1");
  EXPECT_EQ(entry.key, credit_payment(o).key) << "the same order spends credit once";
}

}  // namespace
}  // namespace boxoffice
