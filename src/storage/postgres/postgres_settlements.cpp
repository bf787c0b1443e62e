// After the sale on PostgreSQL: settlements of cancelled events, refunds, credit and vouchers. The
// order's settlement transaction is storage/write/settlement_write.cpp; its row operations are
// here. guard_order takes the order's row lock, which every change of an order takes first.
#include "storage/postgres/postgres_storage.hpp"
#include "storage/write/hold_end.hpp"
#include "storage/write/settlement_write.hpp"

namespace boxoffice::pg {
namespace {

constexpr const char* kSettlementColumns =
    "SELECT event_id, resolution, rescheduled_event_id, choice_deadline, created_at, finished_at "
    "FROM settlements ";

std::vector<Settlement> read_settlements(const Rows& r) {
  std::vector<Settlement> out;
  for (int row = 0; row < r.size(); ++row) {
    Settlement s;
    s.event_id = r.text(row, 0);
    s.resolution = parse_resolution(r.text(row, 1)).value_or(Resolution::refund);
    if (!r.is_null(row, 2)) s.rescheduled_event_id = r.text(row, 2);
    if (!r.is_null(row, 3)) s.choice_deadline = from_unix(r.integer(row, 3));
    s.created_at = from_unix(r.integer(row, 4));
    if (!r.is_null(row, 5)) s.finished_at = from_unix(r.integer(row, 5));
    out.push_back(std::move(s));
  }
  return out;
}

// A refund with its order's event and charge.
constexpr std::string_view kRefundSelect =
    "SELECT r.id, r.order_id, r.amount, r.currency, r.method, r.reason, r.created_at, "
    "o.payment_reference, r.reference, o.event_id FROM refunds r JOIN orders o ON "
    "o.id = r.order_id";

std::vector<RefundRecord> refunds_of(const Rows& r) {
  std::vector<RefundRecord> out;
  for (int row = 0; row < r.size(); ++row) {
    RefundRecord refund;
    refund.id = r.text(row, 0);
    refund.order_id = r.text(row, 1);
    refund.amount = r.integer(row, 2);
    refund.currency = r.text(row, 3);
    refund.method = r.text(row, 4);
    refund.reason = r.text(row, 5);
    refund.created_at = from_unix(r.integer(row, 6));
    refund.charge_reference = r.text(row, 7);
    refund.reference = r.text(row, 8);
    refund.event_id = r.text(row, 9);
    out.push_back(std::move(refund));
  }
  return out;
}

constexpr std::string_view kVoucherSelect =
    "SELECT code, account_id, event_id, value, currency, status, ticket_id, created_at FROM "
    "vouchers";

std::vector<Voucher> vouchers_of(const Rows& r) {
  std::vector<Voucher> out;
  for (int row = 0; row < r.size(); ++row)
    out.push_back({r.text(row, 0), r.text(row, 1), r.text(row, 2), r.integer(row, 3),
                   r.text(row, 4), r.text(row, 5), r.text(row, 6), from_unix(r.integer(row, 7))});
  return out;
}

const char* or_null(const std::optional<std::string>& text) {
  return text ? text->c_str() : nullptr;
}

}  // namespace

void PostgresStorage::insert_settlement(const Settlement& st) {
  const std::optional<std::string> deadline =
      st.choice_deadline ? std::optional(std::to_string(to_unix(*st.choice_deadline)))
                         : std::nullopt;
  db_.exec(
      "INSERT INTO settlements (event_id, resolution, rescheduled_event_id, choice_deadline, "
      "created_at) VALUES ($1, $2, $3, $4::BIGINT, $5) ON CONFLICT (event_id) DO NOTHING",
      {st.event_id, std::string(to_string(st.resolution)), or_null(st.rescheduled_event_id),
       or_null(deadline), to_unix(st.created_at)});
}

std::optional<Settlement> PostgresStorage::settlement(std::string_view event_id) {
  auto found = read_settlements(
      db_.exec((std::string(kSettlementColumns) + "WHERE event_id = $1").c_str(), {event_id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Settlement> PostgresStorage::open_settlements(std::size_t max) {
  return read_settlements(db_.exec(
      (std::string(kSettlementColumns) + "WHERE finished_at IS NULL ORDER BY created_at, event_id "
                                         "LIMIT $1")
          .c_str(),
      {static_cast<long long>(max)}));
}

std::vector<std::string> PostgresStorage::orders_with_status(std::string_view event_id,
                                                             OrderStatus status, std::size_t max) {
  const auto r = db_.exec(
      "SELECT id FROM orders WHERE event_id = $1 AND status = $2 ORDER BY created_at, id "
      "LIMIT $3",
      {event_id, std::string(to_string(status)), static_cast<long long>(max)});
  std::vector<std::string> out;
  for (int row = 0; row < r.size(); ++row) out.push_back(r.text(row, 0));
  return out;
}

bool PostgresStorage::settle_order(std::string_view order_id, const Settlement& settlement,
                                   Resolution resolution, TimePoint now,
                                   const std::function<std::string()>& new_code,
                                   std::string_view site) {
  Transaction tx(db_);
  const bool settled =
      boxoffice::settle_order(*this, order_id, settlement, resolution, now, new_code, site);
  tx.commit();
  return settled;
}

std::size_t PostgresStorage::release_event_holds(std::string_view event_id, std::size_t max) {
  Transaction tx(db_);
  const auto released = boxoffice::release_event_holds(*this, event_id, max);
  tx.commit();
  return released;
}

std::vector<RefundRecord> PostgresStorage::pending_refunds(std::size_t max) {
  return refunds_of(db_.exec(std::string(kRefundSelect) +
                                 " WHERE r.status = 'pending' ORDER BY r.created_at, r.id LIMIT $1",
                             {static_cast<long long>(max)}));
}

std::vector<RefundRecord> PostgresStorage::order_refunds(std::string_view order_id) {
  return refunds_of(
      db_.exec(std::string(kRefundSelect) + " WHERE r.order_id = $1 ORDER BY r.created_at, r.id",
               {order_id}));
}

void PostgresStorage::finish_refund(std::string_view refund_id, std::string_view reference) {
  db_.exec(
      "UPDATE refunds SET status = 'done', reference = $2 WHERE id = $1 AND "
      "status = 'pending'",
      {refund_id, reference});
}

bool PostgresStorage::finish_settlement(std::string_view event_id, TimePoint now) {
  db_.exec(
      "UPDATE settlements SET finished_at = $1 WHERE event_id = $2 AND finished_at IS NULL AND "
      "NOT EXISTS (SELECT 1 FROM orders WHERE event_id = $2 AND status IN ('paid', "
      "'partially_refunded', 'awaiting_choice')) AND NOT EXISTS (SELECT 1 FROM refunds r JOIN "
      "orders o ON o.id = r.order_id WHERE o.event_id = $2 AND r.status = 'pending')",
      {to_unix(now), event_id});
  return !db_.exec("SELECT 1 FROM settlements WHERE event_id = $1 AND finished_at IS NOT NULL",
                   {event_id})
              .empty();
}

std::vector<SettledOrders> PostgresStorage::settled_orders(std::string_view event_id) {
  const auto r = db_.exec(
      "SELECT o.status, COUNT(DISTINCT o.id), COALESCE(SUM(t.price + t.fees), 0) FROM orders o "
      "JOIN tickets t ON t.order_id = o.id AND t.void_reason = 'cancelled' WHERE o.event_id = $1 "
      "GROUP BY o.status ORDER BY o.status",
      {event_id});
  std::vector<SettledOrders> out;
  for (int row = 0; row < r.size(); ++row)
    if (auto status = parse_order_status(r.text(row, 0)))
      out.push_back({*status, r.integer(row, 1), r.integer(row, 2)});
  return out;
}

std::vector<CreditBalance> PostgresStorage::credit_balances(std::string_view account_id) {
  const auto r = db_.exec(
      "SELECT currency, SUM(amount) FROM credit_entries WHERE account_id = $1 GROUP BY currency "
      "ORDER BY currency",
      {account_id});
  std::vector<CreditBalance> out;
  for (int row = 0; row < r.size(); ++row) out.push_back({r.text(row, 0), r.integer(row, 1)});
  return out;
}

std::vector<CreditEntry> PostgresStorage::credit_entries(std::string_view account_id,
                                                         std::size_t max) {
  const auto r = db_.exec(
      "SELECT key, account_id, currency, amount, reason, COALESCE(order_id, ''), created_at "
      "FROM credit_entries WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
      {account_id, static_cast<long long>(max)});
  std::vector<CreditEntry> out;
  for (int row = 0; row < r.size(); ++row)
    out.push_back({r.text(row, 0), r.text(row, 1), r.text(row, 2), r.integer(row, 3),
                   r.text(row, 4), r.text(row, 5), from_unix(r.integer(row, 6))});
  return out;
}

std::vector<Voucher> PostgresStorage::vouchers(std::string_view account_id) {
  return vouchers_of(
      db_.exec(std::string(kVoucherSelect) + " WHERE account_id = $1 ORDER BY created_at, code",
               {account_id}));
}

std::vector<Voucher> PostgresStorage::guard_vouchers(const std::vector<std::string>& codes) {
  return vouchers_of(db_.exec(std::string(kVoucherSelect) +
                                  " WHERE code = ANY ($1::text[]) ORDER BY code COLLATE \"C\" "
                                  "FOR UPDATE",
                              {text_array(codes)}));
}

void PostgresStorage::redeem_voucher(std::string_view code, std::string_view ticket_id) {
  if (db_.exec("UPDATE vouchers SET status = 'redeemed', redeemed_by = $2 WHERE code = $1 AND "
               "status = 'issued'",
               {code, ticket_id})
          .affected() != 1)
    throw StorageError("PostgreSQL: voucher '" + std::string(code) + "' is not issued");
}

Minor PostgresStorage::guard_credit(std::string_view account_id, std::string_view currency) {
  // The account's row stands for its balance: payments from it take turns.
  db_.exec("SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE", {account_id});
  // A new statement: it sees every entry committed by whoever held the lock before.
  const auto r = db_.exec(
      "SELECT COALESCE(SUM(amount), 0) FROM credit_entries WHERE account_id = $1 AND "
      "currency = $2",
      {account_id, currency});
  return r.integer(0, 0);
}

void PostgresStorage::void_tickets(const std::vector<std::string>& ticket_ids, TicketVoid why) {
  db_.exec(
      "UPDATE tickets SET void_reason = $2 WHERE id = ANY ($1::text[]) AND void_reason IS "
      "NULL",
      {text_array(ticket_ids), std::string(to_string(why))});
}

void PostgresStorage::set_order_status(std::string_view order_id, OrderStatus status) {
  db_.exec("UPDATE orders SET status = $2 WHERE id = $1",
           {order_id, std::string(to_string(status))});
}

void PostgresStorage::insert_refund(const RefundRecord& r) {
  db_.exec(
      "INSERT INTO refunds (id, order_id, amount, currency, method, reference, reason, "
      "created_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {r.id, r.order_id, r.amount, r.currency, r.method, r.reference, r.reason,
       to_unix(r.created_at), r.reference.empty() ? "pending" : "done"});
}

void PostgresStorage::insert_credit(const CreditEntry& e) {
  const std::optional<std::string> order =
      e.order_id.empty() ? std::nullopt : std::optional(e.order_id);
  db_.exec(
      "INSERT INTO credit_entries (key, account_id, currency, amount, reason, order_id, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {e.key, e.account_id, e.currency, e.amount, e.reason, or_null(order), to_unix(e.created_at)});
}

void PostgresStorage::insert_voucher(const Voucher& v) {
  db_.exec(
      "INSERT INTO vouchers (code, account_id, event_id, value, currency, status, ticket_id, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {v.code, v.account_id, v.event_id, v.value, v.currency, v.status, v.ticket_id,
       to_unix(v.created_at)});
}

}  // namespace boxoffice::pg
