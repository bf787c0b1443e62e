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

  if (!rows.write_order(o, *hold)) return std::nullopt;
  // The buyer's confirmation and the managers' "order.paid", kept with the order or not at all.
  rows.enqueue(json::order_paid_messages(o, *event, types, now));
  return Result<Order>(o);
}

}  // namespace boxoffice
