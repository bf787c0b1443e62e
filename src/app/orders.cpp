#include "app/orders.hpp"

#include "app/events.hpp"
#include "app/queues.hpp"
#include "app/security.hpp"

namespace boxoffice::orders {
namespace {

Storage::KeyPair keys_of(Storage& storage, std::string_view event_id) {
  return storage.event_keys(event_id, [] { return security::new_signing_keys(); });
}

}  // namespace

Result<Order> purchase(Storage& storage, const AppEnv& env, const Account& buyer, const Purchase& p,
                       FieldErrors errors) {
  if (p.idempotency_key.empty() || p.idempotency_key.size() > 200) {
    return Error{ErrorKind::malformed,
                 "idempotency_key_required",
                 "Send an Idempotency-Key header (up to 200 characters) so that a retry cannot "
                 "buy twice.",
                 {}};
  }
  if (auto earlier = storage.order_by_key(buyer.id, p.idempotency_key)) return std::move(*earlier);

  auto hold = storage.hold(p.hold_id);
  if (!hold) {
    if (errors.empty()) return not_found_error("Hold '" + p.hold_id + "'");
    errors["hold_id"] = "no hold has this id";
    return validation_error(std::move(errors));
  }
  if (hold->account_id != buyer.id)
    return Error{ErrorKind::forbidden, "forbidden", "This hold belongs to another buyer.", {}};
  const auto now = env.clock.now();
  if (!hold->active_at(now))
    return Error{ErrorKind::conflict,
                 "hold_expired",
                 "This hold is no longer active; hold the places again.",
                 {}};

  auto event = storage.event(hold->event_id);
  if (!event) throw StorageError("hold " + hold->id + " names a missing event");
  // Before any money moves; the order's transaction decides again on the event as it commits.
  if (auto stopped = sales_not_stopped(event->status); !stopped) return stopped.error();
  auto tickets = price_tickets(*hold, p.lines, storage.ticket_types(event->id));
  if (!tickets) errors.merge(FieldErrors(tickets.error().fields));
  for (auto& [field, why] : validate_contact(normalize_email(p.buyer_email), p.buyer_name))
    errors["buyer." + field] = why;
  if (!errors.empty()) return validation_error(std::move(errors));

  Order order;
  order.id = security::new_id("ord");
  order.event_id = event->id;
  order.account_id = buyer.id;
  order.hold_id = hold->id;
  order.currency = event->currency;
  order.buyer_name = p.buyer_name;
  order.buyer_email = normalize_email(p.buyer_email);
  order.idempotency_key = p.idempotency_key;
  order.created_at = now;
  order.tickets = std::move(tickets).value();
  order.total = order_total(order.tickets);

  auto receipt = env.payments->charge(
      {p.payment_method, p.card_number, order.total, order.currency, order.id});
  if (!receipt) return receipt.error();
  order.payment_reference = receipt.value().reference;

  const auto secret = keys_of(storage, event->id).second;
  for (auto& t : order.tickets) {
    t.id = security::new_id("tkt");
    t.code = security::ticket_code(secret, event->id, t.id);
  }
  auto stored = storage.insert_order(order, env.clock.now());
  // A retry with the same key that won the race stores nothing new; anything else that failed
  // must not keep the buyer's money.
  if (!stored || stored.value().id != order.id) {
    env.payments->refund(receipt.value());
  } else {
    queues::completed(storage, env, event->id,
                      order.account_id);  // the buyer's slot goes to the next
  }
  return stored;
}

Result<Order> get(Storage& storage, const Account& reader, std::string_view id) {
  auto order = storage.order(id);
  if (!order) return not_found_error("Order '" + std::string(id) + "'");
  if (order->account_id != reader.id && !allows(reader.role, Permission::manage_events))
    return Error{ErrorKind::forbidden, "forbidden", "This order belongs to another buyer.", {}};
  return std::move(*order);
}

std::vector<Order> of_buyer(Storage& storage, const Account& buyer, std::string_view event_id) {
  return storage.account_orders(buyer.id, event_id, kMaxListed);
}

Result<Sales> sales(Storage& storage, std::string_view event_id, std::int64_t bucket_seconds) {
  auto event = storage.event(event_id);
  if (!event) return not_found_error("Event '" + std::string(event_id) + "'");
  Sales out{event->currency, storage.sales_buckets(event_id, bucket_seconds), {}};
  for (const auto& b : out.buckets) {
    out.total.orders += b.orders;
    out.total.tickets += b.tickets;
    out.total.revenue += b.revenue;
  }
  return out;
}

Result<std::string> ticket_key(Storage& storage, const AppEnv& env,
                               const std::optional<Account>& reader, std::string_view event_id) {
  if (auto event = events::readable(storage, env, reader, event_id); !event) return event.error();
  return keys_of(storage, event_id).first;
}

}  // namespace boxoffice::orders
