// The change feed on SQLite: triggers write it (migration 005); this reads and prunes it.
#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice::sqlite {

std::optional<InventorySnapshot> SqliteStorage::inventory_snapshot(std::string_view event_id) {
  InventorySnapshot snap;
  {
    Transaction tx(*db_, Transaction::read);
    if (!event(event_id)) return std::nullopt;
    {
      auto s =
          db_->prepare("SELECT COALESCE(MAX(seq), 0) FROM inventory_changes WHERE event_id = ?");
      s.bind(1, event_id);
      if (s.step()) snap.seq = s.integer(0);
    }
    {
      auto s = db_->prepare(
          "SELECT seat_id, section, row_label, seat_label, state FROM event_seats "
          "WHERE event_id = ? ORDER BY section, position");
      s.bind(1, event_id);
      while (s.step())
        snap.seats.push_back({s.text(0), s.text(1), s.text(2), s.text(3),
                              parse_seat_state(s.text(4)).value_or(SeatState::blocked)});
    }
    snap.areas = stored_counts(event_id).areas;
  }
  // Every seat's page was read once, for the live inventory, which answers from memory from now
  // on: the connection gives those pages back rather than keep a stadium's worth of them in its
  // cache (bench/stadium.sh: a stadium read back, per seat).
  db_->release_cache();
  return snap;
}

std::vector<InventoryChange> SqliteStorage::inventory_changes(std::string_view event_id,
                                                              std::int64_t after, std::size_t max) {
  auto s = db_->prepare(
      "SELECT seq, kind, item, state, held, sold, blocked FROM inventory_changes "
      "WHERE event_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  s.bind(1, event_id).bind(2, after).bind(3, static_cast<std::int64_t>(max));
  std::vector<InventoryChange> out;
  while (s.step()) {
    const auto kind = parse_change_kind(s.text(1));
    if (!kind) throw StorageError("unknown inventory change kind '" + s.text(1) + "'");
    out.push_back({s.integer(0),
                   *kind,
                   s.text(2),
                   parse_seat_state(s.text(3)).value_or(SeatState::available),
                   {s.integer(4), s.integer(5), s.integer(6)}});
  }
  return out;
}

std::int64_t SqliteStorage::prune_inventory_changes(TimePoint before) {
  WriteTransaction tx(db_, *writer_);
  // The first change recorded at or after `before`, found by walking seq from the oldest: the rows
  // walked past are the ones to delete anyway.
  db_->prepare(
         "DELETE FROM inventory_changes WHERE seq < COALESCE((SELECT seq FROM inventory_changes "
         "WHERE at >= ? ORDER BY seq LIMIT 1), (SELECT MAX(seq) + 1 FROM inventory_changes))")
      .bind(1, to_unix(before))
      .run();
  const std::int64_t pruned = db_->changes();
  tx.commit();
  return pruned;
}

}  // namespace boxoffice::sqlite
