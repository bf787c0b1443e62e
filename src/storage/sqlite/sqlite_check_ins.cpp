// Check-in at the door on SQLite. The admission is one guarded UPDATE under the process's single
// writer (and SQLite's file lock across processes): of two doors scanning one ticket, the second
// finds checked_in_at set and changes nothing.
#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice::sqlite {

std::optional<StoredDoorTicket> SqliteStorage::door_ticket(std::string_view ticket_id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT t.id, t.section, t.seat_id, t.ticket_type_id, t.price, t.fees, t.code, "
      "t.void_reason, t.checked_in_at, t.event_id, e.status, k.public_key FROM tickets t "
      "JOIN events e ON e.id = t.event_id LEFT JOIN event_keys k ON k.event_id = t.event_id "
      "WHERE t.id = ?");
  s.bind(1, ticket_id);
  if (!s.step()) return std::nullopt;
  StoredDoorTicket out;
  out.door.ticket = {
      s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5), s.text(6),
      {},        0,         {},        {}};
  if (!s.is_null(7)) out.door.ticket.void_reason = parse_ticket_void(s.text(7));
  if (!s.is_null(8)) out.door.ticket.checked_in_at = from_unix(s.integer(8));
  out.door.event_id = s.text(9);
  const auto status = parse_event_status(s.text(10));
  if (!status) throw StorageError("SQLite: unknown event status '" + s.text(10) + "'");
  out.door.event_status = *status;
  if (!s.is_null(11)) out.event_public_key = s.text(11);
  return out;
}

bool SqliteStorage::check_in_ticket(std::string_view ticket_id, TimePoint at) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare(
         "UPDATE tickets SET checked_in_at = ?1 WHERE id = ?2 AND checked_in_at IS NULL AND "
         "void_reason IS NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = "
         "tickets.event_id AND e.status = 'cancelled')")
      .bind(1, to_unix(at))
      .bind(2, ticket_id)
      .run();
  const bool admitted = db_->changes() == 1;
  tx.commit();
  return admitted;
}

CheckInCounts SqliteStorage::check_in_counts(std::string_view event_id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT COUNT(checked_in_at), COUNT(*) FILTER (WHERE void_reason IS NULL) FROM tickets "
      "INDEXED BY tickets_by_type WHERE event_id = ?");
  s.bind(1, event_id);
  CheckInCounts out;
  if (s.step()) out = {s.integer(0), s.integer(1)};
  return out;
}

}  // namespace boxoffice::sqlite
