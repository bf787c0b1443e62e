// Waiting rooms on SQLite: the row operations of storage/write/queue_rows.hpp (the transactions
// are storage/write/queue_write.cpp's) and the reads. Writes run under the process's single
// writer (the group commit), which already orders them.
#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice::sqlite {
namespace {

constexpr std::string_view kEntryColumns =
    "event_id, number, order_key, account_id, state, joined_at, admitted_at, admitted_until, "
    "notify_email, notify_phone, seq";

std::optional<TimePoint> optional_time(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return from_unix(s.integer(column));
}

QueueEntry read_entry(const Statement& s) {
  QueueEntry e;
  e.event_id = s.text(0);
  e.number = s.integer(1);
  e.order_key = s.integer(2);
  if (!s.is_null(3)) e.account_id = s.text(3);
  e.state = parse_queue_state(s.text(4)).value_or(QueueState::left);
  e.joined_at = from_unix(s.integer(5));
  e.admitted_at = optional_time(s, 6);
  e.admitted_until = optional_time(s, 7);
  e.notify_email = s.text(8);
  e.notify_phone = s.text(9);
  e.seq = s.integer(10);
  return e;
}

// `index`, when given, is forced: SQLite 3.40 plans a lookup by account or by state with the
// primary key (event_id, number), which walks every entry of the room, a million in a big line.
std::string select_entries(std::string_view where, std::string_view index = {}) {
  std::string sql = "SELECT " + std::string(kEntryColumns) + " FROM queue_entries ";
  if (!index.empty()) sql += "INDEXED BY " + std::string(index) + " ";
  return sql + "WHERE " + std::string(where);
}

}  // namespace

// The write transaction is the process's group commit: one writer at a time, so what a
// transaction reads stays as read until it ends, and guard_room needs no lock of its own.
void SqliteStorage::in_write(const std::function<bool()>& body) {
  WriteTransaction tx(db_, *writer_);
  if (body()) tx.commit();
}

void SqliteStorage::in_snapshot(const std::function<void()>& body) {
  Transaction tx(*db_, Transaction::read);
  body();
}

std::optional<QueueRoom> SqliteStorage::load_room(std::string_view event_id) {
  auto s = db_->prepare(
      "SELECT event_id, seed, commitment, token_key, seq, joined, waiting, admitted, "
      "active_since FROM queue_rooms WHERE event_id = ?");
  s.bind(1, event_id);
  if (!s.step()) return std::nullopt;
  return QueueRoom{s.text(0),    s.text(1),    s.text(2),    s.text(3),          s.integer(4),
                   s.integer(5), s.integer(6), s.integer(7), optional_time(s, 8)};
}

std::optional<QueueEntry> SqliteStorage::load_entry(std::string_view event_id,
                                                    std::int64_t number) {
  auto s = db_->prepare(select_entries("event_id = ? AND number = ?"));
  s.bind(1, event_id).bind(2, number);
  if (!s.step()) return std::nullopt;
  return read_entry(s);
}

std::optional<QueueEntry> SqliteStorage::load_live_entry(std::string_view event_id,
                                                         std::string_view account_id) {
  auto s = db_->prepare(
      select_entries("event_id = ? AND account_id = ? AND state IN ('waiting', 'admitted')",
                     "queue_entries_by_account"));
  s.bind(1, event_id).bind(2, account_id);
  if (!s.step()) return std::nullopt;
  return read_entry(s);
}

std::vector<QueueEntry> SqliteStorage::changed_entries(std::string_view event_id,
                                                       std::int64_t after, std::int64_t through) {
  auto s = db_->prepare(select_entries("event_id = ? AND seq > ? AND seq <= ? ORDER BY seq"));
  s.bind(1, event_id).bind(2, after).bind(3, through);
  std::vector<QueueEntry> out;
  while (s.step()) out.push_back(read_entry(s));
  return out;
}

std::optional<QueueRoom> SqliteStorage::guard_room(std::string_view event_id) {
  return load_room(event_id);
}

void SqliteStorage::insert_room(const QueueRoom& room) {
  db_->prepare(
         "INSERT INTO queue_rooms (event_id, seed, commitment, token_key) VALUES (?, ?, ?, ?) "
         "ON CONFLICT (event_id) DO NOTHING")
      .bind(1, room.event_id)
      .bind(2, room.seed)
      .bind(3, room.commitment)
      .bind(4, room.token_key)
      .run();
}

void SqliteStorage::store_room(const QueueRoom& room) {
  auto s = db_->prepare(
      "UPDATE queue_rooms SET seq = ?, joined = ?, waiting = ?, admitted = ?, active_since = ? "
      "WHERE event_id = ?");
  s.bind(1, room.seq).bind(2, room.joined).bind(3, room.waiting).bind(4, room.admitted);
  if (room.active_since) {
    s.bind(5, to_unix(*room.active_since));
  } else {
    s.bind_null(5);
  }
  s.bind(6, room.event_id).run();
}

void SqliteStorage::insert_entry(const QueueEntry& e) {
  auto s = db_->prepare(
      "INSERT INTO queue_entries (event_id, number, order_key, account_id, state, joined_at, "
      "notify_email, notify_phone, seq) VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?, ?)");
  s.bind(1, e.event_id).bind(2, e.number).bind(3, e.order_key);
  if (e.account_id) {
    s.bind(4, *e.account_id);
  } else {
    s.bind_null(4);
  }
  s.bind(5, to_unix(e.joined_at)).bind(6, e.notify_email).bind(7, e.notify_phone).bind(8, e.seq);
  s.run();
}

void SqliteStorage::store_entry(const QueueEntry& e) {
  auto s = db_->prepare(
      "UPDATE queue_entries SET state = ?, account_id = ?, admitted_at = ?, admitted_until = ?, "
      "seq = ? WHERE event_id = ? AND number = ?");
  s.bind(1, to_string(e.state));
  if (e.account_id) {
    s.bind(2, *e.account_id);
  } else {
    s.bind_null(2);
  }
  if (e.admitted_at) {
    s.bind(3, to_unix(*e.admitted_at)).bind(4, to_unix(*e.admitted_until));
  } else {
    s.bind_null(3).bind_null(4);
  }
  s.bind(5, e.seq).bind(6, e.event_id).bind(7, e.number).run();
}

std::int64_t SqliteStorage::expire_admitted(std::string_view event_id, TimePoint now,
                                            std::int64_t seq) {
  // Forced, as in select_entries: this runs four times a second under the one writer.
  db_->prepare(
         "UPDATE queue_entries INDEXED BY queue_entries_in_line SET state = 'expired', seq = ? "
         "WHERE event_id = ? AND state = 'admitted' AND admitted_until <= ?")
      .bind(1, seq)
      .bind(2, event_id)
      .bind(3, to_unix(now))
      .run();
  return db_->changes();
}

std::vector<QueueEntry> SqliteStorage::next_in_line(std::string_view event_id, std::int64_t max) {
  auto s = db_->prepare(
      select_entries("event_id = ? AND state = 'waiting' ORDER BY order_key, number LIMIT ?",
                     "queue_entries_in_line"));
  s.bind(1, event_id).bind(2, max);
  std::vector<QueueEntry> out;
  while (s.step()) out.push_back(read_entry(s));
  return out;
}

void SqliteStorage::store_admitted(std::string_view event_id,
                                   const std::vector<QueueEntry>& entries, TimePoint now) {
  for (const auto& e : entries) {
    store_entry(e);
    for (const auto& [channel, address] :
         {std::pair<std::string_view, const std::string&>{"email", e.notify_email},
          {"sms", e.notify_phone}}) {
      if (address.empty()) continue;
      db_->prepare(
             "INSERT INTO queue_notices (event_id, number, channel, address, created_at) "
             "VALUES (?, ?, ?, ?, ?)")
          .bind(1, event_id)
          .bind(2, e.number)
          .bind(3, channel)
          .bind(4, address)
          .bind(5, to_unix(now))
          .run();
    }
  }
}

QueueRoom SqliteStorage::queue_room(std::string_view event_id,
                                    const std::function<QueueRoom()>& make) {
  return queue_write::queue_room(*this, event_id, make);
}

std::pair<QueueEntry, bool> SqliteStorage::join_queue(
    const QueueEntry& entry, const std::function<std::int64_t(std::int64_t)>& order_key) {
  return queue_write::join_queue(*this, entry, order_key);
}

std::optional<QueueEntry> SqliteStorage::queue_entry(std::string_view event_id,
                                                     std::int64_t number) {
  return load_entry(event_id, number);
}

Result<QueueEntry> SqliteStorage::claim_queue_entry(std::string_view event_id, std::int64_t number,
                                                    std::string_view account_id,
                                                    std::chrono::seconds window, TimePoint now) {
  return queue_write::claim_queue_entry(*this, event_id, number, account_id, window, now);
}

bool SqliteStorage::leave_queue(std::string_view event_id, std::int64_t number) {
  return queue_write::leave_queue(*this, event_id, number);
}

bool SqliteStorage::complete_queue_entry(std::string_view event_id, std::string_view account_id) {
  return queue_write::complete_queue_entry(*this, event_id, account_id);
}

void SqliteStorage::activate_queue(std::string_view event_id, TimePoint now) {
  queue_write::activate_queue(*this, event_id, now);
}

Storage::QueueRound SqliteStorage::admit_from_queue(
    std::string_view event_id, TimePoint now, CheckoutWindow window,
    const std::function<std::int64_t(const QueueRoom&)>& how_many) {
  return queue_write::admit_from_queue(*this, event_id, now, window, how_many);
}

std::vector<std::string> SqliteStorage::busy_queue_rooms() {
  auto s = db_->prepare("SELECT event_id FROM queue_rooms WHERE waiting > 0 OR admitted > 0");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<QueueChanges> SqliteStorage::queue_changes(std::string_view event_id,
                                                         std::int64_t after,
                                                         std::int64_t max_seqs) {
  return queue_write::queue_changes(*this, event_id, after, max_seqs);
}

std::vector<QueueEntry> SqliteStorage::queue_log(std::string_view event_id,
                                                 std::int64_t after_number, std::size_t limit) {
  auto s = db_->prepare(select_entries("event_id = ? AND number > ? ORDER BY number LIMIT ?"));
  s.bind(1, event_id).bind(2, after_number).bind(3, static_cast<std::int64_t>(limit));
  std::vector<QueueEntry> out;
  while (s.step()) out.push_back(read_entry(s));
  return out;
}

std::vector<QueueNotice> SqliteStorage::claim_queue_notices(TimePoint now,
                                                            std::chrono::seconds lease,
                                                            std::size_t max) {
  WriteTransaction tx(db_, *writer_);
  auto s = db_->prepare(
      "UPDATE queue_notices SET claimed_until = ?, attempts = attempts + 1 WHERE id IN "
      "(SELECT id FROM queue_notices WHERE delivered_at IS NULL AND claimed_until <= ? "
      "AND attempts < ? ORDER BY claimed_until LIMIT ?) "
      "RETURNING id, event_id, number, channel, address, attempts");
  s.bind(1, to_unix(now + lease))
      .bind(2, to_unix(now))
      .bind(3, std::int64_t{kQueueNoticeAttempts})
      .bind(4, static_cast<std::int64_t>(max));
  std::vector<QueueNotice> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.integer(2), s.text(3), s.text(4),
                   static_cast<int>(s.integer(5))});
  tx.commit();
  return out;
}

void SqliteStorage::finish_queue_notice(std::int64_t id, bool delivered, TimePoint at,
                                        std::string_view error) {
  WriteTransaction tx(db_, *writer_);
  auto s = db_->prepare(
      delivered ? "UPDATE queue_notices SET delivered_at = ?, last_error = ? WHERE id = ?"
                : "UPDATE queue_notices SET claimed_until = ?, last_error = ? WHERE id = ?");
  s.bind(1, to_unix(at)).bind(2, error).bind(3, id).run();
  tx.commit();
}

}  // namespace boxoffice::sqlite
