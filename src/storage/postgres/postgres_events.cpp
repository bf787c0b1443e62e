// Events, their ticket types and their places on PostgreSQL, where several server processes write
// at once. Every write that checks something first locks the event's row (SELECT ... FOR UPDATE),
// so the check and the writes that depend on it run as one; seats change state only through
// conditional updates whose results are compared with what was asked. Places are laid out with
// one statement over arrays, not one INSERT per seat.
#include <boost/json/serialize.hpp>
#include <set>

#include "json/event_json.hpp"
#include "storage/postgres/postgres_storage.hpp"
#include "storage/write/settlement_write.hpp"

namespace boxoffice::pg {
namespace {

constexpr const char* kSelectEvent =
    "SELECT id, layout_version, status, details, revision, created_at, updated_at FROM events "
    "WHERE id = $1";
constexpr const char* kLockEvent =
    "SELECT id, layout_version, status, details, revision, created_at, updated_at FROM events "
    "WHERE id = $1 FOR UPDATE";
constexpr const char* kShareEvent =
    "SELECT id, layout_version, status, details, revision, created_at, updated_at FROM events "
    "WHERE id = $1 FOR KEY SHARE";

Event read_event(const Rows& r, int row) {
  Event e;
  static_cast<EventDetails&>(e) = json::details_from_document(r.text(row, 3));
  e.id = r.text(row, 0);
  e.layout_version = static_cast<int>(r.integer(row, 1));
  const auto status = parse_event_status(r.text(row, 2));
  if (!status) throw StorageError("unknown event status '" + r.text(row, 2) + "'");
  e.status = *status;
  e.revision = static_cast<int>(r.integer(row, 4));
  e.created_at = from_unix(r.integer(row, 5));
  e.updated_at = from_unix(r.integer(row, 6));
  return e;
}

}  // namespace

std::optional<Event> PostgresStorage::lock_event(std::string_view id) {
  // In READ COMMITTED a locking read waits for the holder and then returns the row as it committed
  // it; the statements after it see everything that holder wrote.
  const auto r = db_.exec(kLockEvent, {id});
  if (r.empty()) return std::nullopt;
  return read_event(r, 0);
}

std::optional<Event> PostgresStorage::share_event(std::string_view id) {
  const auto r = db_.exec(kShareEvent, {id});
  if (r.empty()) return std::nullopt;
  return read_event(r, 0);
}

void PostgresStorage::write_audit(const AuditEntry& a) {
  db_.exec(
      "INSERT INTO event_audit (event_id, at, actor_id, action, detail) "
      "VALUES ($1, $2, $3, $4, $5)",
      {a.event_id, to_unix(a.at), a.actor_id, a.action, a.detail});
}

// Seats already there keep their state and block; every seat takes its place in `version`'s order.
void PostgresStorage::lay_out_places(std::string_view event_id, const LayoutVersion& version) {
  std::vector<std::string> ids, sections, rows, labels;
  for (auto& seat : seats_of(version)) {
    ids.push_back(std::move(seat.id));
    sections.push_back(std::move(seat.section));
    rows.push_back(std::move(seat.row));
    labels.push_back(std::move(seat.seat));
  }
  if (!ids.empty())
    db_.exec(
        "INSERT INTO event_seats (event_id, seat_id, section, row_label, seat_label, position) "
        "SELECT $1, t.seat_id, t.section, t.row_label, t.seat_label, t.n - 1 "
        "FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY "
        "AS t (seat_id, section, row_label, seat_label, n) "
        "ON CONFLICT (event_id, seat_id) DO UPDATE SET position = EXCLUDED.position",
        {event_id, text_array(ids), text_array(sections), text_array(rows), text_array(labels)});
  std::vector<std::string> areas;
  for (const auto& s : version.sections)
    if (s.kind == SectionKind::standing) areas.push_back(s.key);
  if (!areas.empty())
    db_.exec(
        "INSERT INTO event_areas (event_id, section) SELECT $1, unnest($2::text[]) "
        "ON CONFLICT (event_id, section) DO NOTHING",
        {event_id, text_array(areas)});
}

void PostgresStorage::insert_event(const Event& e, const LayoutVersion& pinned,
                                   const AuditEntry& audit) {
  Transaction tx(db_);
  db_.exec(
      "INSERT INTO events (id, venue_id, layout_id, layout_version, status, starts_at, details, "
      "revision, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {e.id, e.venue_id, e.layout_id, e.layout_version, to_string(e.status), to_unix(e.starts_at),
       boost::json::serialize(json::details_to_json(e)), e.revision, to_unix(e.created_at),
       to_unix(e.updated_at)});
  lay_out_places(e.id, pinned);
  write_audit(audit);
  tx.commit();
}

std::optional<Event> PostgresStorage::event(std::string_view id) {
  const auto r = db_.exec(kSelectEvent, {id});
  if (r.empty()) return std::nullopt;
  return read_event(r, 0);
}

std::vector<Event> PostgresStorage::list_events(const EventQuery& q) {
  // Absent filters are NULL parameters, which a text-format Param cannot express; an empty string
  // flag says which are set instead.
  const auto r = db_.exec(
      "SELECT id, layout_version, status, details, revision, created_at, updated_at FROM events "
      "WHERE ($1 = '' OR starts_at >= $2::BIGINT) AND ($3 = '' OR starts_at < $4::BIGINT) AND "
      "($5 = '' OR venue_id = $6) AND ($7 = '' OR layout_id = $8) "
      "ORDER BY starts_at, id COLLATE \"C\"",
      {q.from ? "1" : "", q.from ? to_unix(*q.from) : 0LL, q.to ? "1" : "",
       q.to ? to_unix(*q.to) : 0LL, q.venue_id ? "1" : "", q.venue_id.value_or(std::string()),
       q.layout_id ? "1" : "", q.layout_id.value_or(std::string())});
  std::vector<Event> out;
  for (int row = 0; row < r.size(); ++row) out.push_back(read_event(r, row));
  return out;
}

StoredCounts PostgresStorage::stored_counts(std::string_view event_id) {
  StoredCounts counts;
  const auto seats = db_.exec(
      "SELECT section, state, COUNT(*) FROM event_seats WHERE event_id = $1 "
      "GROUP BY section, state",
      {event_id});
  for (int row = 0; row < seats.size(); ++row)
    if (auto state = parse_seat_state(seats.text(row, 1)))
      counts.seats[{seats.text(row, 0), *state}] = seats.integer(row, 2);
  const auto areas = db_.exec(
      "SELECT section, held, sold, blocked FROM event_areas WHERE event_id = $1", {event_id});
  for (int row = 0; row < areas.size(); ++row)
    counts.areas[areas.text(row, 0)] = {areas.integer(row, 1), areas.integer(row, 2),
                                        areas.integer(row, 3)};
  return counts;
}

std::vector<SectionCounts> PostgresStorage::counts_of(const Event& e) {
  return count_sections(load_version(e.layout_id, e.layout_version), e.section_caps,
                        stored_counts(e.id));
}

Result<Event> PostgresStorage::update_event(const Event& updated, int expected_revision,
                                            const LayoutVersion* repin, const AuditEntry& audit,
                                            const Settlement* settlement) {
  Transaction tx(db_);
  auto current = lock_event(updated.id);
  if (!current) return not_found_error("Event '" + updated.id + "'");
  if (current->revision != expected_revision) {
    return edit_conflict_error(current->revision);
  }
  const auto counts = counts_of(*current);
  std::vector<std::string> reasons;
  if (repin) reasons = places_lost(*repin, taken_seats(updated.id), counts);
  for (auto& r : caps_below_sales(updated.section_caps, counts)) reasons.push_back(std::move(r));
  if (!reasons.empty()) return places_lost_error(reasons);

  if (repin) {
    std::vector<std::string> keep;
    for (auto& seat : seats_of(*repin)) keep.push_back(std::move(seat.id));
    db_.exec("DELETE FROM event_seats WHERE event_id = $1 AND seat_id <> ALL ($2::text[])",
             {updated.id, text_array(keep)});
    std::vector<std::string> gone_areas;
    for (const auto& c : counts) {
      const Section* s = repin->section(c.key);
      if (c.kind == SectionKind::standing && (!s || s->kind != SectionKind::standing))
        gone_areas.push_back(c.key);
    }
    if (!gone_areas.empty()) {
      const auto areas = text_array(gone_areas);
      db_.exec("DELETE FROM event_areas WHERE event_id = $1 AND section = ANY ($2::text[])",
               {updated.id, areas});
      db_.exec("DELETE FROM event_blocks WHERE event_id = $1 AND section = ANY ($2::text[])",
               {updated.id, areas});
    }
    lay_out_places(updated.id, *repin);
    db_.exec(
        "DELETE FROM event_blocks b WHERE b.event_id = $1 AND b.quantity = 0 AND NOT EXISTS "
        "(SELECT 1 FROM event_seats s WHERE s.event_id = b.event_id AND s.block_id = b.id)",
        {updated.id});
  }

  Event stored = updated;
  stored.revision = expected_revision + 1;
  db_.exec(
      "UPDATE events SET venue_id = $1, layout_id = $2, layout_version = $3, status = $4, "
      "starts_at = $5, details = $6, revision = $7, updated_at = $8 WHERE id = $9",
      {stored.venue_id, stored.layout_id, stored.layout_version, to_string(stored.status),
       to_unix(stored.starts_at), boost::json::serialize(json::details_to_json(stored)),
       stored.revision, to_unix(stored.updated_at), stored.id});
  write_audit(audit);
  if (settlement) record_cancellation(*this, stored, *settlement);
  tx.commit();
  return stored;
}

std::vector<AuditEntry> PostgresStorage::audit_trail(std::string_view event_id) {
  const auto r = db_.exec(
      "SELECT event_id, at, actor_id, action, detail FROM event_audit WHERE event_id = $1 "
      "ORDER BY id",
      {event_id});
  std::vector<AuditEntry> out;
  for (int row = 0; row < r.size(); ++row)
    out.push_back({r.text(row, 0), from_unix(r.integer(row, 1)), r.text(row, 2), r.text(row, 3),
                   r.text(row, 4)});
  return out;
}

void PostgresStorage::insert_ticket_type(const TicketType& t) {
  db_.exec("INSERT INTO ticket_types (id, event_id, document, created_at) VALUES ($1, $2, $3, $4)",
           {t.id, t.event_id, boost::json::serialize(json::ticket_type_to_json(t)),
            to_unix(t.created_at)});
}

std::vector<TicketType> PostgresStorage::ticket_types(std::string_view event_id) {
  const auto r = db_.exec(
      "SELECT document FROM ticket_types WHERE event_id = $1 ORDER BY created_at, id COLLATE \"C\"",
      {event_id});
  std::vector<TicketType> out;
  for (int row = 0; row < r.size(); ++row)
    out.push_back(json::ticket_type_from_document(r.text(row, 0)));
  return out;
}

bool PostgresStorage::update_ticket_type(const TicketType& t) {
  return db_.exec("UPDATE ticket_types SET document = $1 WHERE id = $2 AND event_id = $3",
                  {boost::json::serialize(json::ticket_type_to_json(t)), t.id, t.event_id})
             .affected() == 1;
}

bool PostgresStorage::delete_ticket_type(std::string_view event_id, std::string_view type_id) {
  return db_.exec("DELETE FROM ticket_types WHERE id = $1 AND event_id = $2", {type_id, event_id})
             .affected() == 1;
}

std::vector<SectionCounts> PostgresStorage::section_counts(std::string_view event_id) {
  Transaction tx(db_, Transaction::snapshot);
  auto e = event(event_id);
  if (!e) return {};
  return counts_of(*e);
}

std::vector<Seat> PostgresStorage::seats(std::string_view event_id, std::string_view section) {
  const auto r = db_.exec(
      "SELECT seat_id, section, row_label, seat_label, state FROM event_seats "
      "WHERE event_id = $1 AND section = $2 ORDER BY position",
      {event_id, section});
  std::vector<Seat> out;
  for (int row = 0; row < r.size(); ++row)
    out.push_back({r.text(row, 0), r.text(row, 1), r.text(row, 2), r.text(row, 3),
                   parse_seat_state(r.text(row, 4)).value_or(SeatState::blocked)});
  return out;
}

std::vector<std::string> PostgresStorage::taken_seats(std::string_view event_id) {
  const auto r = db_.exec(
      "SELECT seat_id FROM event_seats WHERE event_id = $1 AND state IN ('held', 'sold') "
      "ORDER BY position",
      {event_id});
  std::vector<std::string> out;
  for (int row = 0; row < r.size(); ++row) out.push_back(r.text(row, 0));
  return out;
}

Result<Block> PostgresStorage::insert_block(const Block& b) {
  Transaction tx(db_);
  const auto current = lock_event(b.event_id);
  if (b.seats.empty()) {
    if (current)
      for (const auto& c : counts_of(*current))
        if (c.key == b.section)
          if (auto allowed = can_block(c, b.quantity); !allowed) return allowed.error();
    db_.exec("UPDATE event_areas SET blocked = blocked + $1 WHERE event_id = $2 AND section = $3",
             {b.quantity, b.event_id, b.section});
  } else {
    const auto written = db_.exec(
        "UPDATE event_seats SET state = 'blocked', block_id = $1 WHERE event_id = $2 AND "
        "seat_id = ANY ($3::text[]) AND state = 'available' RETURNING seat_id",
        {b.id, b.event_id, text_array(b.seats)});
    std::multiset<std::string> blocked;
    for (int row = 0; row < written.size(); ++row) blocked.insert(written.text(row, 0));
    // Each seat named is blocked once: a seat named twice is unavailable the second time.
    FieldErrors unavailable;
    for (const auto& id : b.seats) {
      auto it = blocked.find(id);
      if (it == blocked.end())
        unavailable[id] = "is not available";
      else
        blocked.erase(it);
    }
    if (!unavailable.empty()) {
      return seats_unavailable_error(std::move(unavailable));
    }
  }
  db_.exec(
      "INSERT INTO event_blocks (id, event_id, section, quantity, reason, created_at, created_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {b.id, b.event_id, b.section, b.quantity, b.reason, to_unix(b.created_at), b.created_by});
  tx.commit();
  return b;
}

bool PostgresStorage::delete_block(std::string_view event_id, std::string_view block_id) {
  Transaction tx(db_);
  lock_event(event_id);
  const auto r =
      db_.exec("SELECT section, quantity FROM event_blocks WHERE id = $1 AND event_id = $2",
               {block_id, event_id});
  if (r.empty()) return false;
  const std::string section = r.text(0, 0);
  const std::int64_t quantity = r.integer(0, 1);
  db_.exec(
      "UPDATE event_seats SET state = 'available', block_id = NULL WHERE event_id = $1 AND "
      "block_id = $2",
      {event_id, block_id});
  db_.exec("UPDATE event_areas SET blocked = blocked - $1 WHERE event_id = $2 AND section = $3",
           {quantity, event_id, section});
  db_.exec("DELETE FROM event_blocks WHERE id = $1 AND event_id = $2", {block_id, event_id});
  tx.commit();
  return true;
}

std::vector<Block> PostgresStorage::blocks(std::string_view event_id) {
  // One statement, so one snapshot: each block with its seats (none for a standing block).
  const auto r = db_.exec(
      "SELECT b.id, b.event_id, b.section, b.quantity, b.reason, b.created_at, b.created_by, "
      "s.seat_id FROM event_blocks b LEFT JOIN event_seats s ON b.quantity = 0 AND "
      "s.event_id = b.event_id AND s.block_id = b.id WHERE b.event_id = $1 "
      "ORDER BY b.created_at, b.id COLLATE \"C\", s.position",
      {event_id});
  std::vector<Block> out;
  for (int row = 0; row < r.size(); ++row) {
    if (out.empty() || out.back().id != r.text(row, 0))
      out.push_back({r.text(row, 0),
                     r.text(row, 1),
                     r.text(row, 2),
                     {},
                     r.integer(row, 3),
                     r.text(row, 4),
                     from_unix(r.integer(row, 5)),
                     r.text(row, 6)});
    if (!r.is_null(row, 7)) out.back().seats.push_back(r.text(row, 7));
  }
  return out;
}

}  // namespace boxoffice::pg
