// After the sale on SQLite: settlements of cancelled events, refunds, credit and vouchers. The
// order's settlement transaction is storage/write/settlement_write.cpp; its row operations are
// here. SQLite has one writer at a time, so a row read in a write transaction stays as read.
#include "storage/sqlite/sqlite_storage.hpp"
#include "storage/write/hold_end.hpp"
#include "storage/write/settlement_write.hpp"

namespace boxoffice::sqlite {
namespace {

constexpr const char* kSettlementColumns =
    "SELECT event_id, resolution, rescheduled_event_id, choice_deadline, created_at, finished_at "
    "FROM settlements ";

Settlement read_settlement(const Statement& s) {
  Settlement out;
  out.event_id = s.text(0);
  out.resolution = parse_resolution(s.text(1)).value_or(Resolution::refund);
  if (!s.is_null(2)) out.rescheduled_event_id = s.text(2);
  if (!s.is_null(3)) out.choice_deadline = from_unix(s.integer(3));
  out.created_at = from_unix(s.integer(4));
  if (!s.is_null(5)) out.finished_at = from_unix(s.integer(5));
  return out;
}

// A refund with its order's event and charge.
constexpr std::string_view kRefundSelect =
    "SELECT r.id, r.order_id, r.amount, r.currency, r.method, r.reason, r.created_at, "
    "o.payment_reference, r.reference, o.event_id FROM refunds r JOIN orders o ON "
    "o.id = r.order_id";

RefundRecord read_refund(const Statement& s) {
  RefundRecord r;
  r.id = s.text(0);
  r.order_id = s.text(1);
  r.amount = s.integer(2);
  r.currency = s.text(3);
  r.method = s.text(4);
  r.reason = s.text(5);
  r.created_at = from_unix(s.integer(6));
  r.charge_reference = s.text(7);
  r.reference = s.text(8);
  r.event_id = s.text(9);
  return r;
}

constexpr std::string_view kVoucherSelect =
    "SELECT code, account_id, event_id, value, currency, status, ticket_id, created_at FROM "
    "vouchers";

Voucher read_voucher(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.integer(3),
          s.text(4), s.text(5), s.text(6), from_unix(s.integer(7))};
}

}  // namespace

void SqliteStorage::insert_settlement(const Settlement& st) {
  auto s = db_->prepare(
      "INSERT INTO settlements (event_id, resolution, rescheduled_event_id, choice_deadline, "
      "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING");
  s.bind(1, st.event_id).bind(2, to_string(st.resolution));
  if (st.rescheduled_event_id)
    s.bind(3, *st.rescheduled_event_id);
  else
    s.bind_null(3);
  if (st.choice_deadline)
    s.bind(4, to_unix(*st.choice_deadline));
  else
    s.bind_null(4);
  s.bind(5, to_unix(st.created_at)).run();
}

std::optional<Settlement> SqliteStorage::settlement(std::string_view event_id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(std::string(kSettlementColumns) + "WHERE event_id = ?");
  s.bind(1, event_id);
  if (!s.step()) return std::nullopt;
  return read_settlement(s);
}

std::vector<Settlement> SqliteStorage::open_settlements(std::size_t max) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(std::string(kSettlementColumns) +
                        "WHERE finished_at IS NULL ORDER BY created_at, event_id LIMIT ?");
  s.bind(1, static_cast<std::int64_t>(max));
  std::vector<Settlement> out;
  while (s.step()) out.push_back(read_settlement(s));
  return out;
}

std::vector<std::string> SqliteStorage::orders_with_status(std::string_view event_id,
                                                           OrderStatus status, std::size_t max) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT id FROM orders WHERE event_id = ? AND status = ? ORDER BY created_at, id LIMIT ?");
  s.bind(1, event_id).bind(2, to_string(status)).bind(3, static_cast<std::int64_t>(max));
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

bool SqliteStorage::settle_order(std::string_view order_id, const Settlement& settlement,
                                 Resolution resolution, TimePoint now,
                                 const std::function<std::string()>& new_code,
                                 std::string_view site) {
  WriteTransaction tx(db_, *writer_);
  const bool settled =
      boxoffice::settle_order(*this, order_id, settlement, resolution, now, new_code, site);
  tx.commit();
  return settled;
}

std::size_t SqliteStorage::release_event_holds(std::string_view event_id, std::size_t max) {
  WriteTransaction tx(db_, *writer_);
  const auto released = boxoffice::release_event_holds(*this, event_id, max);
  tx.commit();
  return released;
}

std::vector<RefundRecord> SqliteStorage::pending_refunds(std::size_t max) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(std::string(kRefundSelect) +
                        " WHERE r.status = 'pending' ORDER BY r.created_at, r.id LIMIT ?");
  s.bind(1, static_cast<std::int64_t>(max));
  std::vector<RefundRecord> out;
  while (s.step()) out.push_back(read_refund(s));
  return out;
}

std::vector<RefundRecord> SqliteStorage::order_refunds(std::string_view order_id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(std::string(kRefundSelect) +
                        " WHERE r.order_id = ? ORDER BY r.created_at, r.id");
  s.bind(1, order_id);
  std::vector<RefundRecord> out;
  while (s.step()) out.push_back(read_refund(s));
  return out;
}

void SqliteStorage::finish_refund(std::string_view refund_id, std::string_view reference) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare(
         "UPDATE refunds SET status = 'done', reference = ? WHERE id = ? AND "
         "status = 'pending'")
      .bind(1, reference)
      .bind(2, refund_id)
      .run();
  tx.commit();
}

bool SqliteStorage::finish_settlement(std::string_view event_id, TimePoint now) {
  WriteTransaction tx(db_, *writer_);
  auto s = db_->prepare(
      "UPDATE settlements SET finished_at = ?1 WHERE event_id = ?2 AND finished_at IS NULL AND "
      "NOT EXISTS (SELECT 1 FROM orders WHERE event_id = ?2 AND status IN ('paid', "
      "'partially_refunded', 'awaiting_choice')) AND NOT EXISTS (SELECT 1 FROM refunds r JOIN "
      "orders o ON o.id = r.order_id WHERE o.event_id = ?2 AND r.status = 'pending')");
  s.bind(1, to_unix(now)).bind(2, event_id).run();
  auto done = db_->prepare(
      "SELECT 1 FROM settlements WHERE event_id = ? AND finished_at IS NOT "
      "NULL");
  const bool finished = done.bind(1, event_id).step();
  tx.commit();
  return finished;
}

std::vector<SettledOrders> SqliteStorage::settled_orders(std::string_view event_id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT o.status, COUNT(DISTINCT o.id), COALESCE(SUM(t.price + t.fees), 0) FROM orders o "
      "JOIN tickets t ON t.order_id = o.id AND t.void_reason = 'cancelled' WHERE o.event_id = ? "
      "GROUP BY o.status ORDER BY o.status");
  s.bind(1, event_id);
  std::vector<SettledOrders> out;
  while (s.step())
    if (auto status = parse_order_status(s.text(0)))
      out.push_back({*status, s.integer(1), s.integer(2)});
  return out;
}

std::vector<CreditBalance> SqliteStorage::credit_balances(std::string_view account_id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT currency, SUM(amount) FROM credit_entries WHERE account_id = ? GROUP BY currency "
      "ORDER BY currency");
  s.bind(1, account_id);
  std::vector<CreditBalance> out;
  while (s.step()) out.push_back({s.text(0), s.integer(1)});
  return out;
}

std::vector<CreditEntry> SqliteStorage::credit_entries(std::string_view account_id,
                                                       std::size_t max) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT key, account_id, currency, amount, reason, order_id, created_at FROM "
      "credit_entries WHERE account_id = ? ORDER BY id DESC LIMIT ?");
  s.bind(1, account_id).bind(2, static_cast<std::int64_t>(max));
  std::vector<CreditEntry> out;
  while (s.step())
    out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3), s.text(4),
                   s.is_null(5) ? "" : s.text(5), from_unix(s.integer(6))});
  return out;
}

std::vector<Voucher> SqliteStorage::vouchers(std::string_view account_id) {
  Transaction tx(*db_, Transaction::read);
  auto s =
      db_->prepare(std::string(kVoucherSelect) + " WHERE account_id = ? ORDER BY created_at, code");
  s.bind(1, account_id);
  std::vector<Voucher> out;
  while (s.step()) out.push_back(read_voucher(s));
  return out;
}

std::vector<Voucher> SqliteStorage::guard_vouchers(const std::vector<std::string>& codes) {
  std::vector<Voucher> out;
  for (const auto& code : codes) {
    auto s = db_->prepare(std::string(kVoucherSelect) + " WHERE code = ?");
    s.bind(1, code);
    if (s.step()) out.push_back(read_voucher(s));
  }
  return out;
}

void SqliteStorage::redeem_voucher(std::string_view code, std::string_view ticket_id) {
  db_->prepare(
         "UPDATE vouchers SET status = 'redeemed', redeemed_by = ? WHERE code = ? AND "
         "status = 'issued'")
      .bind(1, ticket_id)
      .bind(2, code)
      .run();
  if (db_->changes() != 1)
    throw StorageError("SQLite: voucher '" + std::string(code) + "' is not issued");
}

Minor SqliteStorage::guard_credit(std::string_view account_id, std::string_view currency) {
  auto s = db_->prepare(
      "SELECT COALESCE(SUM(amount), 0) FROM credit_entries WHERE account_id = ? AND currency = ?");
  s.bind(1, account_id).bind(2, currency);
  s.step();
  return s.integer(0);
}

std::vector<Hold> SqliteStorage::guard_event_holds(std::string_view event_id, std::size_t max) {
  std::vector<std::string> ids;
  {
    auto s = db_->prepare(
        "SELECT id FROM holds WHERE event_id = ? AND status = 'active' ORDER BY id LIMIT ?");
    s.bind(1, event_id).bind(2, static_cast<std::int64_t>(max));
    while (s.step()) ids.push_back(s.text(0));
  }
  std::vector<Hold> out;
  for (const auto& id : ids)
    if (auto h = load_hold(id)) out.push_back(std::move(*h));
  return out;
}

void SqliteStorage::void_tickets(const std::vector<std::string>& ticket_ids, TicketVoid why) {
  for (const auto& id : ticket_ids)
    db_->prepare("UPDATE tickets SET void_reason = ? WHERE id = ? AND void_reason IS NULL")
        .bind(1, to_string(why))
        .bind(2, id)
        .run();
}

void SqliteStorage::set_order_status(std::string_view order_id, OrderStatus status) {
  db_->prepare("UPDATE orders SET status = ? WHERE id = ?")
      .bind(1, to_string(status))
      .bind(2, order_id)
      .run();
}

void SqliteStorage::insert_refund(const RefundRecord& r) {
  db_->prepare(
         "INSERT INTO refunds (id, order_id, amount, currency, method, reference, reason, "
         "created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.id)
      .bind(2, r.order_id)
      .bind(3, r.amount)
      .bind(4, r.currency)
      .bind(5, r.method)
      .bind(6, r.reference)
      .bind(7, r.reason)
      .bind(8, to_unix(r.created_at))
      .bind(9, r.reference.empty() ? "pending" : "done")
      .run();
}

void SqliteStorage::insert_credit(const CreditEntry& e) {
  auto s = db_->prepare(
      "INSERT INTO credit_entries (key, account_id, currency, amount, reason, order_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, e.key).bind(2, e.account_id).bind(3, e.currency).bind(4, e.amount).bind(5, e.reason);
  if (e.order_id.empty())
    s.bind_null(6);
  else
    s.bind(6, e.order_id);
  s.bind(7, to_unix(e.created_at)).run();
}

void SqliteStorage::insert_voucher(const Voucher& v) {
  db_->prepare(
         "INSERT INTO vouchers (code, account_id, event_id, value, currency, status, ticket_id, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, v.code)
      .bind(2, v.account_id)
      .bind(3, v.event_id)
      .bind(4, v.value)
      .bind(5, v.currency)
      .bind(6, v.status)
      .bind(7, v.ticket_id)
      .bind(8, to_unix(v.created_at))
      .run();
}

}  // namespace boxoffice::sqlite
