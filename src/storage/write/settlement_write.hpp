#pragma once
// The write transaction that settles one order of a cancelled event, for every backend, inside
// the backend's write transaction. It locks the order first (guard_order) and decides on it as
// locked (settle, domain/settlement.cpp), so that an order tried twice (by two nodes, or again
// after a crash) is settled once. Money owed through the payment provider is written as a pending
// refund, in the same transaction; the provider is asked afterwards, with the refund's id as its
// idempotency key, until it has answered (app/settlements.cpp).
#include <functional>

#include "storage/write/sale_rows.hpp"

namespace boxoffice {

bool settle_order(SaleRows& rows, std::string_view order_id, const Settlement& settlement,
                  Resolution resolution, TimePoint now,
                  const std::function<std::string()>& new_code, std::string_view site);

// Within a cancellation's transaction (Storage::update_event with a settlement): the settlement
// and the "event.cancelled" webhook event.
void record_cancellation(SaleRows& rows, const Event& cancelled, const Settlement& settlement);

}  // namespace boxoffice
