#include "storage/write/order_write.hpp"

#include <algorithm>
#include <set>

#include "json/outbox_json.hpp"

namespace boxoffice {

std::optional<Result<Order>> place_order(SaleRows& rows, const Order& o, TimePoint now) {
  const auto event = rows.guard_event(o.event_id);
  const auto hold = rows.guard_hold(o.hold_id);
  if (auto earlier = rows.earlier_order(o.account_id, o.idempotency_key))
    return Result<Order>(std::move(*earlier));
  if (auto ok = may_buy(o, event ? &*event : nullptr, hold ? &*hold : nullptr, now); !ok)
    return Result<Order>(ok.error());

  const auto types = rows.event_ticket_types(o.event_id);
  std::set<std::string> wanted;
  for (const auto& t : o.tickets) wanted.insert(t.ticket_type_id);
  std::vector<std::string> limited;  // the wanted types with a quota, sorted
  for (const auto& type : types)
    if (type.quota && wanted.count(type.id)) limited.push_back(type.id);
  std::sort(limited.begin(), limited.end());
  std::map<std::string, std::int64_t> sold;
  if (!limited.empty()) sold = rows.guard_sold(o.event_id, limited);
  if (auto ok = within_quotas(o.tickets, types, sold); !ok) return Result<Order>(ok.error());

  // Vouchers and credit, decided again on their rows as locked: one used by another order since,
  // or a balance spent since, refuses this one.
  Order paid = o;
  std::vector<std::string> codes;
  for (const auto& t : o.tickets)
    if (!t.voucher_code.empty()) codes.push_back(t.voucher_code);
  if (!codes.empty()) {
    std::sort(codes.begin(), codes.end());
    if (auto refused = redeem_vouchers(paid, rows.guard_vouchers(codes)); !refused.empty())
      return Result<Order>(vouchers_refused(std::move(refused)));
    if (paid.charged != o.charged) throw StorageError("order " + o.id + ": voucher values changed");
  }
  if (o.payment_method == kCreditPayment) {
    if (auto ok = credit_covers(o, rows.guard_credit(o.account_id, o.currency)); !ok)
      return Result<Order>(ok.error());
  }

  if (!rows.write_order(o, *hold)) return std::nullopt;
  for (const auto& t : o.tickets)
    if (!t.voucher_code.empty()) rows.redeem_voucher(t.voucher_code, t.id);
  if (o.payment_method == kCreditPayment && o.charged > 0) rows.insert_credit(credit_payment(o));
  // The buyer's confirmation and the managers' "order.paid", kept with the order or not at all.
  rows.enqueue(json::order_paid_messages(o, *event, types, now));
  return Result<Order>(o);
}

}  // namespace boxoffice
