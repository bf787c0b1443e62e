#pragma once
// The outbox: messages (e-mails to buyers, events for managers' webhooks) written in the same
// transaction as the change that causes them, and delivered afterwards by OutboxSender
// (app/outbox_sender.hpp), at least once and never lost.
//
// To send a message from a write transaction (storage/write/), build it with email_message() or
// json::webhook_event() (json/outbox_json.hpp) and hand it to SaleRows::enqueue in that
// transaction; outside one, Storage::enqueue_outbox writes it in a transaction of its own. An
// e-mail gets one delivery; an event gets one delivery per webhook registered for its type at
// that moment. Each delivery is tried until it succeeds or OutboxPolicy::max_attempts have failed.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/event.hpp"
#include "domain/order.hpp"
#include "domain/pricing.hpp"
#include "domain/settlement.hpp"
#include "domain/time.hpp"

namespace boxoffice {

struct OutboxMessage {
  enum class Kind { email, event };
  std::string id;  // "msg_..."; for an event, the `id` of the webhook body on every try
  Kind kind = Kind::email;
  std::string type;     // an e-mail's purpose ("order.confirmation") or an event's type
  std::string to;       // e-mail: the address
  std::string subject;  // e-mail
  std::string body;     // e-mail: plain text; event: the whole webhook body (JSON)
  TimePoint created_at;
};

// The event types a webhook may ask for: one list, which the API validates against. Add a type
// here when a change starts sending it.
inline constexpr std::array<std::string_view, 4> kWebhookEventTypes{
    "order.paid", "order.refunded", "order.settled", "event.cancelled"};
bool is_webhook_event_type(std::string_view type);

// A manager's webhook. `events` are known types, sorted and distinct.
struct Webhook {
  std::string id;  // "whk_..."
  std::string url;
  std::string secret;  // signs every delivery; shown once, when the webhook is made
  std::vector<std::string> events;
  std::string owner;  // the manager's account id
  TimePoint created_at;
};

// One try of one delivery, claimed by a node (Storage::claim_outbox).
struct OutboxDelivery {
  std::int64_t id = 0;
  int attempts = 0;  // including this one; it also names this claim (Storage::finish_outbox)
  OutboxMessage message;
  std::optional<Webhook> webhook;  // for an event: where to; none for an e-mail
};

// A delivery as its webhook's manager sees it (GET /api/v1/webhooks/{id}/deliveries).
struct DeliveryRecord {
  std::int64_t id = 0;
  std::string message_id;  // the body's "id"
  std::string type;
  int attempts = 0;
  TimePoint created_at;
  TimePoint due_at;  // the next try (or the end of a try under way) while waiting
  std::optional<TimePoint> delivered_at;
  std::optional<TimePoint> abandoned_at;
  std::string last_error;  // of the last failed try; empty once delivered
};

enum class OutboxOutcome {
  delivered,  // done
  retry,      // failed: due again at the time given
  abandoned,  // failed max_attempts times: kept, with its last error, but no longer tried
};

// How deliveries are retried. The delay after the n-th failed try is retry_base * 2^(n-1), at most
// retry_cap, in whole seconds (at least one); after max_attempts failed tries a delivery is
// abandoned. The defaults try for about a day: 30 s, 1 min, 2 min, ... then hourly.
struct OutboxPolicy {
  std::chrono::milliseconds retry_base{30'000};
  std::chrono::milliseconds retry_cap{3'600'000};
  int max_attempts = 30;
  // How long a claimed delivery is this node's: a node that dies mid-try leaves it to another
  // after this (the try counts). Longer than any delivery can take (the HTTP and SMTP timeouts).
  std::chrono::seconds lease{60};
};

// The wait after `failed_attempts` (1 or more) failed tries.
std::chrono::seconds retry_delay(const OutboxPolicy& policy, int failed_attempts);

// The value of the X-Boxoffice-Signature header: "t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" under the secret>".
std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds,
                              std::string_view body);

// A webhook's new secret: "whsec_" and 256 random bits in hex.
std::string new_webhook_secret();

// Sends a webhook's signed POST. Returns on a 2xx answer; throws DeliveryError (app/notifier.hpp)
// otherwise. May block: never called on an HTTP thread.
class WebhookPoster {
 public:
  virtual ~WebhookPoster() = default;
  virtual void post(const std::string& url, const std::string& body,
                    const std::string& signature) = 0;
};

// An e-mail to enqueue, with a new id.
OutboxMessage email_message(std::string type, std::string to, std::string subject, std::string body,
                            TimePoint now);

// The order's confirmation to its buyer: every ticket with its section, seat, type, price and
// code. `types` are the event's ticket types (for their names).
OutboxMessage order_confirmation_email(const Order& order, const Event& event,
                                       const std::vector<TicketType>& types, TimePoint now);

// What a cancelled event's settlement did with the order, to its buyer: money back, credit,
// vouchers, or the choice to make (and until when) on the order's page.
OutboxMessage settlement_email(const Order& order, const Event& event,
                               const OrderSettlement& settled, const Settlement& settlement,
                               TimePoint now, std::string_view site);

}  // namespace boxoffice
