#include "domain/paying.hpp"

#include <algorithm>

namespace boxoffice {

std::map<std::string, std::string> redeem_vouchers(Order& order,
                                                   const std::vector<Voucher>& found) {
  std::map<std::string, std::string> refused;
  std::map<std::string, int> named;
  for (const auto& t : order.tickets)
    if (!t.voucher_code.empty()) ++named[t.voucher_code];
  for (const auto& [code, times] : named) {
    // By name, not captured: clang before 16 cannot capture a structured binding (the fuzzers).
    const auto v = std::find_if(found.begin(), found.end(),
                                [&code = code](const Voucher& f) { return f.code == code; });
    // One answer for unknown and foreign codes: it must not tell which codes exist.
    if (v == found.end() || v->account_id != order.account_id)
      refused[code] = "no voucher of yours has this code";
    else if (v->event_id != order.event_id)
      refused[code] = "this voucher is for another event";
    else if (v->currency != order.currency)
      refused[code] = "this voucher is in " + v->currency + ", the event in " + order.currency;
    else if (v->status != kVoucherIssued)
      refused[code] = "this voucher was used already";
    else if (times > 1)
      refused[code] = "a voucher pays for one ticket; it is named twice";
  }
  if (!refused.empty()) return refused;
  for (auto& t : order.tickets) {
    if (t.voucher_code.empty()) continue;
    const auto& v = *std::find_if(found.begin(), found.end(),
                                  [&](const Voucher& f) { return f.code == t.voucher_code; });
    t.voucher_amount = std::min(v.value, t.price + t.fees);
  }
  order.charged = order.total;
  for (const auto& t : order.tickets) order.charged -= t.voucher_amount;
  return refused;
}

FieldErrors voucher_fields(const std::vector<OrderLine>& lines,
                           const std::map<std::string, std::string>& refused) {
  FieldErrors fields;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (auto why = refused.find(lines[i].voucher); why != refused.end())
      fields["items[" + std::to_string(i) + "].voucher"] = why->second;
  return fields;
}

Error vouchers_refused(std::map<std::string, std::string> refused) {
  return {ErrorKind::invalid, "voucher_refused", "A voucher named cannot be used.",
          std::move(refused)};
}

Result<void> credit_covers(const Order& order, Minor balance) {
  if (balance >= order.charged) return {};
  return Error{ErrorKind::conflict,
               "insufficient_credit",
               "Your credit (" + format_money(balance, order.currency) + ") does not cover " +
                   format_money(order.charged, order.currency) + "; nothing was charged.",
               {{"payment.method", "the credit balance is too small"}}};
}

CreditEntry credit_payment(const Order& order) {
  return {"order_" + order.id, order.account_id, order.currency,  -order.charged,
          "order_payment",     order.id,         order.created_at};
}

}  // namespace boxoffice
