// Orders on SQLite: a hold becomes an order in one BEGIN IMMEDIATE transaction (its shape is
// storage/write/order_write.cpp; the row operations are here), so the check that the hold is
// still active and the sale of its places cannot be separated.
#include <boost/json/serialize.hpp>

#include "storage/sqlite/sqlite_storage.hpp"

namespace boxoffice::sqlite {
namespace {

constexpr std::string_view kOrderColumns =
    "id, event_id, account_id, hold_id, status, currency, total, buyer_name, buyer_email, "
    "payment_reference, idempotency_key, created_at, payment_method, charged";

}  // namespace

std::optional<Order> SqliteStorage::load_order(std::string_view where_sql, std::string_view a,
                                               std::string_view b) {
  Order o;
  {
    auto s = db_->prepare("SELECT " + std::string(kOrderColumns) + " FROM orders WHERE " +
                          std::string(where_sql));
    s.bind(1, a);
    if (!b.empty()) s.bind(2, b);
    if (!s.step()) return std::nullopt;
    o = {s.text(0),
         s.text(1),
         s.text(2),
         s.text(3),
         parse_order_status(s.text(4)).value_or(OrderStatus::paid),
         s.text(5),
         s.integer(6),
         s.text(7),
         s.text(8),
         s.text(9),
         s.text(10),
         from_unix(s.integer(11)),
         {},
         s.text(12),
         s.integer(13)};
  }
  auto s = db_->prepare(
      "SELECT id, section, seat_id, ticket_type_id, price, fees, code, void_reason, "
      "checked_in_at, voucher_code, voucher_amount FROM tickets WHERE order_id = ? "
      "ORDER BY position");
  s.bind(1, o.id);
  while (s.step()) {
    Ticket t{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5), s.text(6),
             {},        0,         {},        {}};
    if (!s.is_null(7)) t.void_reason = parse_ticket_void(s.text(7));
    if (!s.is_null(8)) t.checked_in_at = from_unix(s.integer(8));
    if (!s.is_null(9)) t.voucher_code = s.text(9);
    t.voucher_amount = s.integer(10);
    o.tickets.push_back(std::move(t));
  }
  return o;
}

std::optional<Order> SqliteStorage::order(std::string_view id) {
  Transaction tx(*db_, Transaction::read);
  return load_order("id = ?", id, "");
}

std::optional<Order> SqliteStorage::order_by_key(std::string_view account_id,
                                                 std::string_view key) {
  Transaction tx(*db_, Transaction::read);
  return load_order("account_id = ? AND idempotency_key = ?", account_id, key);
}

std::vector<Order> SqliteStorage::account_orders(std::string_view account_id,
                                                 std::string_view event_id, std::size_t max) {
  Transaction tx(*db_, Transaction::read);
  std::vector<std::string> ids;
  {
    auto s = db_->prepare(
        "SELECT id FROM orders INDEXED BY orders_by_account WHERE account_id = ?1 AND "
        "(?2 = '' OR event_id = ?2) ORDER BY created_at DESC, id DESC LIMIT ?3");
    s.bind(1, account_id).bind(2, event_id).bind(3, static_cast<std::int64_t>(max));
    while (s.step()) ids.push_back(s.text(0));
  }
  // SQLite runs in this process: a statement per order costs microseconds, not a round trip
  // (PostgreSQL reads them all in one statement).
  std::vector<Order> out;
  for (const auto& id : ids)
    if (auto o = load_order("id = ?", id, "")) out.push_back(std::move(*o));
  return out;
}

std::vector<SalesBucket> SqliteStorage::sales_buckets(std::string_view event_id,
                                                      std::int64_t bucket_seconds) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT o.created_at / ?2 * ?2 AS start, COUNT(DISTINCT o.id), COUNT(t.id), "
      "COALESCE(SUM(t.price + t.fees), 0) FROM orders o JOIN tickets t ON t.order_id = o.id "
      "WHERE o.event_id = ?1 AND " +
      std::string(kSoldTicketSql) + " GROUP BY start ORDER BY start");
  s.bind(1, event_id).bind(2, bucket_seconds);
  std::vector<SalesBucket> out;
  while (s.step())
    out.push_back({from_unix(s.integer(0)), s.integer(1), s.integer(2), s.integer(3)});
  return out;
}

Result<Order> SqliteStorage::insert_order(const Order& o, TimePoint now) {
  WriteTransaction tx(db_, *writer_);
  auto placed = place_order(*this, o, now);
  // The idempotency key was looked up under the same single writer, so it cannot clash here.
  if (!placed) throw StorageError("SQLite: order '" + o.id + "' clashes with a stored order");
  tx.commit();
  return std::move(*placed);
}

std::optional<Order> SqliteStorage::earlier_order(std::string_view account_id,
                                                  std::string_view idempotency_key) {
  return load_order("account_id = ? AND idempotency_key = ?", account_id, idempotency_key);
}

std::vector<TicketType> SqliteStorage::event_ticket_types(std::string_view event_id) {
  return ticket_types(event_id);
}

std::map<std::string, std::int64_t> SqliteStorage::guard_sold(
    std::string_view event_id, const std::vector<std::string>& types) {
  std::map<std::string, std::int64_t> sold;
  for (const auto& type : types) {
    auto s = db_->prepare(
        "SELECT COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.event_id = ? "
        "AND t.ticket_type_id = ? AND " +
        std::string(kValidTicketSql));
    s.bind(1, event_id).bind(2, type);
    if (s.step()) sold[type] = s.integer(0);
  }
  return sold;
}

void SqliteStorage::insert_order_rows(const Order& o) {
  db_->prepare("INSERT INTO orders (" + std::string(kOrderColumns) +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, o.id)
      .bind(2, o.event_id)
      .bind(3, o.account_id)
      .bind(4, o.hold_id)
      .bind(5, to_string(o.status))
      .bind(6, o.currency)
      .bind(7, o.total)
      .bind(8, o.buyer_name)
      .bind(9, o.buyer_email)
      .bind(10, o.payment_reference)
      .bind(11, o.idempotency_key)
      .bind(12, to_unix(o.created_at))
      .bind(13, o.payment_method)
      .bind(14, o.charged)
      .run();
  std::int64_t position = 0;
  for (const auto& t : o.tickets) {
    db_->prepare(
           "INSERT INTO tickets (id, order_id, event_id, position, section, seat_id, "
           "ticket_type_id, price, fees, code, voucher_code, voucher_amount) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?)")
        .bind(1, t.id)
        .bind(2, o.id)
        .bind(3, o.event_id)
        .bind(4, position++)
        .bind(5, t.section)
        .bind(6, t.seat_id)
        .bind(7, t.ticket_type_id)
        .bind(8, t.price)
        .bind(9, t.fees)
        .bind(10, t.code)
        .bind(11, t.voucher_code)
        .bind(12, t.voucher_amount)
        .run();
  }
}

bool SqliteStorage::write_order(const Order& o, const Hold& hold) {
  insert_order_rows(o);
  db_->prepare(
         "UPDATE event_seats SET state = 'sold', order_id = ? WHERE event_id = ? AND hold_id = ? "
         "AND state = 'held'")
      .bind(1, o.id)
      .bind(2, o.event_id)
      .bind(3, o.hold_id)
      .run();
  for (const auto& item : hold.items) {
    if (!item.seat_id.empty()) continue;
    db_->prepare(
           "UPDATE event_areas SET held = held - ?1, sold = sold + ?1 WHERE event_id = ?2 AND "
           "section = ?3")
        .bind(1, item.quantity)
        .bind(2, o.event_id)
        .bind(3, item.section)
        .run();
  }
  db_->prepare("UPDATE holds SET status = 'purchased' WHERE id = ? AND status = 'active'")
      .bind(1, o.hold_id)
      .run();
  if (db_->changes() != 1)
    throw StorageError("SQLite: hold '" + o.hold_id + "' ended under the write lock");
  return true;
}

SqliteStorage::KeyPair SqliteStorage::event_keys(std::string_view event_id,
                                                 const std::function<KeyPair()>& generate) {
  WriteTransaction tx(db_, *writer_);
  {
    auto s = db_->prepare("SELECT public_key, secret_key FROM event_keys WHERE event_id = ?");
    s.bind(1, event_id);
    if (s.step()) return {s.text(0), s.text(1)};
  }
  auto keys = generate();
  db_->prepare("INSERT INTO event_keys (event_id, public_key, secret_key) VALUES (?, ?, ?)")
      .bind(1, event_id)
      .bind(2, keys.first)
      .bind(3, keys.second)
      .run();
  tx.commit();
  return keys;
}

}  // namespace boxoffice::sqlite
