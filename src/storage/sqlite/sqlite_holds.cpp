// Holds on SQLite. A batch of holds is placed in one BEGIN IMMEDIATE transaction (the shape is
// storage/write/hold_batch.cpp; the row operations are here): SQLite runs one writer at a time,
// so what the batch reads cannot change before it commits. Releasing part of
// a hold is one such transaction too: the hold is read, checked and shrunk with nothing between.
#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice::sqlite {

std::optional<Hold> SqliteStorage::load_hold(std::string_view id) {
  Hold h;
  {
    auto s = db_->prepare(
        "SELECT id, event_id, account_id, status, created_at, expires_at FROM holds WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    h = {s.text(0),
         s.text(1),
         s.text(2),
         parse_hold_status(s.text(3)).value_or(HoldStatus::expired),
         from_unix(s.integer(4)),
         from_unix(s.integer(5)),
         {}};
  }
  auto s = db_->prepare(
      "SELECT section, seat_id, quantity FROM hold_items WHERE hold_id = ? ORDER BY rowid");
  s.bind(1, id);
  while (s.step()) h.items.push_back({s.text(0), s.text(1), s.integer(2)});
  return h;
}

void SqliteStorage::insert_hold_items(const Hold& h) {
  // In order: load_hold reads them back by rowid.
  for (const auto& item : h.items) {
    db_->prepare("INSERT INTO hold_items (hold_id, section, seat_id, quantity) VALUES (?, ?, ?, ?)")
        .bind(1, h.id)
        .bind(2, item.section)
        .bind(3, item.seat_id)
        .bind(4, item.quantity)
        .run();
  }
}

std::vector<Result<Hold>> SqliteStorage::insert_holds(const std::vector<HoldPlacement>& batch) {
  WriteTransaction tx(db_, *writer_);
  auto placed = place_holds(*this, batch);
  tx.commit();
  return placed;
}

// SQLite runs one writer at a time: the rows read under BEGIN IMMEDIATE stay as read until
// COMMIT, so the guards below need no locks of their own.
std::optional<Event> SqliteStorage::guard_event(std::string_view event_id) {
  return event(event_id);
}

LayoutVersion SqliteStorage::layout_version(std::string_view layout_id, int version) {
  return load_version(layout_id, version);
}

// INDEXED BY: for MIN(expires_at) the planner prefers holds_by_expiry, which walks every active
// hold of every event. holds_by_buyer covers places and expires_at (migration 006).
std::map<std::string, BuyerPlaces> SqliteStorage::guard_buyers(
    std::string_view event_id, const std::vector<std::string>& accounts) {
  std::map<std::string, BuyerPlaces> out;
  for (const auto& account : accounts) {
    auto s = db_->prepare(
        "SELECT COALESCE(SUM(places), 0) + (SELECT COUNT(*) FROM tickets t JOIN orders o ON "
        "o.id = t.order_id WHERE o.event_id = ?1 AND o.account_id = ?2 AND " +
        std::string(kValidTicketSql) +
        "), "
        "MIN(expires_at) FROM holds INDEXED BY holds_by_buyer WHERE event_id = ?1 AND "
        "account_id = ?2 AND status = 'active'");
    s.bind(1, event_id).bind(2, account);
    BuyerPlaces& b = out[account];
    if (s.step()) {
      b.held_or_bought = s.integer(0);
      if (!s.is_null(1)) b.earliest_active = from_unix(s.integer(1));
    }
  }
  return out;
}

std::map<std::string, SeatState> SqliteStorage::guard_seats(std::string_view event_id,
                                                            const std::vector<std::string>& seats) {
  std::map<std::string, SeatState> out;
  for (const auto& seat : seats) {
    auto s = db_->prepare("SELECT state FROM event_seats WHERE event_id = ? AND seat_id = ?");
    s.bind(1, event_id).bind(2, seat);
    if (s.step()) out[seat] = parse_seat_state(s.text(0)).value_or(SeatState::blocked);
  }
  return out;
}

std::map<std::string, StoredCounts::Area> SqliteStorage::guard_areas(
    std::string_view event_id, const std::vector<std::string>& sections) {
  std::map<std::string, StoredCounts::Area> out;
  for (const auto& section : sections) {
    auto s = db_->prepare(
        "SELECT held, sold, blocked FROM event_areas WHERE event_id = ? AND section = ?");
    s.bind(1, event_id).bind(2, section);
    if (s.step()) out[section] = {s.integer(0), s.integer(1), s.integer(2)};
  }
  return out;
}

// `h`'s seats held by it (each available until now, or StorageError) and its standing places
// counted in their areas.
void SqliteStorage::take_places(std::string_view event_id, const Hold& h) {
  for (const auto& item : h.items) {
    if (item.seat_id.empty()) {
      db_->prepare("UPDATE event_areas SET held = held + ? WHERE event_id = ? AND section = ?")
          .bind(1, item.quantity)
          .bind(2, event_id)
          .bind(3, item.section)
          .run();
      continue;
    }
    db_->prepare(
           "UPDATE event_seats SET state = 'held', hold_id = ? WHERE event_id = ? AND "
           "seat_id = ? AND state = 'available'")
        .bind(1, h.id)
        .bind(2, event_id)
        .bind(3, item.seat_id)
        .run();
    if (db_->changes() != 1)
      throw StorageError("SQLite: seat '" + item.seat_id + "' was taken under the write lock");
  }
}

void SqliteStorage::write_holds(std::string_view event_id, const std::vector<Hold>& holds) {
  for (const auto& h : holds) {
    db_->prepare(
           "INSERT INTO holds (id, event_id, account_id, status, created_at, expires_at, "
           "places) VALUES (?, ?, ?, 'active', ?, ?, ?)")
        .bind(1, h.id)
        .bind(2, event_id)
        .bind(3, h.account_id)
        .bind(4, to_unix(h.created_at))
        .bind(5, to_unix(h.expires_at))
        .bind(6, h.places())
        .run();
    insert_hold_items(h);
    take_places(event_id, h);
  }
}

void SqliteStorage::add_to_holds(std::string_view event_id, const std::vector<Hold>& additions) {
  for (const auto& h : additions) {
    for (const auto& item : h.items) {
      // After the hold's items (load_hold reads them by rowid); a standing area's places join its
      // item there.
      db_->prepare(
             "INSERT INTO hold_items (hold_id, section, seat_id, quantity) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (hold_id, section, seat_id) DO UPDATE SET quantity = quantity + "
             "excluded.quantity")
          .bind(1, h.id)
          .bind(2, item.section)
          .bind(3, item.seat_id)
          .bind(4, item.quantity)
          .run();
    }
    take_places(event_id, h);
    db_->prepare("UPDATE holds SET places = places + ? WHERE id = ? AND status = 'active'")
        .bind(1, h.places())
        .bind(2, h.id)
        .run();
    if (db_->changes() != 1)
      throw StorageError("SQLite: hold '" + h.id + "' ended under the write lock");
  }
}

std::optional<Hold> SqliteStorage::hold(std::string_view id) {
  Transaction tx(*db_, Transaction::read);
  return load_hold(id);
}

std::vector<Hold> SqliteStorage::active_holds(std::string_view event_id,
                                              std::string_view account_id) {
  Transaction tx(*db_, Transaction::read);
  std::vector<std::string> ids;
  {
    auto s = db_->prepare(
        "SELECT id FROM holds WHERE event_id = ? AND account_id = ? AND status = 'active' "
        "ORDER BY created_at, id");
    s.bind(1, event_id).bind(2, account_id);
    while (s.step()) ids.push_back(s.text(0));
  }
  std::vector<Hold> out;
  for (const auto& id : ids)
    if (auto h = load_hold(id)) out.push_back(std::move(*h));
  return out;
}

bool SqliteStorage::end_hold(std::string_view id, HoldStatus why) {
  WriteTransaction tx(db_, *writer_);
  const bool ended = boxoffice::end_hold(*this, id, why);
  tx.commit();
  return ended;
}

Result<Hold> SqliteStorage::release_part(std::string_view id, const HoldRelease& release,
                                         TimePoint now) {
  WriteTransaction tx(db_, *writer_);
  auto after = boxoffice::release_part(*this, id, release, now);
  if (after) tx.commit();
  return after;
}

std::vector<Hold> SqliteStorage::expire_holds(TimePoint now, std::size_t max) {
  WriteTransaction tx(db_, *writer_);
  auto expired = boxoffice::expire_holds(*this, now, max);
  tx.commit();
  return expired;
}

std::optional<Hold> SqliteStorage::guard_hold(std::string_view hold_id) {
  return load_hold(hold_id);
}

std::vector<Hold> SqliteStorage::guard_due_holds(TimePoint now, std::size_t max) {
  std::vector<std::string> ids;
  {
    auto s = db_->prepare(
        "SELECT id FROM holds WHERE status = 'active' AND expires_at <= ? ORDER BY expires_at, "
        "id LIMIT ?");
    s.bind(1, to_unix(now)).bind(2, static_cast<std::int64_t>(max));
    while (s.step()) ids.push_back(s.text(0));
  }
  std::vector<Hold> due;
  for (const auto& id : ids)
    if (auto h = load_hold(id)) due.push_back(std::move(*h));
  return due;
}

std::size_t SqliteStorage::end_holds(const std::vector<std::string>& ids, HoldStatus why) {
  std::size_t ended = 0;
  for (const auto& id : ids) {
    db_->prepare("UPDATE holds SET status = ? WHERE id = ? AND status = 'active'")
        .bind(1, to_string(why))
        .bind(2, id)
        .run();
    ended += static_cast<std::size_t>(db_->changes());
  }
  return ended;
}

std::size_t SqliteStorage::free_seats(std::string_view event_id, std::string_view hold_id,
                                      const std::vector<std::string>& seats) {
  std::size_t freed = 0;
  for (const auto& seat : seats) {
    db_->prepare(
           "UPDATE event_seats SET state = 'available', hold_id = NULL WHERE event_id = ? AND "
           "seat_id = ? AND hold_id = ? AND state = 'held'")
        .bind(1, event_id)
        .bind(2, seat)
        .bind(3, hold_id)
        .run();
    freed += static_cast<std::size_t>(db_->changes());
  }
  return freed;
}

void SqliteStorage::free_areas(std::string_view event_id,
                               const std::map<std::string, std::int64_t>& places) {
  for (const auto& [section, quantity] : places) {
    db_->prepare("UPDATE event_areas SET held = held - ? WHERE event_id = ? AND section = ?")
        .bind(1, quantity)
        .bind(2, event_id)
        .bind(3, section)
        .run();
  }
}

void SqliteStorage::rewrite_items(const Hold& h) {
  db_->prepare("DELETE FROM hold_items WHERE hold_id = ?").bind(1, h.id).run();
  insert_hold_items(h);
  db_->prepare("UPDATE holds SET places = ? WHERE id = ?").bind(1, h.places()).bind(2, h.id).run();
}

}  // namespace boxoffice::sqlite
