// The change feed on PostgreSQL: deferred triggers write it (migration 005); this reads and
// prunes it.
#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice::pg {

std::optional<InventorySnapshot> PostgresStorage::inventory_snapshot(std::string_view event_id) {
  Transaction tx(db_, Transaction::snapshot);
  const auto seq = db_.exec(
      "SELECT COALESCE((SELECT seq FROM event_feeds WHERE event_id = e.id), 0) FROM events e "
      "WHERE e.id = $1",
      {event_id});
  if (seq.empty()) return std::nullopt;
  InventorySnapshot snap;
  snap.seq = seq.integer(0, 0);
  const auto r = db_.exec(
      "SELECT seat_id, section, row_label, seat_label, state FROM event_seats "
      "WHERE event_id = $1 ORDER BY section COLLATE \"C\", position",
      {event_id});
  snap.seats.reserve(static_cast<std::size_t>(r.size()));
  for (int row = 0; row < r.size(); ++row)
    snap.seats.push_back({r.text(row, 0), r.text(row, 1), r.text(row, 2), r.text(row, 3),
                          parse_seat_state(r.text(row, 4)).value_or(SeatState::blocked)});
  snap.areas = stored_counts(event_id).areas;
  tx.commit();
  return snap;
}

std::vector<InventoryChange> PostgresStorage::inventory_changes(std::string_view event_id,
                                                                std::int64_t after,
                                                                std::size_t max) {
  const auto r = db_.exec(
      "SELECT seq, kind, item, state, held, sold, blocked FROM inventory_changes "
      "WHERE event_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      {event_id, static_cast<long long>(after), static_cast<long long>(max)});
  std::vector<InventoryChange> out;
  for (int row = 0; row < r.size(); ++row) {
    const auto kind = parse_change_kind(r.text(row, 1));
    if (!kind) throw StorageError("unknown inventory change kind '" + r.text(row, 1) + "'");
    out.push_back({r.integer(row, 0),
                   *kind,
                   r.text(row, 2),
                   parse_seat_state(r.text(row, 3)).value_or(SeatState::available),
                   {r.integer(row, 4), r.integer(row, 5), r.integer(row, 6)}});
  }
  return out;
}

std::int64_t PostgresStorage::prune_inventory_changes(TimePoint before) {
  return db_
      .exec("DELETE FROM inventory_changes WHERE at < $1",
            {static_cast<long long>(to_unix(before))})
      .affected();
}

}  // namespace boxoffice::pg
