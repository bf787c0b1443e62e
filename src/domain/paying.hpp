#pragma once
// How an order's total is paid: vouchers first, each for the ticket it is named on, then the rest
// (Order::charged) with the order's payment method, through the payment provider or from the
// buyer's credit balance. Decided here on vouchers and a balance as read; the order's write
// transaction (storage/write/order_write.hpp) decides again on them as it has locked them.
#include <map>
#include <string>
#include <vector>

#include "domain/order.hpp"

namespace boxoffice {

// A voucher for one ticket of a rescheduled event, given when the buyer's ticket of a cancelled
// one was settled with vouchers.
struct Voucher {
  std::string code;
  std::string account_id;
  std::string event_id;  // where it can be used
  Minor value = 0;
  std::string currency;
  std::string status;     // kVoucherIssued or kVoucherRedeemed
  std::string ticket_id;  // the cancelled ticket it replaces
  TimePoint created_at;
};
inline constexpr const char* kVoucherIssued = "issued";
inline constexpr const char* kVoucherRedeemed = "redeemed";

// Each voucher named on `order`'s tickets (Ticket::voucher_code) pays its ticket up to its value
// (voucher_amount), once; `order.charged` becomes what is left of the total. `found`: the vouchers
// stored with the codes named (unknown codes are missing). Why each code that cannot be used is
// refused, by code: unknown, another account's, for another event or currency, already redeemed,
// or named on two tickets; nothing is applied then.
std::map<std::string, std::string> redeem_vouchers(Order& order, const std::vector<Voucher>& found);

// The reasons of redeem_vouchers keyed by the order's items that name each code
// ("items[i].voucher"), as the buyer sent them.
FieldErrors voucher_fields(const std::vector<OrderLine>& lines,
                           const std::map<std::string, std::string>& refused);

// 422 "voucher_refused" with the reasons keyed by code, as the write transaction (which has no
// items) finds them; the use case names the items with voucher_fields.
Error vouchers_refused(std::map<std::string, std::string> refused);

// 409 "insufficient_credit" unless `balance` (the buyer's credit in the order's currency) covers
// what `order` charges.
Result<void> credit_covers(const Order& order, Minor balance);

// One movement of a buyer's credit; `key` is unique, so a movement decided twice is written once.
struct CreditEntry {
  std::string key;
  std::string account_id;
  std::string currency;
  Minor amount = 0;    // positive: credited; negative: spent
  std::string reason;  // "event_cancelled", "order_payment", "refund"
  std::string order_id;
  TimePoint created_at;
};

// The ledger entry that pays `order` from its buyer's credit, keyed by the order.
CreditEntry credit_payment(const Order& order);

}  // namespace boxoffice
