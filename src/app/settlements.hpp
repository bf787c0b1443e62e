#pragma once
// Settling a cancelled event's orders (domain/settlement.hpp): the cancellation stores its
// settlement with the event's new status in one transaction (events::cancel); from then on the
// settlement advances in bounded steps, each order in a transaction of its own, first within the
// cancelling request and then, for what is left or after a crash, by a background task on every
// node. Each step decides on the rows as locked, so an order is settled once however often it is
// tried, and refunds through the provider are written as pending before the provider is asked,
// with the refund's id as its idempotency key, as often as it takes.
#include <chrono>
#include <vector>

#include "app/app_env.hpp"
#include "app/periodic_tasks.hpp"
#include "app/storage.hpp"

namespace boxoffice::settlements {

// One step of `settlement` at env's now: up to `max` of the event's open holds are released,
// then up to `max` orders are settled (paid ones with the settlement's resolution; after a choice
// deadline, those still awaiting a choice with the default), and the settlement is finished once
// nothing is left (refunds through the provider included). Returns how many orders it settled.
std::size_t advance(Storage& storage, const AppEnv& env, const Settlement& settlement,
                    std::size_t max);

// Asks the provider for up to `max` pending refunds; how many it answered. A refusal or an
// unreachable provider leaves the refund pending for the next try.
std::size_t pay_refunds(Storage& storage, PaymentProvider& payments, std::size_t max);

// Settles as much of the event's settlement as `budget` allows (the cancelling request's share);
// whether all of it is settled.
bool settle_within(Storage& storage, const AppEnv& env, const Settlement& settlement,
                   std::chrono::milliseconds budget);

// The orders of the event by what they became, for managers.
struct Summary {
  Settlement settlement;
  std::vector<SettledOrders> orders;
  std::int64_t orders_settled = 0;  // every order the cancellation covered so far
  Minor amount_settled = 0;
};
Result<Summary> summary(Storage& storage, std::string_view event_id);

// The buyer of an order awaiting a choice picks how it is settled.
Result<Order> choose(Storage& storage, const AppEnv& env, const Account& buyer,
                     std::string_view order_id, Resolution picked);

// The background task: every open settlement a step, then the pending refunds.
void schedule(PeriodicTasks& tasks, Backend& backend, const AppEnv& env,
              std::chrono::milliseconds period);

}  // namespace boxoffice::settlements
