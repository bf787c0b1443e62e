#include "app/order_changes.hpp"

#include "app/security.hpp"
#include "domain/order_changes.hpp"

namespace boxoffice::orders {
namespace {

// Gives `amount` back the way `order` was paid; the reference of the money given back. Credit goes
// back to the buyer's balance in the refund's own transaction (refund_write.hpp), with the
// refund's id as its entry's key; nothing to ask anyone for here.
Result<std::string> give_back(const AppEnv& env, const Order& order, Minor amount,
                              const std::string& key) {
  if (order.payment_method == kCreditPayment || amount == 0) return key;
  auto receipt = env.payments->refund({order.payment_reference, amount, order.currency, key});
  if (!receipt) return receipt.error();
  return receipt.value().reference;
}

}  // namespace

Result<Order> refund(Storage& storage, const AppEnv& env, const Account& manager,
                     std::string_view order_id, const std::vector<std::string>& ticket_ids) {
  if (!allows(manager.role, Permission::manage_events))
    return Error{ErrorKind::forbidden, "forbidden", "Only managers refund orders.", {}};
  auto order = storage.order(order_id);
  if (!order) return not_found_error("Order '" + std::string(order_id) + "'");
  auto decided = decide_refund(*order, ticket_ids);
  if (!decided) {
    // The same tickets refunded already: a retry of a refund that was answered, or not.
    if (!ticket_ids.empty() && storage.refund_recorded(refund_key(order->id, ticket_ids)))
      return std::move(*order);
    return decided.error();
  }
  RefundRecord record;
  record.id = refund_key(order->id, decided.value().ticket_ids);
  record.event_id = order->event_id;
  record.order_id = order->id;
  record.ticket_ids = decided.value().ticket_ids;
  record.amount = decided.value().amount;
  record.currency = order->currency;
  record.method = order->payment_method;
  record.created_at = env.clock.now();
  // The tickets claimed first, so that no other refund moves money for them; then the money,
  // before the refund's transaction: if that fails or the process stops, a retry gives the same
  // key, passes its own claim, the provider answers the first refund, and the transaction is
  // written then.
  if (auto claimed = storage.claim_refund(record); !claimed) return claimed.error();
  auto reference = give_back(env, *order, record.amount, record.id);
  if (!reference) {
    storage.release_refund(record);
    return reference.error();
  }
  record.reference = std::move(reference).value();
  return storage.refund_tickets(record);
}

Result<Order> transfer(Storage& storage, const AppEnv& env, const Account& sender,
                       std::string_view order_id, std::string_view ticket_id,
                       std::string_view email) {
  auto order = storage.order(order_id);
  if (!order) return not_found_error("Order '" + std::string(order_id) + "'");
  const auto event = storage.event(order->event_id);
  if (!event) throw StorageError("order " + order->id + " names a missing event");
  if (auto ok = may_transfer(*order, ticket_id, sender.id, event->status); !ok) return ok.error();

  const auto address = normalize_email(email);
  if (address == sender.email)
    return validation_error({{"email", "this is your own e-mail; name the receiver's"}});
  const auto receiver = storage.account_by_email(address);
  if (!receiver)
    return validation_error(
        {{"email", "no account has this e-mail; the receiver must register first"}});

  const auto now = env.clock.now();
  TicketTransfer t;
  t.event_id = order->event_id;
  t.order_id = order->id;
  t.ticket_id = std::string(ticket_id);
  t.sender_id = sender.id;
  Order& o = t.received;
  o.id = security::new_id("ord");
  o.event_id = order->event_id;
  o.account_id = receiver->account.id;
  o.hold_id = security::new_id("hld");
  o.currency = order->currency;
  o.buyer_name = receiver->account.name;
  o.buyer_email = receiver->account.email;
  o.idempotency_key = "transfer:" + std::string(ticket_id);  // a ticket is given once
  o.created_at = now;
  o.payment_method = "transfer";
  Ticket ticket;
  ticket.id = security::new_id("tkt");
  const auto secret =
      storage.event_keys(o.event_id, [] { return security::new_signing_keys(); }).second;
  ticket.code = security::ticket_code(secret, o.event_id, ticket.id);
  o.tickets.push_back(std::move(ticket));
  return storage.transfer_ticket(t);
}

}  // namespace boxoffice::orders
