// Check-in at the door on PostgreSQL. The admission is one guarded UPDATE: of several nodes
// scanning one ticket at once, the first takes the row lock and sets checked_in_at; the others
// wait for it, re-check the guard on the row as committed (READ COMMITTED) and change nothing.
#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice::pg {

std::optional<StoredDoorTicket> PostgresStorage::door_ticket(std::string_view ticket_id) {
  const auto r = db_.exec(
      "SELECT t.id, t.section, t.seat_id, t.ticket_type_id, t.price, t.fees, t.code, "
      "t.void_reason, t.checked_in_at, t.event_id, e.status, k.public_key FROM tickets t "
      "JOIN events e ON e.id = t.event_id LEFT JOIN event_keys k ON k.event_id = t.event_id "
      "WHERE t.id = $1",
      {ticket_id});
  if (r.empty()) return std::nullopt;
  StoredDoorTicket out;
  out.door.ticket = {r.text(0, 0),
                     r.text(0, 1),
                     r.text(0, 2),
                     r.text(0, 3),
                     r.integer(0, 4),
                     r.integer(0, 5),
                     r.text(0, 6),
                     {},
                     0,
                     {},
                     {}};
  if (!r.is_null(0, 7)) out.door.ticket.void_reason = parse_ticket_void(r.text(0, 7));
  if (!r.is_null(0, 8)) out.door.ticket.checked_in_at = from_unix(r.integer(0, 8));
  out.door.event_id = r.text(0, 9);
  const auto status = parse_event_status(r.text(0, 10));
  if (!status) throw StorageError("PostgreSQL: unknown event status '" + r.text(0, 10) + "'");
  out.door.event_status = *status;
  if (!r.is_null(0, 11)) out.event_public_key = r.text(0, 11);
  return out;
}

bool PostgresStorage::check_in_ticket(std::string_view ticket_id, TimePoint at) {
  return db_.exec(
                "UPDATE tickets SET checked_in_at = $1 WHERE id = $2 AND checked_in_at IS NULL "
                "AND void_reason IS NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = "
                "tickets.event_id AND e.status = 'cancelled')",
                {static_cast<long long>(to_unix(at)), ticket_id})
             .affected() == 1;
}

CheckInCounts PostgresStorage::check_in_counts(std::string_view event_id) {
  const auto r = db_.exec(
      "SELECT COUNT(checked_in_at), COUNT(*) FILTER (WHERE void_reason IS NULL) FROM tickets "
      "WHERE event_id = $1",
      {event_id});
  return {r.integer(0, 0), r.integer(0, 1)};
}

}  // namespace boxoffice::pg
