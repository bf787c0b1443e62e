// Waiting rooms on PostgreSQL. Every write locks the room's row first (lock_room) and keeps the
// lock to COMMIT: writes to one room, from any node, run one after another, so the seq they stamp
// follows commit order and the room's counts stay exact.
#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice::pg {
namespace {

constexpr const char* kRoomColumns =
    "event_id, seed, commitment, token_key, seq, joined, waiting, admitted, active_since";
#define BOXOFFICE_ENTRY_COLUMNS                                                              \
  "event_id, number, order_key, account_id, state, joined_at, admitted_at, admitted_until, " \
  "notify_email, notify_phone, seq"

std::optional<TimePoint> optional_time(const Rows& r, int row, int column) {
  if (r.is_null(row, column)) return std::nullopt;
  return from_unix(r.integer(row, column));
}

QueueRoom read_room(const Rows& r) {
  return QueueRoom{r.text(0, 0),    r.text(0, 1),    r.text(0, 2),
                   r.text(0, 3),    r.integer(0, 4), r.integer(0, 5),
                   r.integer(0, 6), r.integer(0, 7), optional_time(r, 0, 8)};
}

QueueEntry read_entry(const Rows& r, int row) {
  QueueEntry e;
  e.event_id = r.text(row, 0);
  e.number = r.integer(row, 1);
  e.order_key = r.integer(row, 2);
  if (!r.is_null(row, 3)) e.account_id = r.text(row, 3);
  e.state = parse_queue_state(r.text(row, 4)).value_or(QueueState::left);
  e.joined_at = from_unix(r.integer(row, 5));
  e.admitted_at = optional_time(r, row, 6);
  e.admitted_until = optional_time(r, row, 7);
  e.notify_email = r.text(row, 8);
  e.notify_phone = r.text(row, 9);
  e.seq = r.integer(row, 10);
  return e;
}

std::vector<QueueEntry> read_entries(const Rows& r) {
  std::vector<QueueEntry> out;
  out.reserve(static_cast<std::size_t>(r.size()));
  for (int i = 0; i < r.size(); ++i) out.push_back(read_entry(r, i));
  return out;
}

std::string optional_unix(const std::optional<TimePoint>& t) {
  return t ? std::to_string(to_unix(*t)) : std::string();
}

}  // namespace

std::optional<QueueRoom> PostgresStorage::lock_room(std::string_view event_id) {
  const auto r = db_.exec(
      (std::string("SELECT ") + kRoomColumns + " FROM queue_rooms WHERE event_id = $1 FOR UPDATE")
          .c_str(),
      {event_id});
  if (r.empty()) return std::nullopt;
  return read_room(r);
}

void PostgresStorage::store_room_counts(const QueueRoom& room) {
  db_.exec(
      "UPDATE queue_rooms SET seq = $1, joined = $2, waiting = $3, admitted = $4 "
      "WHERE event_id = $5",
      {room.seq, room.joined, room.waiting, room.admitted, room.event_id});
}

std::optional<QueueEntry> PostgresStorage::load_entry(std::string_view event_id,
                                                      std::int64_t number) {
  const auto r = db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
                          " FROM queue_entries WHERE event_id = $1 AND number = $2",
                          {event_id, number});
  if (r.empty()) return std::nullopt;
  return read_entry(r, 0);
}

void PostgresStorage::set_entry_state(const QueueEntry& e) {
  db_.exec(
      "UPDATE queue_entries SET state = $1, account_id = NULLIF($2, ''), "
      "admitted_at = NULLIF($3, '')::bigint, admitted_until = NULLIF($4, '')::bigint, seq = $5 "
      "WHERE event_id = $6 AND number = $7",
      {to_string(e.state), e.account_id.value_or(""), optional_unix(e.admitted_at),
       optional_unix(e.admitted_until), e.seq, e.event_id, e.number});
}

QueueRoom PostgresStorage::queue_room(std::string_view event_id,
                                      const std::function<QueueRoom()>& make) {
  const std::string select =
      std::string("SELECT ") + kRoomColumns + " FROM queue_rooms WHERE event_id = $1";
  if (const auto r = db_.exec(select.c_str(), {event_id}); !r.empty()) return read_room(r);
  QueueRoom room = make();
  // A node racing us may insert first: its room stands, and the SELECT after sees it.
  db_.exec(
      "INSERT INTO queue_rooms (event_id, seed, commitment, token_key) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (event_id) DO NOTHING",
      {event_id, room.seed, room.commitment, room.token_key});
  const auto r = db_.exec(select.c_str(), {event_id});
  if (r.empty()) throw StorageError("PostgreSQL: a waiting room vanished after it was stored");
  return read_room(r);
}

std::pair<QueueEntry, bool> PostgresStorage::join_queue(
    const QueueEntry& entry, const std::function<std::int64_t(std::int64_t)>& order_key) {
  Transaction tx(db_);
  auto room = lock_room(entry.event_id);
  if (!room) throw StorageError("no waiting room for event " + entry.event_id);
  if (entry.account_id) {
    const auto r = db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
                            " FROM queue_entries WHERE event_id = $1 AND account_id = $2 "
                            "AND state IN ('waiting', 'admitted')",
                            {entry.event_id, *entry.account_id});
    if (!r.empty()) return {read_entry(r, 0), false};
  }
  QueueEntry e = entry;
  add_to_line(*room, e, order_key);
  db_.exec(
      "INSERT INTO queue_entries (event_id, number, order_key, account_id, state, joined_at, "
      "notify_email, notify_phone, seq) VALUES ($1, $2, $3, NULLIF($4, ''), 'waiting', $5, $6, "
      "$7, $8)",
      {e.event_id, e.number, e.order_key, e.account_id.value_or(""), to_unix(e.joined_at),
       e.notify_email, e.notify_phone, e.seq});
  store_room_counts(*room);
  tx.commit();
  return {e, true};
}

std::optional<QueueEntry> PostgresStorage::queue_entry(std::string_view event_id,
                                                       std::int64_t number) {
  return load_entry(event_id, number);
}

Result<QueueEntry> PostgresStorage::claim_queue_entry(std::string_view event_id,
                                                      std::int64_t number,
                                                      std::string_view account_id) {
  if (auto e = load_entry(event_id, number); e && e->account_id == account_id) return *e;
  Transaction tx(db_);
  auto room = lock_room(event_id);
  auto e = load_entry(event_id, number);
  if (!room || !e) return not_found_error("Queue entry");
  if (e->account_id == account_id) return *e;
  const bool others = !db_.exec(
                              "SELECT 1 FROM queue_entries WHERE event_id = $1 AND "
                              "account_id = $2 AND number <> $3 AND state IN ('waiting', "
                              "'admitted')",
                              {event_id, account_id, number})
                           .empty();
  if (auto claimed = claim_entry(*room, *e, std::string(account_id), others); !claimed)
    return claimed.error();
  set_entry_state(*e);
  store_room_counts(*room);
  tx.commit();
  return *e;
}

bool PostgresStorage::end_entry(std::string_view event_id, std::int64_t number, QueueState why,
                                bool admitted_only) {
  Transaction tx(db_);
  auto room = lock_room(event_id);
  auto e = load_entry(event_id, number);
  if (!room || !e || !boxoffice::end_entry(*room, *e, why, admitted_only)) return false;
  set_entry_state(*e);
  store_room_counts(*room);
  tx.commit();
  return true;
}

bool PostgresStorage::leave_queue(std::string_view event_id, std::int64_t number) {
  return end_entry(event_id, number, QueueState::left, false);
}

bool PostgresStorage::complete_queue_entry(std::string_view event_id, std::string_view account_id) {
  const auto r = db_.exec(
      "SELECT number FROM queue_entries WHERE event_id = $1 AND account_id = $2 "
      "AND state = 'admitted'",
      {event_id, account_id});
  return !r.empty() && end_entry(event_id, r.integer(0, 0), QueueState::completed, true);
}

void PostgresStorage::activate_queue(std::string_view event_id, TimePoint now) {
  db_.exec(
      "UPDATE queue_rooms SET active_since = $1, seq = seq + 1 "
      "WHERE event_id = $2 AND active_since IS NULL",
      {to_unix(now), event_id});
}

Storage::QueueRound PostgresStorage::admit_from_queue(
    std::string_view event_id, TimePoint now, std::chrono::seconds window,
    const std::function<std::int64_t(const QueueRoom&)>& how_many) {
  Transaction tx(db_);
  QueueRound round;
  auto room = lock_room(event_id);
  if (!room) return round;
  const auto seq = room->seq + 1;
  if (room->admitted > 0) {
    round.expired =
        db_.exec(
               "UPDATE queue_entries SET state = 'expired', seq = $1 WHERE event_id = $2 "
               "AND state = 'admitted' AND admitted_until <= $3",
               {seq, event_id, to_unix(now)})
            .affected();
  }
  room->admitted -= round.expired;
  const auto wanted = std::min(how_many(*room), room->waiting);
  if (wanted > 0) {
    round.admitted = read_entries(db_.exec(
        "UPDATE queue_entries SET state = 'admitted', admitted_at = $1, admitted_until = $2, "
        "seq = $3 WHERE (event_id, number) IN (SELECT event_id, number FROM queue_entries "
        "WHERE event_id = $4 AND state = 'waiting' ORDER BY order_key, number LIMIT $5) "
        "RETURNING " BOXOFFICE_ENTRY_COLUMNS,
        {to_unix(now), to_unix(now + window), seq, event_id, wanted}));
  }
  if (round.admitted.empty() && round.expired == 0) return round;
  db_.exec(
      "INSERT INTO queue_notices (event_id, number, channel, address, created_at) "
      "SELECT event_id, number, c.channel, c.address, $1 FROM queue_entries, LATERAL (VALUES "
      "('email', notify_email), ('sms', notify_phone)) AS c (channel, address) "
      "WHERE event_id = $2 AND seq = $3 AND state = 'admitted' AND c.address <> ''",
      {to_unix(now), event_id, seq});
  admit(*room, round.admitted, now, window);
  store_room_counts(*room);
  tx.commit();
  return round;
}

std::vector<std::string> PostgresStorage::busy_queue_rooms() {
  const auto r = db_.exec("SELECT event_id FROM queue_rooms WHERE waiting > 0 OR admitted > 0");
  std::vector<std::string> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(r.text(i, 0));
  return out;
}

std::optional<QueueChanges> PostgresStorage::queue_changes(std::string_view event_id,
                                                           std::int64_t after,
                                                           std::int64_t max_seqs) {
  Transaction tx(db_, Transaction::snapshot);
  const auto r = db_.exec(
      (std::string("SELECT ") + kRoomColumns + " FROM queue_rooms WHERE event_id = $1").c_str(),
      {event_id});
  if (r.empty()) return std::nullopt;
  QueueChanges out{read_room(r), 0, {}};
  out.through = std::max(after, std::min(out.room.seq, after + max_seqs));
  if (out.through > after) {
    out.entries = read_entries(
        db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
                 " FROM queue_entries WHERE event_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
                 {event_id, after, out.through}));
  }
  tx.commit();
  return out;
}

std::vector<QueueEntry> PostgresStorage::queue_log(std::string_view event_id,
                                                   std::int64_t after_number, std::size_t limit) {
  return read_entries(
      db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
               " FROM queue_entries WHERE event_id = $1 AND number > $2 ORDER BY number LIMIT $3",
               {event_id, after_number, static_cast<long long>(limit)}));
}

std::vector<QueueNotice> PostgresStorage::claim_queue_notices(TimePoint now,
                                                              std::chrono::seconds lease,
                                                              std::size_t max) {
  // SKIP LOCKED: nodes claiming at once take different notices instead of waiting on each other.
  const auto r = db_.exec(
      "UPDATE queue_notices SET claimed_until = $1, attempts = attempts + 1 WHERE id IN "
      "(SELECT id FROM queue_notices WHERE delivered_at IS NULL AND claimed_until <= $2 "
      "AND attempts < $3 ORDER BY claimed_until LIMIT $4 FOR UPDATE SKIP LOCKED) "
      "RETURNING id, event_id, number, channel, address, attempts",
      {to_unix(now + lease), to_unix(now), kQueueNoticeAttempts, static_cast<long long>(max)});
  std::vector<QueueNotice> out;
  for (int i = 0; i < r.size(); ++i)
    out.push_back({r.integer(i, 0), r.text(i, 1), r.integer(i, 2), r.text(i, 3), r.text(i, 4),
                   static_cast<int>(r.integer(i, 5))});
  return out;
}

void PostgresStorage::finish_queue_notice(std::int64_t id, bool delivered, TimePoint at,
                                          std::string_view error) {
  db_.exec(delivered ? "UPDATE queue_notices SET delivered_at = $1, last_error = $2 WHERE id = $3"
                     : "UPDATE queue_notices SET claimed_until = $1, last_error = $2 WHERE id = $3",
           {to_unix(at), error, id});
}

#undef BOXOFFICE_ENTRY_COLUMNS

}  // namespace boxoffice::pg
