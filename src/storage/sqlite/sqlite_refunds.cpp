// Refunds and transfers of single orders on SQLite: each in one write through the group commit
// (their shapes are storage/write/refund_write.cpp and transfer_write.cpp; the row operations are
// here). SQLite's single writer keeps every row read from other writers until COMMIT.
#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice::sqlite {

Result<Order> SqliteStorage::refund_tickets(const RefundRecord& refund) {
  WriteTransaction tx(db_, *writer_);
  auto after = refund_order(*this, refund);
  if (after) tx.commit();
  return after;
}

bool SqliteStorage::refund_recorded(std::string_view refund_id) {
  return refund_stored(refund_id);
}

Result<void> SqliteStorage::claim_refund(const RefundRecord& refund) {
  WriteTransaction tx(db_, *writer_);
  auto claimed = boxoffice::claim_refund(*this, refund);
  if (claimed) tx.commit();
  return claimed;
}

void SqliteStorage::release_refund(const RefundRecord& refund) {
  WriteTransaction tx(db_, *writer_);
  release_tickets(refund.order_id, refund.id);
  tx.commit();
}

Result<Order> SqliteStorage::transfer_ticket(const TicketTransfer& transfer) {
  WriteTransaction tx(db_, *writer_);
  auto received = boxoffice::transfer_ticket(*this, transfer);
  if (received) tx.commit();
  return received;
}

std::optional<Order> SqliteStorage::guard_order(std::string_view order_id) {
  return load_order("id = ?", order_id, "");
}

bool SqliteStorage::refund_stored(std::string_view refund_id) {
  auto s = db_->prepare("SELECT 1 FROM refunds WHERE id = ?");
  s.bind(1, refund_id);
  return s.step();
}

bool SqliteStorage::claim_tickets(std::string_view order_id, const std::vector<std::string>& ids,
                                  std::string_view refund_id) {
  for (const auto& id : ids) {
    db_->prepare(
           "UPDATE tickets SET refund_id = ?3 WHERE id = ?1 AND order_id = ?2 AND void_reason IS "
           "NULL AND checked_in_at IS NULL AND (refund_id IS NULL OR refund_id = ?3)")
        .bind(1, id)
        .bind(2, order_id)
        .bind(3, refund_id)
        .run();
    if (db_->changes() != 1) return false;
  }
  return true;
}

bool SqliteStorage::refund_claimed(std::string_view order_id) {
  auto s = db_->prepare(
      "SELECT 1 FROM tickets WHERE order_id = ? AND refund_id IS NOT NULL AND void_reason IS "
      "NULL LIMIT 1");
  s.bind(1, order_id);
  return s.step();
}

void SqliteStorage::release_tickets(std::string_view order_id, std::string_view refund_id) {
  db_->prepare(
         "UPDATE tickets SET refund_id = NULL WHERE order_id = ? AND refund_id = ? AND "
         "void_reason IS NULL")
      .bind(1, order_id)
      .bind(2, refund_id)
      .run();
}

bool SqliteStorage::void_refunded(const RefundRecord& r, const RefundDecision& d) {
  for (const auto& id : d.ticket_ids) {
    db_->prepare(
           "UPDATE tickets SET void_reason = 'refunded', refund_id = ?3 WHERE id = ?1 AND "
           "order_id = ?2 AND void_reason IS NULL AND checked_in_at IS NULL AND "
           "(refund_id IS NULL OR refund_id = ?3)")
        .bind(1, id)
        .bind(2, r.order_id)
        .bind(3, r.id)
        .run();
    if (db_->changes() != 1) return false;
  }
  for (const auto& seat : d.seats) {
    db_->prepare(
           "UPDATE event_seats SET state = 'available', order_id = NULL, hold_id = NULL WHERE "
           "event_id = ? AND seat_id = ? AND order_id = ? AND state = 'sold'")
        .bind(1, r.event_id)
        .bind(2, seat)
        .bind(3, r.order_id)
        .run();
    if (db_->changes() != 1)
      throw StorageError("SQLite: seat '" + seat + "' of order '" + r.order_id + "' is not sold");
  }
  for (const auto& [section, places] : d.places) {
    db_->prepare(
           "UPDATE event_areas SET sold = sold - ?1 WHERE event_id = ?2 AND section = ?3 AND "
           "sold >= ?1")
        .bind(1, places)
        .bind(2, r.event_id)
        .bind(3, section)
        .run();
    if (db_->changes() != 1)
      throw StorageError("SQLite: area '" + section + "' has fewer places sold than refunded");
  }
  return true;
}

bool SqliteStorage::write_transfer(const Order& from, const Ticket& old, const Order& o,
                                   const Hold& hold) {
  const Ticket& t = o.tickets.front();
  db_->prepare(
         "UPDATE tickets SET void_reason = 'transferred', transferred_to = ? WHERE id = ? AND "
         "order_id = ? AND void_reason IS NULL AND checked_in_at IS NULL")
      .bind(1, t.id)
      .bind(2, old.id)
      .bind(3, from.id)
      .run();
  if (db_->changes() != 1) return false;
  db_->prepare(
         "INSERT INTO holds (id, event_id, account_id, status, created_at, expires_at, places) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, hold.id)
      .bind(2, hold.event_id)
      .bind(3, hold.account_id)
      .bind(4, to_string(hold.status))
      .bind(5, to_unix(hold.created_at))
      .bind(6, to_unix(hold.expires_at))
      .bind(7, hold.places())
      .run();
  insert_hold_items(hold);
  insert_order_rows(o);
  if (!t.seat_id.empty()) {
    db_->prepare(
           "UPDATE event_seats SET order_id = ? WHERE event_id = ? AND seat_id = ? AND "
           "order_id = ? AND state = 'sold'")
        .bind(1, o.id)
        .bind(2, o.event_id)
        .bind(3, t.seat_id)
        .bind(4, from.id)
        .run();
    if (db_->changes() != 1)
      throw StorageError("SQLite: seat '" + t.seat_id + "' of order '" + from.id + "' is not sold");
  }
  return true;
}

}  // namespace boxoffice::sqlite
