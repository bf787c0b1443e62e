// Waiting rooms on PostgreSQL: the row operations of storage/write/queue_rows.hpp (the
// transactions are storage/write/queue_write.cpp's) and the reads. Every write locks the room's
// row first (guard_room) and keeps the lock to COMMIT: writes to one room, from any node, run one
// after another, so the seq they stamp follows commit order and the room's counts stay exact.
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

// READ COMMITTED: each statement sees what was committed before it; guard_room's row lock, taken
// first by every write to the room, is what keeps the rows read as read until COMMIT.
void PostgresStorage::in_write(const std::function<bool()>& body) {
  Transaction tx(db_);
  if (body()) tx.commit();
}

void PostgresStorage::in_snapshot(const std::function<void()>& body) {
  Transaction tx(db_, Transaction::snapshot);
  body();
  tx.commit();
}

std::optional<QueueRoom> PostgresStorage::load_room(std::string_view event_id) {
  const auto r = db_.exec(
      (std::string("SELECT ") + kRoomColumns + " FROM queue_rooms WHERE event_id = $1").c_str(),
      {event_id});
  if (r.empty()) return std::nullopt;
  return read_room(r);
}

std::optional<QueueEntry> PostgresStorage::load_entry(std::string_view event_id,
                                                      std::int64_t number) {
  const auto r = db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
                          " FROM queue_entries WHERE event_id = $1 AND number = $2",
                          {event_id, number});
  if (r.empty()) return std::nullopt;
  return read_entry(r, 0);
}

std::optional<QueueEntry> PostgresStorage::load_live_entry(std::string_view event_id,
                                                           std::string_view account_id) {
  const auto r = db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
                          " FROM queue_entries WHERE event_id = $1 AND account_id = $2 "
                          "AND state IN ('waiting', 'admitted')",
                          {event_id, account_id});
  if (r.empty()) return std::nullopt;
  return read_entry(r, 0);
}

std::vector<QueueEntry> PostgresStorage::changed_entries(std::string_view event_id,
                                                         std::int64_t after, std::int64_t through) {
  return read_entries(
      db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
               " FROM queue_entries WHERE event_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
               {event_id, after, through}));
}

// The room's row FOR UPDATE: writes to one room, from any node, wait for each other here. Queue
// transactions lock nothing else before it and no rows of the sale, so they take no part in the
// sale's lock order (postgres_storage.hpp).
std::optional<QueueRoom> PostgresStorage::guard_room(std::string_view event_id) {
  const auto r = db_.exec(
      (std::string("SELECT ") + kRoomColumns + " FROM queue_rooms WHERE event_id = $1 FOR UPDATE")
          .c_str(),
      {event_id});
  if (r.empty()) return std::nullopt;
  return read_room(r);
}

// ON CONFLICT DO NOTHING: a node storing the room at the same time makes this wait for its COMMIT
// and then do nothing; the next statement (READ COMMITTED) sees that room.
void PostgresStorage::insert_room(const QueueRoom& room) {
  db_.exec(
      "INSERT INTO queue_rooms (event_id, seed, commitment, token_key) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (event_id) DO NOTHING",
      {room.event_id, room.seed, room.commitment, room.token_key});
}

void PostgresStorage::store_room(const QueueRoom& room) {
  db_.exec(
      "UPDATE queue_rooms SET seq = $1, joined = $2, waiting = $3, admitted = $4, "
      "active_since = NULLIF($5, '')::bigint WHERE event_id = $6",
      {room.seq, room.joined, room.waiting, room.admitted, optional_unix(room.active_since),
       room.event_id});
}

void PostgresStorage::insert_entry(const QueueEntry& e) {
  db_.exec(
      "INSERT INTO queue_entries (event_id, number, order_key, account_id, state, joined_at, "
      "notify_email, notify_phone, seq) VALUES ($1, $2, $3, NULLIF($4, ''), 'waiting', $5, $6, "
      "$7, $8)",
      {e.event_id, e.number, e.order_key, e.account_id.value_or(""), to_unix(e.joined_at),
       e.notify_email, e.notify_phone, e.seq});
}

void PostgresStorage::store_entry(const QueueEntry& e) {
  db_.exec(
      "UPDATE queue_entries SET state = $1, account_id = NULLIF($2, ''), "
      "admitted_at = NULLIF($3, '')::bigint, admitted_until = NULLIF($4, '')::bigint, seq = $5 "
      "WHERE event_id = $6 AND number = $7",
      {to_string(e.state), e.account_id.value_or(""), optional_unix(e.admitted_at),
       optional_unix(e.admitted_until), e.seq, e.event_id, e.number});
}

std::int64_t PostgresStorage::expire_admitted(std::string_view event_id, TimePoint now,
                                              std::int64_t seq) {
  return db_
      .exec(
          "UPDATE queue_entries SET state = 'expired', seq = $1 WHERE event_id = $2 "
          "AND state = 'admitted' AND admitted_until <= $3",
          {seq, event_id, to_unix(now)})
      .affected();
}

std::vector<QueueEntry> PostgresStorage::next_in_line(std::string_view event_id, std::int64_t max) {
  return read_entries(db_.exec("SELECT " BOXOFFICE_ENTRY_COLUMNS
                               " FROM queue_entries WHERE event_id = $1 AND state = 'waiting' "
                               "ORDER BY order_key, number LIMIT $2",
                               {event_id, max}));
}

// One statement, one round trip: the entries' new state from arrays, and their notices from the
// rows it updated.
void PostgresStorage::store_admitted(std::string_view event_id,
                                     const std::vector<QueueEntry>& entries, TimePoint now) {
  std::vector<std::string> numbers, at, until, seqs;
  for (const auto& e : entries) {
    numbers.push_back(std::to_string(e.number));
    at.push_back(optional_unix(e.admitted_at));
    until.push_back(optional_unix(e.admitted_until));
    seqs.push_back(std::to_string(e.seq));
  }
  db_.exec(
      "WITH admitted AS (UPDATE queue_entries q SET state = 'admitted', admitted_at = a.at, "
      "admitted_until = a.until, seq = a.seq FROM unnest($2::bigint[], $3::bigint[], "
      "$4::bigint[], $5::bigint[]) AS a (number, at, until, seq) "
      "WHERE q.event_id = $1 AND q.number = a.number "
      "RETURNING q.event_id, q.number, q.notify_email, q.notify_phone) "
      "INSERT INTO queue_notices (event_id, number, channel, address, created_at) "
      "SELECT a.event_id, a.number, c.channel, c.address, $6 FROM admitted a, LATERAL (VALUES "
      "('email', a.notify_email), ('sms', a.notify_phone)) AS c (channel, address) "
      "WHERE c.address <> ''",
      {event_id, text_array(numbers), text_array(at), text_array(until), text_array(seqs),
       to_unix(now)});
}

QueueRoom PostgresStorage::queue_room(std::string_view event_id,
                                      const std::function<QueueRoom()>& make) {
  return queue_write::queue_room(*this, event_id, make);
}

std::pair<QueueEntry, bool> PostgresStorage::join_queue(
    const QueueEntry& entry, const std::function<std::int64_t(std::int64_t)>& order_key) {
  return queue_write::join_queue(*this, entry, order_key);
}

std::optional<QueueEntry> PostgresStorage::queue_entry(std::string_view event_id,
                                                       std::int64_t number) {
  return load_entry(event_id, number);
}

Result<QueueEntry> PostgresStorage::claim_queue_entry(std::string_view event_id,
                                                      std::int64_t number,
                                                      std::string_view account_id,
                                                      std::chrono::seconds window, TimePoint now) {
  return queue_write::claim_queue_entry(*this, event_id, number, account_id, window, now);
}

bool PostgresStorage::leave_queue(std::string_view event_id, std::int64_t number) {
  return queue_write::leave_queue(*this, event_id, number);
}

bool PostgresStorage::complete_queue_entry(std::string_view event_id, std::string_view account_id) {
  return queue_write::complete_queue_entry(*this, event_id, account_id);
}

void PostgresStorage::activate_queue(std::string_view event_id, TimePoint now) {
  queue_write::activate_queue(*this, event_id, now);
}

Storage::QueueRound PostgresStorage::admit_from_queue(
    std::string_view event_id, TimePoint now, CheckoutWindow window,
    const std::function<std::int64_t(const QueueRoom&)>& how_many) {
  return queue_write::admit_from_queue(*this, event_id, now, window, how_many);
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
  return queue_write::queue_changes(*this, event_id, after, max_seqs);
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
