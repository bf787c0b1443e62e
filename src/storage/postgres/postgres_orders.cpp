// Orders on PostgreSQL, where several server processes may sell the places of one event at once.
// A hold becomes an order in one READ COMMITTED transaction (its shape is
// storage/write/order_write.cpp; the row operations are here) that takes, in the lock order of
// postgres_storage.hpp:
//   - the event's row FOR KEY SHARE, as holds do: orders run side by side, but not beside a
//     manager's change of the event's caps, layout or blocks;
//   - the hold's row FOR UPDATE, so that the hold cannot end, expire, shrink or be bought twice
//     while it is checked and sold (its places, read after the lock, must match the tickets); a
//     request with the same idempotency key that bought it first has committed once the lock is
//     granted, so its order is found;
//   - when a ticket type with a quota is involved, the event's quota advisory lock, so that the
//     tickets already sold are counted and the new ones written by one buyer at a time.
// Two requests with one idempotency key but different holds meet at the UNIQUE constraint on
// (account_id, idempotency_key): the loser rolls back and returns the winner's order.
#include <map>
#include <set>

#include "storage/postgres/postgres_storage.hpp"

namespace boxoffice::pg {
namespace {

// An order with its tickets: one row per ticket (or one row with NULL ticket columns for an order
// without tickets), in ticket order.
constexpr const char* kOrderColumns =
    "SELECT o.id, o.event_id, o.account_id, o.hold_id, o.status, o.currency, o.total, "
    "o.buyer_name, o.buyer_email, o.payment_reference, o.idempotency_key, o.created_at, t.id, "
    "t.section, t.seat_id, t.ticket_type_id, t.price, t.fees, t.code, t.void_reason, "
    "t.checked_in_at, t.voucher_code, t.voucher_amount, o.payment_method, o.charged "
    "FROM orders o LEFT JOIN tickets t ON t.order_id = o.id WHERE ";

}  // namespace

std::vector<Order> PostgresStorage::load_orders(const std::string& where,
                                                std::initializer_list<Param> params) {
  const auto r = db_.exec((std::string(kOrderColumns) + where + ", t.position").c_str(), params);
  std::vector<Order> out;
  for (int row = 0; row < r.size(); ++row) {
    if (out.empty() || out.back().id != r.text(row, 0)) {
      const auto status = parse_order_status(r.text(row, 4));
      if (!status) throw StorageError("unknown order status '" + r.text(row, 4) + "'");
      out.push_back({r.text(row, 0),
                     r.text(row, 1),
                     r.text(row, 2),
                     r.text(row, 3),
                     *status,
                     r.text(row, 5),
                     r.integer(row, 6),
                     r.text(row, 7),
                     r.text(row, 8),
                     r.text(row, 9),
                     r.text(row, 10),
                     from_unix(r.integer(row, 11)),
                     {},
                     r.text(row, 23),
                     r.integer(row, 24)});
    }
    if (r.is_null(row, 12)) continue;
    Ticket t{r.text(row, 12),
             r.text(row, 13),
             r.text(row, 14),
             r.text(row, 15),
             r.integer(row, 16),
             r.integer(row, 17),
             r.text(row, 18),
             {},
             0,
             {},
             {}};
    if (!r.is_null(row, 19)) t.void_reason = parse_ticket_void(r.text(row, 19));
    if (!r.is_null(row, 20)) t.checked_in_at = from_unix(r.integer(row, 20));
    if (!r.is_null(row, 21)) t.voucher_code = r.text(row, 21);
    t.voucher_amount = r.integer(row, 22);
    out.back().tickets.push_back(std::move(t));
  }
  return out;
}

std::optional<Order> PostgresStorage::load_order(const char* where,
                                                 std::initializer_list<Param> params) {
  auto orders = load_orders(std::string(where) + " ORDER BY o.id", params);
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

std::optional<Order> PostgresStorage::order(std::string_view id) {
  return load_order("o.id = $1", {id});
}

std::optional<Order> PostgresStorage::order_by_key(std::string_view account_id,
                                                   std::string_view idempotency_key) {
  return load_order("o.account_id = $1 AND o.idempotency_key = $2", {account_id, idempotency_key});
}

std::vector<Order> PostgresStorage::account_orders(std::string_view account_id,
                                                   std::string_view event_id, std::size_t max) {
  // One statement: the newest `max` orders with all their tickets.
  return load_orders(
      "o.id IN (SELECT id FROM orders WHERE account_id = $1 AND ($2 = '' OR event_id = $2) "
      "ORDER BY created_at DESC, id COLLATE \"C\" DESC LIMIT $3::bigint) "
      "ORDER BY o.created_at DESC, o.id COLLATE \"C\" DESC",
      {account_id, event_id, std::to_string(max)});
}

std::vector<SalesBucket> PostgresStorage::sales_buckets(std::string_view event_id,
                                                        std::int64_t bucket_seconds) {
  const auto r = db_.exec(
      "SELECT o.created_at / $2::bigint * $2::bigint AS start, COUNT(DISTINCT o.id), "
      "COUNT(t.id), COALESCE(SUM(t.price + t.fees), 0) FROM orders o "
      "JOIN tickets t ON t.order_id = o.id WHERE o.event_id = $1 AND " +
          std::string(kSoldTicketSql) + " GROUP BY start ORDER BY start",
      {event_id, std::to_string(bucket_seconds)});
  std::vector<SalesBucket> out;
  for (int row = 0; row < r.size(); ++row)
    out.push_back(
        {from_unix(r.integer(row, 0)), r.integer(row, 1), r.integer(row, 2), r.integer(row, 3)});
  return out;
}

Result<Order> PostgresStorage::insert_order(const Order& o, TimePoint now) {
  {
    Transaction tx(db_);
    if (auto placed = place_order(*this, o, now)) {
      tx.commit();
      return std::move(*placed);
    }
  }
  // Another request with this idempotency key committed its order first: that order is the answer.
  if (auto earlier = order_by_key(o.account_id, o.idempotency_key)) return std::move(*earlier);
  throw StorageError("PostgreSQL: order '" + o.id + "' clashes with a stored order");
}

std::optional<Order> PostgresStorage::earlier_order(std::string_view account_id,
                                                    std::string_view idempotency_key) {
  return load_order("o.account_id = $1 AND o.idempotency_key = $2", {account_id, idempotency_key});
}

std::vector<TicketType> PostgresStorage::event_ticket_types(std::string_view event_id) {
  return ticket_types(event_id);
}

std::map<std::string, std::int64_t> PostgresStorage::guard_sold(
    std::string_view event_id, const std::vector<std::string>& types) {
  db_.exec("SELECT pg_advisory_xact_lock(hashtext($1), hashtext('quota'))", {event_id});
  // A new statement: it sees every order committed by whoever held the lock before.
  const auto r = db_.exec(
      "SELECT t.ticket_type_id, COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id "
      "WHERE t.event_id = $1 AND t.ticket_type_id = ANY ($2::text[]) AND " +
          std::string(kValidTicketSql) + " GROUP BY t.ticket_type_id",
      {event_id, text_array(types)});
  std::map<std::string, std::int64_t> sold;
  for (int row = 0; row < r.size(); ++row) sold[r.text(row, 0)] = r.integer(row, 1);
  return sold;
}

bool PostgresStorage::insert_order_rows(const Order& o) {
  if (!db_.try_insert(
          "INSERT INTO orders (id, event_id, account_id, hold_id, status, currency, total, "
          "buyer_name, buyer_email, payment_reference, idempotency_key, created_at, "
          "payment_method, charged) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
          {o.id, o.event_id, o.account_id, o.hold_id, std::string(to_string(o.status)), o.currency,
           o.total, o.buyer_name, o.buyer_email, o.payment_reference, o.idempotency_key,
           to_unix(o.created_at), o.payment_method, o.charged}))
    return false;
  if (!o.tickets.empty()) {
    std::vector<std::string> ids, sections, seat_ids, types_of, prices, fees, codes, vouchers,
        voucher_amounts;
    for (const auto& t : o.tickets) {
      ids.push_back(t.id);
      sections.push_back(t.section);
      seat_ids.push_back(t.seat_id);
      types_of.push_back(t.ticket_type_id);
      prices.push_back(std::to_string(t.price));
      fees.push_back(std::to_string(t.fees));
      codes.push_back(t.code);
      vouchers.push_back(t.voucher_code);
      voucher_amounts.push_back(std::to_string(t.voucher_amount));
    }
    db_.exec(
        "INSERT INTO tickets (id, order_id, event_id, position, section, seat_id, ticket_type_id, "
        "price, fees, code, voucher_code, voucher_amount) "
        "SELECT t.id, $1, $2, t.n - 1, t.section, t.seat_id, t.type_id, t.price::BIGINT, "
        "t.fees::BIGINT, t.code, NULLIF(t.voucher, ''), t.voucher_amount::BIGINT "
        "FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
        "$9::text[], $10::text[], $11::text[]) WITH ORDINALITY "
        "AS t (id, section, seat_id, type_id, price, fees, code, voucher, voucher_amount, n)",
        {o.id, o.event_id, text_array(ids), text_array(sections), text_array(seat_ids),
         text_array(types_of), text_array(prices), text_array(fees), text_array(codes),
         text_array(vouchers), text_array(voucher_amounts)});
  }
  return true;
}

bool PostgresStorage::write_order(const Order& o, const Hold& held) {
  if (!insert_order_rows(o)) return false;
  // Only this hold's seats, which nobody else touches while its row is locked.
  db_.exec(
      "UPDATE event_seats SET state = 'sold', order_id = $1 WHERE event_id = $2 AND hold_id = $3 "
      "AND state = 'held'",
      {o.id, o.event_id, o.hold_id});
  // Standing areas in section byte order, as insert_hold locks them.
  std::map<std::string, std::int64_t> standing;
  for (const auto& item : held.items)
    if (item.seat_id.empty()) standing[item.section] += item.quantity;
  for (const auto& [section, quantity] : standing)
    db_.exec(
        "UPDATE event_areas SET held = held - $1, sold = sold + $1 WHERE event_id = $2 AND "
        "section = $3",
        {quantity, o.event_id, section});
  if (db_.exec("UPDATE holds SET status = 'purchased' WHERE id = $1 AND status = 'active'",
               {o.hold_id})
          .affected() != 1)
    throw StorageError("PostgreSQL: hold '" + o.hold_id + "' ended under its lock");
  return true;
}

PostgresStorage::KeyPair PostgresStorage::event_keys(std::string_view event_id,
                                                     const std::function<KeyPair()>& generate) {
  const auto stored = [&] {
    return db_.exec("SELECT public_key, secret_key FROM event_keys WHERE event_id = $1",
                    {event_id});
  };
  if (const auto r = stored(); !r.empty()) return {r.text(0, 0), r.text(0, 1)};
  const auto keys = generate();
  // A node racing us may insert first: its pair stands, and the SELECT after sees it (the INSERT
  // waits for that node's transaction to end before it gives up on the row).
  db_.exec(
      "INSERT INTO event_keys (event_id, public_key, secret_key) VALUES ($1, $2, $3) "
      "ON CONFLICT (event_id) DO NOTHING",
      {event_id, keys.first, keys.second});
  const auto r = stored();
  if (r.empty())
    throw StorageError("PostgreSQL: the keys of event '" + std::string(event_id) +
                       "' vanished after they were stored");
  return {r.text(0, 0), r.text(0, 1)};
}

}  // namespace boxoffice::pg
