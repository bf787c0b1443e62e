#include "app/orders.hpp"

#include <algorithm>
#include <map>

#include "app/events.hpp"
#include "app/queues.hpp"
#include "app/security.hpp"
#include "domain/paying.hpp"

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
  auto event = storage.event(hold->event_id);
  if (!event) throw StorageError("hold " + hold->id + " names a missing event");
  // Before any money moves; the order's transaction decides again on the event as it commits.
  // Before the hold's state too: a cancellation releases the holds, and says better why.
  if (auto stopped = sales_not_stopped(event->status); !stopped) return stopped.error();
  const auto now = env.clock.now();
  if (!hold->active_at(now))
    return Error{ErrorKind::conflict,
                 "hold_expired",
                 "This hold is no longer active; hold the places again.",
                 {}};
  auto tickets = price_tickets(*hold, p.lines, storage.ticket_types(event->id));
  if (!tickets) errors.merge(FieldErrors(tickets.error().fields));
  for (auto& [field, why] : validate_contact(normalize_email(p.buyer_email), p.buyer_name))
    errors["buyer." + field] = why;
  if (!errors.count("payment") && !errors.count("payment.method") &&
      p.payment_method != kCardPayment && p.payment_method != kCreditPayment)
    errors["payment.method"] = "must be test_card (a card) or credit (your credit balance)";
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

  // Vouchers pay first, then credit or the card the rest: checked here on what is stored, before
  // any money moves, and again by the order's transaction on what it locks.
  const bool vouchers_named = std::any_of(order.tickets.begin(), order.tickets.end(),
                                          [](const Ticket& t) { return !t.voucher_code.empty(); });
  if (auto refused = redeem_vouchers(
          order, vouchers_named ? storage.vouchers(buyer.id) : std::vector<Voucher>{});
      !refused.empty())
    return validation_error(voucher_fields(p.lines, refused));
  order.payment_method = p.payment_method;
  if (p.payment_method == kCreditPayment) {
    Minor balance = 0;
    for (const auto& b : storage.credit_balances(buyer.id))
      if (b.currency == order.currency) balance = b.amount;
    if (auto ok = credit_covers(order, balance); !ok) return ok.error();
  } else if (order.charged > 0) {
    auto receipt = env.payments->charge(
        {p.payment_method, p.card_number, order.charged, order.currency, order.id});
    if (!receipt) return receipt.error();
    order.payment_reference = receipt.value().reference;
  }

  const auto secret = keys_of(storage, event->id).second;
  for (auto& t : order.tickets) {
    t.id = security::new_id("tkt");
    t.code = security::ticket_code(secret, event->id, t.id);
  }
  auto stored = storage.insert_order(order, env.clock.now());
  if (stored && stored.value().id == order.id) {
    queues::completed(storage, env, event->id,
                      order.account_id);  // the buyer's slot goes to the next
    return stored;
  }
  // A retry with the same key that won the race stores nothing new; anything else that failed
  // must not keep the buyer's money. Keyed by the order: a retry of this refund cannot give the
  // money back twice. A refund the provider refused is the buyer's first concern, more than why
  // the order was not stored.
  if (!order.payment_reference.empty()) {
    auto back = env.payments->refund(
        {order.payment_reference, order.charged, order.currency, "unstored:" + order.id});
    if (!back) return back.error();
  }
  if (!stored && stored.error().code == "voucher_refused")
    return validation_error(voucher_fields(p.lines, stored.error().fields));
  return stored;
}

Result<Order> get(Storage& storage, const Account& reader, std::string_view id) {
  auto order = storage.order(id);
  if (!order) return not_found_error("Order '" + std::string(id) + "'");
  if (order->account_id != reader.id && !allows(reader.role, Permission::manage_events))
    return Error{ErrorKind::forbidden, "forbidden", "This order belongs to another buyer.", {}};
  return std::move(*order);
}

namespace {

// `settlement_of(event_id)` reads the settlement a waiting order's choice comes from.
template <class SettlementOf>
Details details_with(Storage& storage, Order order, SettlementOf&& settlement_of) {
  Details d;
  // A paid order has given nothing back: most orders need no more reading.
  if (order.status != OrderStatus::paid) d.refunds = storage.order_refunds(order.id);
  if (order.status == OrderStatus::awaiting_choice) d.choice = settlement_of(order.event_id);
  d.order = std::move(order);
  return d;
}

}  // namespace

Details details_of(Storage& storage, Order order) {
  return details_with(storage, std::move(order),
                      [&](const std::string& event) { return storage.settlement(event); });
}

Result<Details> details(Storage& storage, const Account& reader, std::string_view id) {
  auto order = get(storage, reader, id);
  if (!order) return order.error();
  return details_of(storage, std::move(order).value());
}

std::vector<Details> of_buyer(Storage& storage, const Account& buyer, std::string_view event_id) {
  // The buyer's waiting orders of one cancelled event share its settlement: read once.
  std::map<std::string, std::optional<Settlement>> settlements;
  const auto settlement_of = [&](const std::string& event) {
    auto it = settlements.find(event);
    if (it == settlements.end()) it = settlements.emplace(event, storage.settlement(event)).first;
    return it->second;
  };
  std::vector<Details> out;
  for (auto& o : storage.account_orders(buyer.id, event_id, kMaxListed))
    out.push_back(details_with(storage, std::move(o), settlement_of));
  return out;
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
