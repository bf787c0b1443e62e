#include "app/settlements.hpp"

#include "app/security.hpp"

namespace boxoffice::settlements {
namespace {

constexpr std::size_t kStep = 100;  // orders (and holds) per step: a step's work stays short

std::string new_voucher_code() {
  return security::new_id("vch");
}

std::size_t settle_each(Storage& storage, const AppEnv& env, const Settlement& settlement,
                        OrderStatus status, Resolution resolution, std::size_t max) {
  std::size_t settled = 0;
  for (const auto& id : storage.orders_with_status(settlement.event_id, status, max))
    settled += storage.settle_order(id, settlement, resolution, env.clock.now(), new_voucher_code,
                                    env.public_url);
  return settled;
}

}  // namespace

std::size_t advance(Storage& storage, const AppEnv& env, const Settlement& settlement,
                    std::size_t max) {
  storage.release_event_holds(settlement.event_id, max);
  std::size_t settled = 0;
  for (auto status : {OrderStatus::paid, OrderStatus::partially_refunded}) {
    if (settled >= max) break;
    settled += settle_each(storage, env, settlement, status, settlement.resolution, max - settled);
  }
  if (settlement.choice_deadline && env.clock.now() >= *settlement.choice_deadline && settled < max)
    settled += settle_each(storage, env, settlement, OrderStatus::awaiting_choice, kChoiceDefault,
                           max - settled);
  if (env.payments) pay_refunds(storage, *env.payments, max);
  storage.finish_settlement(settlement.event_id, env.clock.now());
  return settled;
}

std::size_t pay_refunds(Storage& storage, PaymentProvider& payments, std::size_t max) {
  std::size_t paid = 0;
  for (const auto& r : storage.pending_refunds(max)) {
    auto receipt = payments.refund({r.charge_reference, r.amount, r.currency, r.id});
    if (!receipt) continue;  // still pending: the next step asks again, with the same key
    storage.finish_refund(r.id, receipt.value().reference);
    ++paid;
  }
  return paid;
}

bool settle_within(Storage& storage, const AppEnv& env, const Settlement& settlement,
                   std::chrono::milliseconds budget) {
  const auto until = env.clock.steady() + budget;
  while (advance(storage, env, settlement, kStep) > 0)
    if (env.clock.steady() >= until) break;
  auto now = storage.settlement(settlement.event_id);
  return now && now->finished_at;
}

Result<Summary> summary(Storage& storage, std::string_view event_id) {
  auto settlement = storage.settlement(event_id);
  if (!settlement) return not_found_error("Settlement of event '" + std::string(event_id) + "'");
  Summary out{std::move(*settlement), storage.settled_orders(event_id), 0, 0};
  for (const auto& group : out.orders) {
    out.orders_settled += group.orders;
    out.amount_settled += group.amount;
  }
  return out;
}

Result<Order> choose(Storage& storage, const AppEnv& env, const Account& buyer,
                     std::string_view order_id, Resolution picked) {
  auto order = storage.order(order_id);
  if (!order) return not_found_error("Order '" + std::string(order_id) + "'");
  if (order->account_id != buyer.id)
    return Error{ErrorKind::forbidden, "forbidden", "This order belongs to another buyer.", {}};
  auto settlement = storage.settlement(order->event_id);
  if (!settlement || order->status != OrderStatus::awaiting_choice)
    return Error{ErrorKind::conflict,
                 "no_choice_pending",
                 "This order is not waiting for a choice: it is " +
                     std::string(to_string(order->status)) + ".",
                 {}};
  if (auto ok = may_choose(*settlement, picked, env.clock.now()); !ok) return ok.error();
  storage.settle_order(order->id, *settlement, picked, env.clock.now(), new_voucher_code,
                       env.public_url);
  if (env.payments) pay_refunds(storage, *env.payments, kStep);
  auto settled = storage.order(order->id);
  if (!settled) throw StorageError("order " + order->id + " vanished while being settled");
  return std::move(*settled);
}

void schedule(PeriodicTasks& tasks, Backend& backend, const AppEnv& env,
              std::chrono::milliseconds period) {
  tasks.add("settle cancelled events", period,
            with_connection(backend, [&env](Storage& s, TimePoint) {
              for (const auto& settlement : s.open_settlements(kStep))
                advance(s, env, settlement, kStep);
              if (env.payments) pay_refunds(s, *env.payments, kStep);
            }));
}

}  // namespace boxoffice::settlements
