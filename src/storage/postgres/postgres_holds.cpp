// Holds on PostgreSQL, where several server processes place holds for many buyers at once. A batch
// of holds is one READ COMMITTED transaction (its shape is storage/write/hold_batch.cpp; the row
// operations are here) that never locks an event's row exclusively, so batches of one event do
// not wait for each other unless they want the same places:
//   - the event's row FOR KEY SHARE (which the new holds' foreign keys take anyway): shared by
//     every buyer, it only keeps a manager's change of caps, layout, status or blocks out;
//   - an advisory lock per (event, account), in account order, so that one account's requests in
//     other processes see each other's holds when the buyer limit is checked (its active holds
//     plus the tickets of its paid orders: an order swaps one for the other in a single commit);
//   - the seats asked for, locked in seat_id order (so two batches wanting overlapping seats cannot
//     deadlock), and the standing areas' rows in section order, read as committed;
//   - the granted holds written by one statement whose seat update is guarded again.
// Ending a hold is a conditional UPDATE of its status, so two nodes ending or expiring one hold
// free its places once; expiry takes due holds FOR UPDATE SKIP LOCKED so that nodes share the work.
// Releasing part of a hold takes the hold's row FOR UPDATE first and checks under that lock that
// the hold is still active and has the places named, then its seats in seat_id order and its
// areas in section order; ending, expiring and buying the hold all wait on (or skip) that row.
#include <algorithm>
#include <map>
#include <set>

#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice::pg {
namespace {

// Holds with their items: one row per item (or one row with NULL item columns for a hold without
// items), the rows of one hold adjacent and in item order.
constexpr const char* kHoldColumns =
    "SELECT h.id, h.event_id, h.account_id, h.status, h.created_at, h.expires_at, i.section, "
    "i.seat_id, i.quantity FROM holds h LEFT JOIN hold_items i ON i.hold_id = h.id ";

std::vector<Hold> read_holds(const Rows& r) {
  std::vector<Hold> out;
  for (int row = 0; row < r.size(); ++row) {
    if (out.empty() || out.back().id != r.text(row, 0)) {
      const auto status = parse_hold_status(r.text(row, 3));
      if (!status) throw StorageError("unknown hold status '" + r.text(row, 3) + "'");
      out.push_back({r.text(row, 0),
                     r.text(row, 1),
                     r.text(row, 2),
                     *status,
                     from_unix(r.integer(row, 4)),
                     from_unix(r.integer(row, 5)),
                     {}});
    }
    if (!r.is_null(row, 6))
      out.back().items.push_back({r.text(row, 6), r.text(row, 7), r.integer(row, 8)});
  }
  return out;
}

// Holds' ids and places, their items as the arrays of an unnest (position: the item's place in
// its hold), and the places they take: their seats with their holds, the places per standing area.
struct ItemArrays {
  std::vector<std::string> ids, places;
  std::vector<std::string> holds, sections, seat_ids, quantities, positions;
  std::vector<std::string> seat_holds, seats;
  std::vector<std::string> areas, more;

  explicit ItemArrays(const std::vector<Hold>& of) {
    std::map<std::string, std::int64_t> standing;
    for (const auto& h : of) {
      ids.push_back(h.id);
      places.push_back(std::to_string(h.places()));
      for (std::size_t i = 0; i < h.items.size(); ++i) {
        const auto& item = h.items[i];
        holds.push_back(h.id);
        sections.push_back(item.section);
        seat_ids.push_back(item.seat_id);
        quantities.push_back(std::to_string(item.quantity));
        positions.push_back(std::to_string(i));
        if (item.seat_id.empty()) {
          standing[item.section] += item.quantity;
        } else {
          seat_holds.push_back(h.id);
          seats.push_back(item.seat_id);
        }
      }
    }
    for (const auto& [section, quantity] : standing) {
      areas.push_back(section);
      more.push_back(std::to_string(quantity));
    }
  }
};

}  // namespace

void PostgresStorage::insert_hold_items(const Hold& h) {
  if (h.items.empty()) return;
  std::vector<std::string> sections, seat_ids, quantities;
  for (const auto& item : h.items) {
    sections.push_back(item.section);
    seat_ids.push_back(item.seat_id);
    quantities.push_back(std::to_string(item.quantity));
  }
  db_.exec(
      "INSERT INTO hold_items (hold_id, section, seat_id, quantity, position) "
      "SELECT $1, t.section, t.seat_id, t.quantity::BIGINT, t.n - 1 "
      "FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY "
      "AS t (section, seat_id, quantity, n)",
      {h.id, text_array(sections), text_array(seat_ids), text_array(quantities)});
}

std::vector<Result<Hold>> PostgresStorage::insert_holds(const std::vector<HoldPlacement>& batch) {
  Transaction tx(db_);
  auto placed = place_holds(*this, batch);
  tx.commit();
  return placed;
}

std::optional<Event> PostgresStorage::guard_event(std::string_view event_id) {
  return share_event(event_id);
}

LayoutVersion PostgresStorage::layout_version(std::string_view layout_id, int version) {
  return load_version(layout_id, version);
}

std::map<std::string, BuyerPlaces> PostgresStorage::guard_buyers(
    std::string_view event_id, const std::vector<std::string>& accounts) {
  const auto names = text_array(accounts);
  // In the order given (sorted), so that two batches never wait on each other in a cycle; the
  // subquery sorts before the locks are taken.
  db_.exec(
      "SELECT pg_advisory_xact_lock(hashtext($1), hashtext(a)) FROM (SELECT a FROM "
      "unnest($2::text[]) WITH ORDINALITY AS t (a, n) ORDER BY n) AS sorted",
      {event_id, names});
  const auto r = db_.exec(
      "SELECT a, (SELECT COALESCE(SUM(places), 0)::BIGINT FROM holds WHERE event_id = $1 AND "
      "account_id = a AND status = 'active') + "
      "(SELECT COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id WHERE "
      "o.event_id = $1 AND o.account_id = a AND " +
          std::string(kValidTicketSql) +
          "), "
          "(SELECT MIN(expires_at) FROM holds WHERE event_id = $1 AND account_id = a AND "
          "status = 'active') FROM unnest($2::text[]) AS a",
      {event_id, names});
  std::map<std::string, BuyerPlaces> out;
  for (int row = 0; row < r.size(); ++row) {
    BuyerPlaces& b = out[r.text(row, 0)];
    b.held_or_bought = r.integer(row, 1);
    if (!r.is_null(row, 2)) b.earliest_active = from_unix(r.integer(row, 2));
  }
  return out;
}

std::map<std::string, SeatState> PostgresStorage::guard_seats(
    std::string_view event_id, const std::vector<std::string>& seats) {
  // Locks in the ORDER BY's order; a row another transaction is changing is waited for and then
  // read as it committed.
  const auto r = db_.exec(
      "SELECT seat_id, state FROM event_seats WHERE event_id = $1 AND seat_id = ANY ($2::text[]) "
      "ORDER BY seat_id COLLATE \"C\" FOR UPDATE",
      {event_id, text_array(seats)});
  std::map<std::string, SeatState> out;
  for (int row = 0; row < r.size(); ++row)
    out[r.text(row, 0)] = parse_seat_state(r.text(row, 1)).value_or(SeatState::blocked);
  return out;
}

std::map<std::string, StoredCounts::Area> PostgresStorage::guard_areas(
    std::string_view event_id, const std::vector<std::string>& sections) {
  const auto r = db_.exec(
      "SELECT section, held, sold, blocked FROM event_areas WHERE event_id = $1 AND "
      "section = ANY ($2::text[]) ORDER BY section COLLATE \"C\" FOR UPDATE",
      {event_id, text_array(sections)});
  std::map<std::string, StoredCounts::Area> out;
  for (int row = 0; row < r.size(); ++row)
    out[r.text(row, 0)] = {r.integer(row, 1), r.integer(row, 2), r.integer(row, 3)};
  return out;
}

// One statement, one round trip, for every hold of the batch.
void PostgresStorage::write_holds(std::string_view event_id, const std::vector<Hold>& holds) {
  std::vector<std::string> accounts, created, expires;
  for (const auto& h : holds) {
    accounts.push_back(h.account_id);
    created.push_back(std::to_string(to_unix(h.created_at)));
    expires.push_back(std::to_string(to_unix(h.expires_at)));
  }
  const ItemArrays a(holds);
  const auto r = db_.exec(
      "WITH new_holds AS (INSERT INTO holds (id, event_id, account_id, status, created_at, "
      "expires_at, places) SELECT t.id, $1, t.account, 'active', t.created, t.expires, t.places "
      "FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $15::bigint[]) AS t (id, "
      "account, created, expires, places)), "
      "new_items AS (INSERT INTO hold_items (hold_id, section, seat_id, quantity, position) "
      "SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::bigint[], $10::int[])), "
      "areas AS (UPDATE event_areas a SET held = a.held + t.more FROM unnest($11::text[], "
      "$12::bigint[]) AS t (section, more) WHERE a.event_id = $1 AND a.section = t.section), "
      "seats AS (UPDATE event_seats s SET state = 'held', hold_id = t.hold FROM "
      "unnest($13::text[], $14::text[]) AS t (seat, hold) WHERE s.event_id = $1 AND "
      "s.seat_id = t.seat AND s.state = 'available' RETURNING 1) "
      "SELECT COUNT(*) FROM seats",
      {event_id, text_array(a.ids), text_array(accounts), text_array(created), text_array(expires),
       text_array(a.holds), text_array(a.sections), text_array(a.seat_ids),
       text_array(a.quantities), text_array(a.positions), text_array(a.areas), text_array(a.more),
       text_array(a.seats), text_array(a.seat_holds), text_array(a.places)});
  if (r.integer(0, 0) != static_cast<std::int64_t>(a.seats.size()))
    throw StorageError("PostgreSQL: a seat locked for a hold was not available after all");
}

// One statement for every addition of the batch, each hold's row locked by guard_hold: the items
// after the hold's own (a standing area's places joining its item there), the hold's places, the
// areas' held counts and the seats, guarded again.
void PostgresStorage::add_to_holds(std::string_view event_id, const std::vector<Hold>& additions) {
  const ItemArrays a(additions);
  const auto r = db_.exec(
      "WITH grown AS (UPDATE holds h SET places = h.places + t.more FROM unnest($2::text[], "
      "$3::bigint[]) AS t (id, more) WHERE h.id = t.id AND h.status = 'active' RETURNING 1), "
      "new_items AS (INSERT INTO hold_items (hold_id, section, seat_id, quantity, position) "
      "SELECT t.hold, t.section, t.seat, t.quantity, (SELECT COALESCE(MAX(i.position), -1) FROM "
      "hold_items i WHERE i.hold_id = t.hold) + ROW_NUMBER() OVER (PARTITION BY t.hold ORDER BY "
      "t.n) FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[]) AS t (hold, "
      "section, seat, quantity, n) ON CONFLICT (hold_id, section, seat_id) DO UPDATE SET "
      "quantity = hold_items.quantity + excluded.quantity), "
      "areas AS (UPDATE event_areas a SET held = a.held + t.more FROM unnest($9::text[], "
      "$10::bigint[]) AS t (section, more) WHERE a.event_id = $1 AND a.section = t.section), "
      "seats AS (UPDATE event_seats s SET state = 'held', hold_id = t.hold FROM "
      "unnest($11::text[], $12::text[]) AS t (seat, hold) WHERE s.event_id = $1 AND "
      "s.seat_id = t.seat AND s.state = 'available' RETURNING 1) "
      "SELECT (SELECT COUNT(*) FROM seats), (SELECT COUNT(*) FROM grown)",
      {event_id, text_array(a.ids), text_array(a.places), text_array(a.holds),
       text_array(a.sections), text_array(a.seat_ids), text_array(a.quantities),
       text_array(a.positions), text_array(a.areas), text_array(a.more), text_array(a.seats),
       text_array(a.seat_holds)});
  if (r.integer(0, 0) != static_cast<std::int64_t>(a.seats.size()))
    throw StorageError("PostgreSQL: a seat locked for a hold was not available after all");
  if (r.integer(0, 1) != static_cast<std::int64_t>(a.ids.size()))
    throw StorageError("PostgreSQL: a hold locked to be extended ended under its lock");
}

std::optional<Hold> PostgresStorage::hold(std::string_view id) {
  // One statement sees one snapshot.
  auto holds = read_holds(
      db_.exec((std::string(kHoldColumns) + "WHERE h.id = $1 ORDER BY i.position").c_str(), {id}));
  if (holds.empty()) return std::nullopt;
  return std::move(holds.front());
}

std::vector<Hold> PostgresStorage::active_holds(std::string_view event_id,
                                                std::string_view account_id) {
  return read_holds(db_.exec(
      (std::string(kHoldColumns) + "WHERE h.event_id = $1 AND h.account_id = $2 AND "
                                   "h.status = 'active' ORDER BY h.created_at, h.id COLLATE \"C\", "
                                   "i.position")
          .c_str(),
      {event_id, account_id}));
}

bool PostgresStorage::end_hold(std::string_view id, HoldStatus why) {
  Transaction tx(db_);
  const bool ended = boxoffice::end_hold(*this, id, why);
  tx.commit();
  return ended;
}

Result<Hold> PostgresStorage::release_part(std::string_view id, const HoldRelease& release,
                                           TimePoint now) {
  Transaction tx(db_);
  auto after = boxoffice::release_part(*this, id, release, now);
  if (after) tx.commit();
  return after;
}

std::vector<Hold> PostgresStorage::expire_holds(TimePoint now, std::size_t max) {
  Transaction tx(db_);
  auto expired = boxoffice::expire_holds(*this, now, max);
  tx.commit();
  return expired;
}

// The hold's row first: nothing else can end, expire, buy or shrink it until COMMIT, and the next
// statement reads it as the last of those left it.
std::optional<Hold> PostgresStorage::guard_hold(std::string_view hold_id) {
  if (db_.exec("SELECT id FROM holds WHERE id = $1 FOR UPDATE", {hold_id}).empty())
    return std::nullopt;
  return hold(hold_id);
}

std::vector<Hold> PostgresStorage::guard_due_holds(TimePoint now, std::size_t max) {
  // Holds another node is expiring (or a buyer is ending) are locked: skip them, not wait.
  const auto due = db_.exec(
      "SELECT id FROM holds WHERE status = 'active' AND expires_at <= $1 "
      "ORDER BY expires_at, id COLLATE \"C\" LIMIT $2 FOR UPDATE SKIP LOCKED",
      {to_unix(now), static_cast<long long>(max)});
  if (due.empty()) return {};
  std::vector<std::string> ids;
  for (int row = 0; row < due.size(); ++row) ids.push_back(due.text(row, 0));
  return read_holds(db_.exec(
      (std::string(kHoldColumns) +
       "WHERE h.id = ANY ($1::text[]) ORDER BY array_position($1::text[], h.id), i.position")
          .c_str(),
      {text_array(ids)}));
}

std::vector<Hold> PostgresStorage::guard_event_holds(std::string_view event_id, std::size_t max) {
  // Holds a buyer or the expiry is ending are locked: skip them, they end anyway.
  const auto active = db_.exec(
      "SELECT id FROM holds WHERE event_id = $1 AND status = 'active' ORDER BY id COLLATE \"C\" "
      "LIMIT $2 FOR UPDATE SKIP LOCKED",
      {event_id, static_cast<long long>(max)});
  if (active.empty()) return {};
  std::vector<std::string> ids;
  for (int row = 0; row < active.size(); ++row) ids.push_back(active.text(row, 0));
  return read_holds(db_.exec(
      (std::string(kHoldColumns) +
       "WHERE h.id = ANY ($1::text[]) ORDER BY array_position($1::text[], h.id), i.position")
          .c_str(),
      {text_array(ids)}));
}

std::size_t PostgresStorage::end_holds(const std::vector<std::string>& ids, HoldStatus why) {
  return static_cast<std::size_t>(
      db_.exec("UPDATE holds SET status = $2 WHERE id = ANY ($1::text[]) AND status = 'active'",
               {text_array(ids), std::string(to_string(why))})
          .affected());
}

// Only the holder of a seat frees it, under its hold's row lock; other writers skip held seats,
// so the order these rows are locked in does not matter.
std::size_t PostgresStorage::free_seats(std::string_view event_id, std::string_view hold_id,
                                        const std::vector<std::string>& seats) {
  if (seats.empty()) return 0;
  return static_cast<std::size_t>(
      db_.exec("UPDATE event_seats SET state = 'available', hold_id = NULL WHERE event_id = $1 AND "
               "seat_id = ANY ($2::text[]) AND hold_id = $3 AND state = 'held'",
               {event_id, text_array(seats), hold_id})
          .affected());
}

// Area rows are shared by every buyer of the event: in section byte order, the order the hold
// batches lock them in too.
void PostgresStorage::free_areas(std::string_view event_id,
                                 const std::map<std::string, std::int64_t>& places) {
  for (const auto& [section, quantity] : places)
    db_.exec("UPDATE event_areas SET held = held - $1 WHERE event_id = $2 AND section = $3",
             {static_cast<long long>(quantity), event_id, section});
}

void PostgresStorage::rewrite_items(const Hold& h) {
  db_.exec("DELETE FROM hold_items WHERE hold_id = $1", {h.id});
  insert_hold_items(h);
  db_.exec("UPDATE holds SET places = $2 WHERE id = $1",
           {h.id, static_cast<long long>(h.places())});
}

}  // namespace boxoffice::pg
