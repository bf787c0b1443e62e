// The outbox and webhooks on SQLite: messages written with their deliveries in the caller's
// write transaction (SaleRows::enqueue) or one of their own; deliveries claimed under the single
// writer, so two processes on one file never claim the same one.
#include "storage/sqlite/sqlite_storage.hpp"
#include "storage/write/outbox_columns.hpp"

namespace boxoffice::sqlite {
namespace {

using outbox_columns::event_list;
using outbox_columns::parse_event_list;

constexpr std::string_view kWebhookColumns = "id, url, secret, events, owner, created_at";

Webhook read_webhook(const Statement& s, int first) {
  return {s.text(first),     s.text(first + 1),
          s.text(first + 2), parse_event_list(s.text(first + 3)),
          s.text(first + 4), from_unix(s.integer(first + 5))};
}

}  // namespace

void SqliteStorage::enqueue(const std::vector<OutboxMessage>& messages) {
  for (const auto& m : messages) {
    db_->prepare(
           "INSERT INTO outbox_messages (id, kind, type, recipient, subject, body, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, m.id)
        .bind(2, outbox_columns::kind_name(m.kind))
        .bind(3, m.type)
        .bind(4, m.to)
        .bind(5, m.subject)
        .bind(6, m.body)
        .bind(7, to_unix(m.created_at))
        .run();
    if (m.kind == OutboxMessage::Kind::email) {
      db_->prepare("INSERT INTO outbox_deliveries (message_id, due_at) VALUES (?, ?)")
          .bind(1, m.id)
          .bind(2, to_unix(m.created_at))
          .run();
    } else {
      db_->prepare(
             "INSERT INTO outbox_deliveries (message_id, webhook_id, due_at) "
             "SELECT ?1, id, ?2 FROM webhooks WHERE instr(events, ',' || ?3 || ',') > 0 "
             "ORDER BY created_at, id")
          .bind(1, m.id)
          .bind(2, to_unix(m.created_at))
          .bind(3, m.type)
          .run();
    }
  }
}

void SqliteStorage::enqueue_outbox(const std::vector<OutboxMessage>& messages) {
  WriteTransaction tx(db_, *writer_);
  enqueue(messages);
  tx.commit();
}

std::vector<OutboxDelivery> SqliteStorage::claim_outbox(TimePoint now, std::chrono::seconds lease,
                                                        std::size_t max, bool emails,
                                                        bool webhooks) {
  // Most runs find nothing due: a read tells, without taking the process's single writer.
  {
    Transaction read(*db_, Transaction::read);
    auto s = db_->prepare(
        "SELECT 1 FROM outbox_deliveries WHERE delivered_at IS NULL AND abandoned_at IS NULL "
        "AND due_at <= ? LIMIT 1");
    s.bind(1, to_unix(now));
    if (!s.step()) return {};
  }
  WriteTransaction tx(db_, *writer_);
  std::vector<OutboxDelivery> out;
  {
    auto s = db_->prepare(
        "UPDATE outbox_deliveries SET due_at = ?1, attempts = attempts + 1 WHERE id IN "
        "(SELECT id FROM outbox_deliveries WHERE delivered_at IS NULL AND abandoned_at IS NULL "
        "AND due_at <= ?2 AND ((?3 AND webhook_id IS NULL) OR (?4 AND webhook_id IS NOT NULL)) "
        "ORDER BY due_at, id LIMIT ?5) RETURNING id, attempts");
    s.bind(1, to_unix(now + lease))
        .bind(2, to_unix(now))
        .bind(3, std::int64_t{emails})
        .bind(4, std::int64_t{webhooks})
        .bind(5, static_cast<std::int64_t>(max));
    while (s.step()) {
      OutboxDelivery d;
      d.id = s.integer(0);
      d.attempts = static_cast<int>(s.integer(1));
      out.push_back(std::move(d));
    }
  }
  for (auto& d : out) {
    auto s = db_->prepare(
        "SELECT m.id, m.kind, m.type, m.recipient, m.subject, m.body, m.created_at, w.id, w.url, "
        "w.secret, w.events, w.owner, w.created_at FROM outbox_deliveries d "
        "JOIN outbox_messages m ON m.id = d.message_id "
        "LEFT JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?");
    s.bind(1, d.id);
    if (!s.step()) throw StorageError("SQLite: outbox delivery " + std::to_string(d.id) + " lost");
    d.message = {s.text(0),
                 outbox_columns::parse_kind(s.text(1)),
                 s.text(2),
                 s.text(3),
                 s.text(4),
                 s.text(5),
                 from_unix(s.integer(6))};
    if (!s.is_null(7)) d.webhook = read_webhook(s, 7);
  }
  tx.commit();
  // A webhook's delivery whose webhook is gone cannot happen (deleting one deletes its
  // deliveries in the same transaction), but is never handed out as an e-mail.
  std::erase_if(out, [](const OutboxDelivery& d) {
    return d.message.kind == OutboxMessage::Kind::event && !d.webhook;
  });
  return out;
}

void SqliteStorage::finish_outbox(std::int64_t id, int attempt, OutboxOutcome outcome, TimePoint at,
                                  std::string_view error) {
  WriteTransaction tx(db_, *writer_);
  // Only this try's claim: a newer one (after its lease ran out) decides from then on.
  db_->prepare("UPDATE outbox_deliveries SET " + outbox_columns::finish_column(outcome) +
               " = ?1, last_error = ?2 WHERE id = ?3 AND attempts = ?4")
      .bind(1, to_unix(at))
      .bind(2, error)
      .bind(3, id)
      .bind(4, std::int64_t{attempt})
      .run();
  tx.commit();
}

Storage::OutboxCounts SqliteStorage::outbox_counts() {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(
      "SELECT COUNT(*) FILTER (WHERE delivered_at IS NULL AND abandoned_at IS NULL), "
      "COUNT(*) FILTER (WHERE abandoned_at IS NOT NULL) FROM outbox_deliveries");
  if (!s.step()) return {};
  return {s.integer(0), s.integer(1)};
}

std::int64_t SqliteStorage::prune_outbox(TimePoint before) {
  WriteTransaction tx(db_, *writer_);
  std::int64_t deleted = 0;
  for (const char* sql : {outbox_columns::kPruneDeliveriesSql, outbox_columns::kPruneMessagesSql}) {
    db_->prepare(sql).bind(1, to_unix(before)).run();
    deleted += db_->changes();
  }
  tx.commit();
  return deleted;
}

void SqliteStorage::insert_webhook(const Webhook& w) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("INSERT INTO webhooks (" + std::string(kWebhookColumns) +
               ") VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, w.id)
      .bind(2, w.url)
      .bind(3, w.secret)
      .bind(4, event_list(w.events))
      .bind(5, w.owner)
      .bind(6, to_unix(w.created_at))
      .run();
  tx.commit();
}

std::vector<Webhook> SqliteStorage::list_webhooks(std::string_view owner) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare("SELECT " + std::string(kWebhookColumns) +
                        " FROM webhooks WHERE ?1 = '' OR owner = ?1 ORDER BY created_at, id");
  s.bind(1, owner);
  std::vector<Webhook> out;
  while (s.step()) out.push_back(read_webhook(s, 0));
  return out;
}

std::optional<Webhook> SqliteStorage::webhook(std::string_view id) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare("SELECT " + std::string(kWebhookColumns) + " FROM webhooks WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_webhook(s, 0);
}

bool SqliteStorage::delete_webhook(std::string_view id) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare("DELETE FROM outbox_deliveries WHERE webhook_id = ?").bind(1, id).run();
  db_->prepare("DELETE FROM webhooks WHERE id = ?").bind(1, id).run();
  const bool deleted = db_->changes() == 1;
  tx.commit();
  return deleted;
}

std::vector<DeliveryRecord> SqliteStorage::webhook_deliveries(std::string_view webhook_id,
                                                              std::size_t max) {
  Transaction tx(*db_, Transaction::read);
  auto s = db_->prepare(std::string("SELECT ") + outbox_columns::kDeliveryRecordColumns +
                        " FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id "
                        "WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?");
  s.bind(1, webhook_id).bind(2, static_cast<std::int64_t>(max));
  const auto when = [&s](int column) -> std::optional<TimePoint> {
    if (s.is_null(column)) return std::nullopt;
    return from_unix(s.integer(column));
  };
  std::vector<DeliveryRecord> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), static_cast<int>(s.integer(3)),
                   from_unix(s.integer(4)), from_unix(s.integer(5)), when(6), when(7), s.text(8)});
  return out;
}

bool SqliteStorage::retry_delivery(std::string_view webhook_id, std::int64_t delivery_id,
                                   TimePoint now) {
  WriteTransaction tx(db_, *writer_);
  db_->prepare(outbox_columns::kRetryDeliverySql)
      .bind(1, to_unix(now))
      .bind(2, delivery_id)
      .bind(3, webhook_id)
      .run();
  const bool retried = db_->changes() == 1;
  tx.commit();
  return retried;
}

}  // namespace boxoffice::sqlite
