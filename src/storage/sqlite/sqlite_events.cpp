// Events, their ticket types and their places on SQLite. Every write runs in a BEGIN IMMEDIATE
// transaction, which SQLite serialises, so a check and the write that depends on it cannot be
// separated by another writer.
#include <boost/json/serialize.hpp>
#include <set>

#include "json/event_json.hpp"
#include "storage/sqlite/sqlite_storage.hpp"
#include "storage/write/settlement_write.hpp"

namespace boxoffice::sqlite {
namespace {

constexpr std::string_view kEventColumns =
    "id, layout_version, status, details, revision, created_at, updated_at";

Event read_event(const Statement& s) {
  Event e;
  static_cast<EventDetails&>(e) = json::details_from_document(s.text(3));
  e.id = s.text(0);
  e.layout_version = static_cast<int>(s.integer(1));
  const auto status = parse_event_status(s.text(2));
  if (!status) throw StorageError("unknown event status '" + s.text(2) + "'");
  e.status = *status;
  e.revision = static_cast<int>(s.integer(4));
  e.created_at = from_unix(s.integer(5));
  e.updated_at = from_unix(s.integer(6));
  return e;
}

}  // namespace

void SqliteStorage::write_audit(const AuditEntry& a) {
  db_->prepare(
         "INSERT INTO event_audit (event_id, at, actor_id, action, detail) VALUES (?, ?, ?, ?, ?)")
      .bind(1, a.event_id)
      .bind(2, to_unix(a.at))
      .bind(3, a.actor_id)
      .bind(4, a.action)
      .bind(5, a.detail)
      .run();
}

void SqliteStorage::lay_out_places(std::string_view event_id, const LayoutVersion& version) {
  std::int64_t position = 0;
  for (const auto& seat : seats_of(version)) {
    db_->prepare(
           "INSERT INTO event_seats (event_id, seat_id, section, row_label, seat_label, "
           "position) VALUES (?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (event_id, seat_id) DO UPDATE SET position = excluded.position")
        .bind(1, event_id)
        .bind(2, seat.id)
        .bind(3, seat.section)
        .bind(4, seat.row)
        .bind(5, seat.seat)
        .bind(6, position++)
        .run();
  }
  for (const auto& s : version.sections)
    if (s.kind == SectionKind::standing)
      db_->prepare("INSERT OR IGNORE INTO event_areas (event_id, section) VALUES (?, ?)")
          .bind(1, event_id)
          .bind(2, s.key)
          .run();
}

void SqliteStorage::insert_event(const Event& e, const LayoutVersion& pinned,
                                 const AuditEntry& audit) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare(
         "INSERT INTO events (id, venue_id, layout_id, layout_version, status, starts_at, details, "
         "revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, e.id)
      .bind(2, e.venue_id)
      .bind(3, e.layout_id)
      .bind(4, std::int64_t{e.layout_version})
      .bind(5, to_string(e.status))
      .bind(6, to_unix(e.starts_at))
      .bind(7, boost::json::serialize(json::details_to_json(e)))
      .bind(8, std::int64_t{e.revision})
      .bind(9, to_unix(e.created_at))
      .bind(10, to_unix(e.updated_at))
      .run();
  lay_out_places(e.id, pinned);
  write_audit(audit);
  tx.commit();
}

std::optional<Event> SqliteStorage::event(std::string_view id) {
  auto s = db_->prepare("SELECT " + std::string(kEventColumns) + " FROM events WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_event(s);
}

std::vector<Event> SqliteStorage::list_events(const EventQuery& q) {
  auto s = db_->prepare("SELECT " + std::string(kEventColumns) +
                        " FROM events WHERE (?1 IS NULL OR starts_at >= ?1) AND "
                        "(?2 IS NULL OR starts_at < ?2) AND (?3 IS NULL OR venue_id = ?3) AND "
                        "(?4 IS NULL OR layout_id = ?4) ORDER BY starts_at, id");
  if (q.from) s.bind(1, to_unix(*q.from));
  if (q.to) s.bind(2, to_unix(*q.to));
  if (q.venue_id) s.bind(3, *q.venue_id);
  if (q.layout_id) s.bind(4, *q.layout_id);
  std::vector<Event> out;
  while (s.step()) out.push_back(read_event(s));
  return out;
}

StoredCounts SqliteStorage::stored_counts(std::string_view event_id) {
  StoredCounts counts;
  {
    auto s = db_->prepare(
        "SELECT section, state, COUNT(*) FROM event_seats WHERE event_id = ? "
        "GROUP BY section, state");
    s.bind(1, event_id);
    while (s.step())
      if (auto state = parse_seat_state(s.text(1)))
        counts.seats[{s.text(0), *state}] = s.integer(2);
  }
  auto s = db_->prepare("SELECT section, held, sold, blocked FROM event_areas WHERE event_id = ?");
  s.bind(1, event_id);
  while (s.step()) counts.areas[s.text(0)] = {s.integer(1), s.integer(2), s.integer(3)};
  return counts;
}

Result<Event> SqliteStorage::update_event(const Event& updated, int expected_revision,
                                          const LayoutVersion* repin, const AuditEntry& audit,
                                          const Settlement* settlement) {
  WriteTransaction tx(db_, *writer_);
  auto current = event(updated.id);
  if (!current) return not_found_error("Event '" + updated.id + "'");
  if (current->revision != expected_revision) {
    return edit_conflict_error(current->revision);
  }
  const auto counts = count_sections(load_version(current->layout_id, current->layout_version),
                                     current->section_caps, stored_counts(updated.id));
  std::vector<std::string> reasons;
  if (repin) reasons = places_lost(*repin, taken_seats(updated.id), counts);
  for (auto& r : caps_below_sales(updated.section_caps, counts)) reasons.push_back(std::move(r));
  if (!reasons.empty()) return places_lost_error(reasons);

  if (repin) {
    std::set<std::string> keep;
    for (const auto& seat : seats_of(*repin)) keep.insert(seat.id);
    std::vector<std::string> gone;
    {
      auto s = db_->prepare("SELECT seat_id FROM event_seats WHERE event_id = ?");
      s.bind(1, updated.id);
      while (s.step())
        if (!keep.count(s.text(0))) gone.push_back(s.text(0));
    }
    for (const auto& id : gone)
      db_->prepare("DELETE FROM event_seats WHERE event_id = ? AND seat_id = ?")
          .bind(1, updated.id)
          .bind(2, id)
          .run();
    for (const auto& c : counts) {
      const Section* s = repin->section(c.key);
      if (c.kind == SectionKind::standing && (!s || s->kind != SectionKind::standing)) {
        db_->prepare("DELETE FROM event_areas WHERE event_id = ? AND section = ?")
            .bind(1, updated.id)
            .bind(2, c.key)
            .run();
        db_->prepare("DELETE FROM event_blocks WHERE event_id = ? AND section = ?")
            .bind(1, updated.id)
            .bind(2, c.key)
            .run();
      }
    }
    lay_out_places(updated.id, *repin);
    db_->prepare(
           "DELETE FROM event_blocks WHERE event_id = ? AND quantity = 0 AND NOT EXISTS "
           "(SELECT 1 FROM event_seats WHERE event_seats.event_id = event_blocks.event_id AND "
           "block_id = event_blocks.id)")
        .bind(1, updated.id)
        .run();
  }

  Event stored = updated;
  stored.revision = expected_revision + 1;
  db_->prepare(
         "UPDATE events SET venue_id = ?, layout_id = ?, layout_version = ?, status = ?, "
         "starts_at = ?, details = ?, revision = ?, updated_at = ? WHERE id = ?")
      .bind(1, stored.venue_id)
      .bind(2, stored.layout_id)
      .bind(3, std::int64_t{stored.layout_version})
      .bind(4, to_string(stored.status))
      .bind(5, to_unix(stored.starts_at))
      .bind(6, boost::json::serialize(json::details_to_json(stored)))
      .bind(7, std::int64_t{stored.revision})
      .bind(8, to_unix(stored.updated_at))
      .bind(9, stored.id)
      .run();
  write_audit(audit);
  if (settlement) record_cancellation(*this, stored, *settlement);
  tx.commit();
  return stored;
}

std::vector<AuditEntry> SqliteStorage::audit_trail(std::string_view event_id) {
  auto s = db_->prepare(
      "SELECT event_id, at, actor_id, action, detail FROM event_audit WHERE event_id = ? "
      "ORDER BY id");
  s.bind(1, event_id);
  std::vector<AuditEntry> out;
  while (s.step())
    out.push_back({s.text(0), from_unix(s.integer(1)), s.text(2), s.text(3), s.text(4)});
  return out;
}

void SqliteStorage::insert_ticket_type(const TicketType& t) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("INSERT INTO ticket_types (id, event_id, document, created_at) VALUES (?, ?, ?, ?)")
      .bind(1, t.id)
      .bind(2, t.event_id)
      .bind(3, boost::json::serialize(json::ticket_type_to_json(t)))
      .bind(4, to_unix(t.created_at))
      .run();
  tx.commit();
}

std::vector<TicketType> SqliteStorage::ticket_types(std::string_view event_id) {
  auto s =
      db_->prepare("SELECT document FROM ticket_types WHERE event_id = ? ORDER BY created_at, id");
  s.bind(1, event_id);
  std::vector<TicketType> out;
  while (s.step()) out.push_back(json::ticket_type_from_document(s.text(0)));
  return out;
}

bool SqliteStorage::update_ticket_type(const TicketType& t) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("UPDATE ticket_types SET document = ? WHERE id = ? AND event_id = ?")
      .bind(1, boost::json::serialize(json::ticket_type_to_json(t)))
      .bind(2, t.id)
      .bind(3, t.event_id)
      .run();
  const bool found = db_->changes() == 1;
  tx.commit();
  return found;
}

bool SqliteStorage::delete_ticket_type(std::string_view event_id, std::string_view type_id) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("DELETE FROM ticket_types WHERE id = ? AND event_id = ?")
      .bind(1, type_id)
      .bind(2, event_id)
      .run();
  const bool found = db_->changes() == 1;
  tx.commit();
  return found;
}

std::vector<SectionCounts> SqliteStorage::counts_in_transaction(std::string_view event_id) {
  auto e = event(event_id);
  if (!e) return {};
  return count_sections(load_version(e->layout_id, e->layout_version), e->section_caps,
                        stored_counts(event_id));
}

std::vector<SectionCounts> SqliteStorage::section_counts(std::string_view event_id) {
  Transaction tx(*db_, Transaction::read);
  return counts_in_transaction(event_id);
}

std::vector<Seat> SqliteStorage::seats(std::string_view event_id, std::string_view section) {
  auto s = db_->prepare(
      "SELECT seat_id, section, row_label, seat_label, state FROM event_seats "
      "WHERE event_id = ? AND section = ? ORDER BY position");
  s.bind(1, event_id).bind(2, section);
  std::vector<Seat> out;
  while (s.step())
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3),
                   parse_seat_state(s.text(4)).value_or(SeatState::blocked)});
  return out;
}

std::vector<std::string> SqliteStorage::taken_seats(std::string_view event_id) {
  auto s = db_->prepare(
      "SELECT seat_id FROM event_seats WHERE event_id = ? AND state IN ('held', 'sold') "
      "ORDER BY position");
  s.bind(1, event_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

Result<Block> SqliteStorage::insert_block(const Block& b) {
  WriteTransaction tx(db_, *writer_);
  if (b.seats.empty()) {
    const auto counts = counts_in_transaction(b.event_id);
    for (const auto& c : counts) {
      if (c.key != b.section) continue;
      if (auto allowed = can_block(c, b.quantity); !allowed) return allowed.error();
    }
    db_->prepare("UPDATE event_areas SET blocked = blocked + ? WHERE event_id = ? AND section = ?")
        .bind(1, b.quantity)
        .bind(2, b.event_id)
        .bind(3, b.section)
        .run();
  } else {
    FieldErrors unavailable;
    for (const auto& id : b.seats) {
      db_->prepare(
             "UPDATE event_seats SET state = 'blocked', block_id = ? WHERE event_id = ? AND "
             "seat_id = ? AND state = 'available'")
          .bind(1, b.id)
          .bind(2, b.event_id)
          .bind(3, id)
          .run();
      if (db_->changes() != 1) unavailable[id] = "is not available";
    }
    if (!unavailable.empty()) {
      return seats_unavailable_error(std::move(unavailable));
    }
  }
  db_->prepare(
         "INSERT INTO event_blocks (id, event_id, section, quantity, reason, created_at, "
         "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, b.id)
      .bind(2, b.event_id)
      .bind(3, b.section)
      .bind(4, b.quantity)
      .bind(5, b.reason)
      .bind(6, to_unix(b.created_at))
      .bind(7, b.created_by)
      .run();
  tx.commit();
  return b;
}

bool SqliteStorage::delete_block(std::string_view event_id, std::string_view block_id) {
  WriteTransaction tx(db_, *writer_);
  std::int64_t quantity = 0;
  std::string section;
  {
    auto s =
        db_->prepare("SELECT section, quantity FROM event_blocks WHERE id = ? AND event_id = ?");
    s.bind(1, block_id).bind(2, event_id);
    if (!s.step()) return false;
    section = s.text(0);
    quantity = s.integer(1);
  }
  db_->prepare(
         "UPDATE event_seats SET state = 'available', block_id = NULL WHERE event_id = ? AND "
         "block_id = ?")
      .bind(1, event_id)
      .bind(2, block_id)
      .run();
  db_->prepare("UPDATE event_areas SET blocked = blocked - ? WHERE event_id = ? AND section = ?")
      .bind(1, quantity)
      .bind(2, event_id)
      .bind(3, section)
      .run();
  db_->prepare("DELETE FROM event_blocks WHERE id = ?").bind(1, block_id).run();
  tx.commit();
  return true;
}

std::vector<Block> SqliteStorage::blocks(std::string_view event_id) {
  Transaction tx(*db_, Transaction::read);
  std::vector<Block> out;
  {
    auto s = db_->prepare(
        "SELECT id, event_id, section, quantity, reason, created_at, created_by FROM event_blocks "
        "WHERE event_id = ? ORDER BY created_at, id");
    s.bind(1, event_id);
    while (s.step())
      out.push_back({s.text(0),
                     s.text(1),
                     s.text(2),
                     {},
                     s.integer(3),
                     s.text(4),
                     from_unix(s.integer(5)),
                     s.text(6)});
  }
  for (auto& b : out) {
    if (b.quantity != 0) continue;
    auto s = db_->prepare(
        "SELECT seat_id FROM event_seats WHERE event_id = ? AND block_id = ? ORDER BY position");
    s.bind(1, event_id).bind(2, b.id);
    while (s.step()) b.seats.push_back(s.text(0));
  }
  return out;
}

}  // namespace boxoffice::sqlite
