#pragma once
// How both backends store outbox rows: a webhook's event types in one text column, each between
// commas (",order.paid,event.cancelled,"), so that "is it registered for this type" is a plain
// substring test on ",<type>,".
#include <string>
#include <string_view>
#include <vector>

#include "app/outbox.hpp"

namespace boxoffice::outbox_columns {

inline std::string event_list(const std::vector<std::string>& events) {
  std::string out = ",";
  for (const auto& e : events) out += e + ",";
  return out;
}

inline std::vector<std::string> parse_event_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find(',', start);
    const auto piece = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!piece.empty()) out.emplace_back(piece);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

inline std::string_view kind_name(OutboxMessage::Kind kind) {
  return kind == OutboxMessage::Kind::event ? "event" : "email";
}
inline OutboxMessage::Kind parse_kind(std::string_view text) {
  return text == "event" ? OutboxMessage::Kind::event : OutboxMessage::Kind::email;
}

// What webhook_deliveries reads, in DeliveryRecord's order, from outbox_deliveries d joined with
// outbox_messages m.
inline constexpr const char* kDeliveryRecordColumns =
    "d.id, m.id, m.type, d.attempts, m.created_at, d.due_at, d.delivered_at, d.abandoned_at, "
    "d.last_error";

// retry_delivery's statement ($1 now, $2 the delivery, $3 its webhook), in the spelling both
// backends read: an abandoned delivery due again with a fresh count of tries.
inline constexpr const char* kRetryDeliverySql =
    "UPDATE outbox_deliveries SET abandoned_at = NULL, attempts = 0, due_at = $1 "
    "WHERE id = $2 AND webhook_id = $3 AND abandoned_at IS NOT NULL";

// prune_outbox's statements ($1: the time before which delivered rows go), in the spelling both
// backends read.
inline constexpr const char* kPruneDeliveriesSql =
    "DELETE FROM outbox_deliveries WHERE delivered_at < $1";
inline constexpr const char* kPruneMessagesSql =
    "DELETE FROM outbox_messages WHERE created_at < $1 AND NOT EXISTS "
    "(SELECT 1 FROM outbox_deliveries d WHERE d.message_id = outbox_messages.id)";

// The column finish_outbox sets to its time: when the delivery was made or abandoned, or when the
// next try is due.
inline std::string finish_column(OutboxOutcome outcome) {
  switch (outcome) {
    case OutboxOutcome::delivered:
      return "delivered_at";
    case OutboxOutcome::abandoned:
      return "abandoned_at";
    case OutboxOutcome::retry:
      break;
  }
  return "due_at";
}

}  // namespace boxoffice::outbox_columns
