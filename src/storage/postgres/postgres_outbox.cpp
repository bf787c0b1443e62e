// The outbox and webhooks on PostgreSQL: a change's messages and their deliveries in one
// statement of the change's transaction (SaleRows::enqueue); deliveries claimed with FOR UPDATE
// SKIP LOCKED, so nodes claiming at once take different ones instead of waiting on each other.
#include "storage/postgres/postgres_storage.hpp"
#include "storage/write/outbox_columns.hpp"

namespace boxoffice::pg {
namespace {

using outbox_columns::event_list;
using outbox_columns::parse_event_list;

constexpr const char* kWebhookColumns = "id, url, secret, events, owner, created_at";

Webhook read_webhook(const Rows& r, int row, int first) {
  return {r.text(row, first),     r.text(row, first + 1),
          r.text(row, first + 2), parse_event_list(r.text(row, first + 3)),
          r.text(row, first + 4), from_unix(r.integer(row, first + 5))};
}

}  // namespace

void PostgresStorage::enqueue(const std::vector<OutboxMessage>& messages) {
  if (messages.empty()) return;
  std::vector<std::string> ids, kinds, types, recipients, subjects, bodies, created;
  for (const auto& m : messages) {
    ids.push_back(m.id);
    kinds.emplace_back(outbox_columns::kind_name(m.kind));
    types.push_back(m.type);
    recipients.push_back(m.to);
    subjects.push_back(m.subject);
    bodies.push_back(m.body);
    created.push_back(std::to_string(to_unix(m.created_at)));
  }
  // One round trip: the messages, then an e-mail's one delivery and an event's one per webhook
  // registered for its type.
  db_.exec(
      "WITH m AS (INSERT INTO outbox_messages (id, kind, type, recipient, subject, body, "
      "created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], "
      "$5::text[], $6::text[], $7::bigint[]) RETURNING id, kind, type, created_at) "
      "INSERT INTO outbox_deliveries (message_id, webhook_id, due_at) "
      "SELECT m.id, NULL, m.created_at FROM m WHERE m.kind = 'email' "
      "UNION ALL SELECT m.id, w.id, m.created_at FROM m JOIN webhooks w "
      "ON strpos(w.events, ',' || m.type || ',') > 0 WHERE m.kind = 'event'",
      {text_array(ids), text_array(kinds), text_array(types), text_array(recipients),
       text_array(subjects), text_array(bodies), text_array(created)});
}

void PostgresStorage::enqueue_outbox(const std::vector<OutboxMessage>& messages) {
  Transaction tx(db_);
  enqueue(messages);
  tx.commit();
}

std::vector<OutboxDelivery> PostgresStorage::claim_outbox(TimePoint now, std::chrono::seconds lease,
                                                          std::size_t max, bool emails,
                                                          bool webhooks) {
  const auto r = db_.exec(
      "WITH d AS (UPDATE outbox_deliveries SET due_at = $1, attempts = attempts + 1 WHERE id IN "
      "(SELECT id FROM outbox_deliveries WHERE delivered_at IS NULL AND abandoned_at IS NULL "
      "AND due_at <= $2 AND (($3 AND webhook_id IS NULL) OR ($4 AND webhook_id IS NOT NULL)) "
      "ORDER BY due_at, id LIMIT $5 FOR UPDATE SKIP LOCKED) "
      "RETURNING id, attempts, message_id, webhook_id) "
      "SELECT d.id, d.attempts, m.id, m.kind, m.type, m.recipient, m.subject, m.body, "
      "m.created_at, w.id, w.url, w.secret, w.events, w.owner, w.created_at FROM d "
      "JOIN outbox_messages m ON m.id = d.message_id LEFT JOIN webhooks w ON w.id = d.webhook_id "
      "ORDER BY d.id",
      {to_unix(now + lease), to_unix(now), emails ? "true" : "false", webhooks ? "true" : "false",
       static_cast<long long>(max)});
  std::vector<OutboxDelivery> out;
  for (int i = 0; i < r.size(); ++i) {
    OutboxDelivery d;
    d.id = r.integer(i, 0);
    d.attempts = static_cast<int>(r.integer(i, 1));
    d.message = {r.text(i, 2),
                 outbox_columns::parse_kind(r.text(i, 3)),
                 r.text(i, 4),
                 r.text(i, 5),
                 r.text(i, 6),
                 r.text(i, 7),
                 from_unix(r.integer(i, 8))};
    if (!r.is_null(i, 9)) d.webhook = read_webhook(r, i, 9);
    // A webhook's delivery whose webhook is gone is never handed out as an e-mail.
    if (d.message.kind == OutboxMessage::Kind::event && !d.webhook) continue;
    out.push_back(std::move(d));
  }
  return out;
}

void PostgresStorage::finish_outbox(std::int64_t id, int attempt, OutboxOutcome outcome,
                                    TimePoint at, std::string_view error) {
  // Only this try's claim: a newer one (after its lease ran out) decides from then on.
  const std::string sql = "UPDATE outbox_deliveries SET " + outbox_columns::finish_column(outcome) +
                          " = $1, last_error = $2 WHERE id = $3 AND attempts = $4";
  db_.exec(sql.c_str(),
           {to_unix(at), error, static_cast<long long>(id), static_cast<long long>(attempt)});
}

Storage::OutboxCounts PostgresStorage::outbox_counts() {
  const auto r = db_.exec(
      "SELECT COUNT(*) FILTER (WHERE delivered_at IS NULL AND abandoned_at IS NULL), "
      "COUNT(*) FILTER (WHERE abandoned_at IS NOT NULL) FROM outbox_deliveries");
  return {r.integer(0, 0), r.integer(0, 1)};
}

std::int64_t PostgresStorage::prune_outbox(TimePoint before) {
  Transaction tx(db_);
  std::int64_t deleted = 0;
  for (const char* sql : {outbox_columns::kPruneDeliveriesSql, outbox_columns::kPruneMessagesSql})
    deleted += db_.exec(sql, {to_unix(before)}).affected();
  tx.commit();
  return deleted;
}

void PostgresStorage::insert_webhook(const Webhook& w) {
  db_.exec(
      "INSERT INTO webhooks (id, url, secret, events, owner, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {w.id, w.url, w.secret, event_list(w.events), w.owner, to_unix(w.created_at)});
}

std::vector<Webhook> PostgresStorage::list_webhooks(std::string_view owner) {
  const auto r = db_.exec((std::string("SELECT ") + kWebhookColumns +
                           " FROM webhooks WHERE $1 = '' OR owner = $1 "
                           "ORDER BY created_at, id COLLATE \"C\"")
                              .c_str(),
                          {owner});
  std::vector<Webhook> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(read_webhook(r, i, 0));
  return out;
}

std::optional<Webhook> PostgresStorage::webhook(std::string_view id) {
  const auto r = db_.exec(
      (std::string("SELECT ") + kWebhookColumns + " FROM webhooks WHERE id = $1").c_str(), {id});
  if (r.empty()) return std::nullopt;
  return read_webhook(r, 0, 0);
}

bool PostgresStorage::delete_webhook(std::string_view id) {
  Transaction tx(db_);
  db_.exec("DELETE FROM outbox_deliveries WHERE webhook_id = $1", {id});
  const bool deleted = db_.exec("DELETE FROM webhooks WHERE id = $1", {id}).affected() == 1;
  tx.commit();
  return deleted;
}

std::vector<DeliveryRecord> PostgresStorage::webhook_deliveries(std::string_view webhook_id,
                                                                std::size_t max) {
  const auto r =
      db_.exec((std::string("SELECT ") + outbox_columns::kDeliveryRecordColumns +
                " FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id "
                "WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2")
                   .c_str(),
               {webhook_id, static_cast<long long>(max)});
  std::vector<DeliveryRecord> out;
  for (int i = 0; i < r.size(); ++i) {
    const auto when = [&r, i](int column) -> std::optional<TimePoint> {
      if (r.is_null(i, column)) return std::nullopt;
      return from_unix(r.integer(i, column));
    };
    out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), static_cast<int>(r.integer(i, 3)),
                   from_unix(r.integer(i, 4)), from_unix(r.integer(i, 5)), when(6), when(7),
                   r.text(i, 8)});
  }
  return out;
}

bool PostgresStorage::retry_delivery(std::string_view webhook_id, std::int64_t delivery_id,
                                     TimePoint now) {
  return db_.exec(outbox_columns::kRetryDeliverySql,
                  {to_unix(now), static_cast<long long>(delivery_id), webhook_id})
             .affected() == 1;
}

}  // namespace boxoffice::pg
