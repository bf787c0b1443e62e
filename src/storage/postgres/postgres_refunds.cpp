// Refunds and transfers of single orders on PostgreSQL, each in one READ COMMITTED transaction
// (their shapes are storage/write/refund_write.cpp and transfer_write.cpp; the row operations are
// here), in the lock order of postgres_storage.hpp: the event's row FOR KEY SHARE (as orders
// take it: never beside a manager's change of its layout), then the order's row FOR UPDATE, so
// that refunds and transfers of one order run one after the other, then event_seats rows in
// seat_id order, then event_areas rows in section order.
#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice::pg {

Result<Order> PostgresStorage::refund_tickets(const RefundRecord& refund) {
  Transaction tx(db_);
  auto after = refund_order(*this, refund);
  if (after) tx.commit();
  return after;
}

bool PostgresStorage::refund_recorded(std::string_view refund_id) {
  return refund_stored(refund_id);
}

Result<void> PostgresStorage::claim_refund(const RefundRecord& refund) {
  Transaction tx(db_);
  auto claimed = boxoffice::claim_refund(*this, refund);
  if (claimed) tx.commit();
  return claimed;
}

void PostgresStorage::release_refund(const RefundRecord& refund) {
  release_tickets(refund.order_id, refund.id);  // one statement: its own transaction
}

Result<Order> PostgresStorage::transfer_ticket(const TicketTransfer& transfer) {
  Transaction tx(db_);
  auto received = boxoffice::transfer_ticket(*this, transfer);
  if (received) tx.commit();
  return received;
}

std::optional<Order> PostgresStorage::guard_order(std::string_view order_id) {
  if (db_.exec("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", {order_id}).empty())
    return std::nullopt;
  // A new statement: it reads the tickets as the order's last writer committed them.
  return load_order("o.id = $1", {order_id});
}

bool PostgresStorage::refund_stored(std::string_view refund_id) {
  return !db_.exec("SELECT 1 FROM refunds WHERE id = $1", {refund_id}).empty();
}

bool PostgresStorage::claim_tickets(std::string_view order_id, const std::vector<std::string>& ids,
                                    std::string_view refund_id) {
  return db_.exec(
                "UPDATE tickets SET refund_id = $3 WHERE id = ANY ($1::text[]) AND order_id = $2 "
                "AND void_reason IS NULL AND checked_in_at IS NULL AND "
                "(refund_id IS NULL OR refund_id = $3)",
                {text_array(ids), order_id, refund_id})
             .affected() == static_cast<int>(ids.size());
}

bool PostgresStorage::refund_claimed(std::string_view order_id) {
  return db_.exec(
                "SELECT 1 FROM tickets WHERE order_id = $1 AND refund_id IS NOT NULL AND "
                "void_reason IS NULL LIMIT 1",
                {order_id})
             .size() > 0;
}

void PostgresStorage::release_tickets(std::string_view order_id, std::string_view refund_id) {
  db_.exec(
      "UPDATE tickets SET refund_id = NULL WHERE order_id = $1 AND refund_id = $2 AND "
      "void_reason IS NULL",
      {order_id, refund_id});
}

bool PostgresStorage::void_refunded(const RefundRecord& r, const RefundDecision& d) {
  const auto voided = db_.exec(
      "UPDATE tickets SET void_reason = 'refunded', refund_id = $3 WHERE id = ANY ($1::text[]) "
      "AND order_id = $2 AND void_reason IS NULL AND checked_in_at IS NULL AND "
      "(refund_id IS NULL OR refund_id = $3)",
      {text_array(d.ticket_ids), r.order_id, r.id});
  if (voided.affected() != static_cast<int>(d.ticket_ids.size())) return false;
  if (!d.seats.empty()) {
    // Locked in seat_id order first, as holds lock them.
    db_.exec(
        "SELECT 1 FROM event_seats WHERE event_id = $1 AND seat_id = ANY ($2::text[]) "
        "ORDER BY seat_id COLLATE \"C\" FOR UPDATE",
        {r.event_id, text_array(d.seats)});
    const auto freed = db_.exec(
        "UPDATE event_seats SET state = 'available', order_id = NULL, hold_id = NULL "
        "WHERE event_id = $1 AND seat_id = ANY ($2::text[]) AND order_id = $3 AND state = 'sold'",
        {r.event_id, text_array(d.seats), r.order_id});
    if (freed.affected() != static_cast<int>(d.seats.size()))
      throw StorageError("PostgreSQL: a seat of order '" + r.order_id + "' is not sold");
  }
  for (const auto& [section, places] : d.places)  // in section order, as holds lock them
    if (db_.exec("UPDATE event_areas SET sold = sold - $1 WHERE event_id = $2 AND section = $3 "
                 "AND sold >= $1",
                 {places, r.event_id, section})
            .affected() != 1)
      throw StorageError("PostgreSQL: area '" + section + "' has fewer places sold than refunded");
  return true;
}

bool PostgresStorage::write_transfer(const Order& from, const Ticket& old, const Order& o,
                                     const Hold& hold) {
  const Ticket& t = o.tickets.front();
  if (db_.exec("UPDATE tickets SET void_reason = 'transferred', transferred_to = $1 WHERE id = $2 "
               "AND order_id = $3 AND void_reason IS NULL AND checked_in_at IS NULL",
               {t.id, old.id, from.id})
          .affected() != 1)
    return false;
  db_.exec(
      "INSERT INTO holds (id, event_id, account_id, status, created_at, expires_at, places) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {hold.id, hold.event_id, hold.account_id, std::string(to_string(hold.status)),
       to_unix(hold.created_at), to_unix(hold.expires_at), hold.places()});
  insert_hold_items(hold);
  if (!insert_order_rows(o))
    throw StorageError("PostgreSQL: ticket '" + old.id + "' was given twice to one account");
  if (!t.seat_id.empty() &&
      db_.exec("UPDATE event_seats SET order_id = $1 WHERE event_id = $2 AND seat_id = $3 AND "
               "order_id = $4 AND state = 'sold'",
               {o.id, o.event_id, t.seat_id, from.id})
              .affected() != 1)
    throw StorageError("PostgreSQL: seat '" + t.seat_id + "' of order '" + from.id +
                       "' is not sold");
  return true;
}

}  // namespace boxoffice::pg
