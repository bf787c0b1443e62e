#pragma once
// Use cases of the waiting room (domain/queue.hpp): joining, a buyer's status, leaving, the
// public draw, and the admission that holds need while a room is on.
#include <optional>
#include <string>

#include "app/app_env.hpp"
#include "app/live_inventory.hpp"
#include "app/live_queues.hpp"
#include "app/storage.hpp"

namespace boxoffice::queues {

struct JoinRequest {
  std::string notify_email;  // tell me when I am admitted (optional)
  std::string notify_phone;  // E.164, by text message (optional)
};

// Places left to buy and places held, over all sections.
struct Outlook {
  std::int64_t available = 0;
  std::int64_t held = 0;
};
Outlook outlook(const EventInventory& inventory);
// The places behind the odds in line, as the event's inventory has them (sales come apart).
LineOutlook line_outlook(const Event& event, const Outlook& outlook);

// What a buyer sees of their entry. `state` is the entry's, except that a waiting entry of an
// event whose sales are over is "closed", of one with nothing left to buy "sold_out", and an
// admitted one whose window has ended is "expired" before the admitter gets to it.
struct Status {
  std::string token;
  std::string event_id;
  std::int64_t number = 0;
  std::string state;
  std::optional<std::int64_t> position;  // 1: next in line; waiting entries only
  std::optional<std::int64_t> estimated_wait_seconds;
  std::optional<TimePoint> admitted_until;
  // Admitted entries: whether the buyer has placed a first hold. Until then admitted_until is the
  // time to start by; the first hold moves it to the end of the whole checkout window.
  std::optional<bool> started;
  bool drawn = false;            // joined before sales opened: placed by the draw
  std::optional<LineOdds> odds;  // waiting entries, once the places behind them are known
};

// Joins the event's line (a signed-in buyer's second join returns their live entry: `created`
// false). Joins are rate-limited per address and per account; joining the draw (before sales
// open) needs an account.
struct Joined {
  Status status;
  bool created = true;
};
Result<Joined> join(Storage& storage, const AppEnv& env, const std::optional<Account>& who,
                    std::string_view event_id, const JoinRequest& request,
                    const std::string& address, bool loopback, FieldErrors parse_errors = {});

// A buyer's status from this node's memory alone; nullopt when memory cannot tell (the room or
// the entry is not in memory yet), and then `status` must be asked.
std::optional<Result<Status>> status_in_memory(const AppEnv& env, std::string_view token);
Result<Status> status(Storage& storage, const AppEnv& env, std::string_view token);

Result<void> leave(Storage& storage, const AppEnv& env, std::string_view token);

// The line as anyone may check it: the commitment, the seed once sales are open, and the entries
// by number (without who they are).
struct Draw {
  QueueRoom room;  // seed and token key cleared unless revealed (token key: always)
  bool revealed = false;
  bool active = false;              // holds need an admitted token
  std::vector<QueueEntry> entries;  // account and notification addresses cleared
};
Result<Draw> draw(Storage& storage, const AppEnv& env, const std::optional<Account>& reader,
                  std::string_view event_id, std::int64_t after_number, std::size_t limit);

// For a hold of `event`: nullopt when its waiting room is off; else the end of the buyer's
// checkout window (the hold must not outlive it), or 403 "queue_required" without an admitted
// token of this buyer. The first use of a token binds it to the buyer.
Result<std::optional<TimePoint>> admission(Storage& storage, const AppEnv& env,
                                           const Account& buyer, const Event& event,
                                           const Outlook& outlook, std::string_view token);

// After `account_id` bought tickets for the event: their admitted entry is done, freeing a slot.
void completed(Storage& storage, const AppEnv& env, std::string_view event_id,
               std::string_view account_id);

}  // namespace boxoffice::queues
