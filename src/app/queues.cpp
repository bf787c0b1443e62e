#include "app/queues.hpp"

#include "app/events.hpp"
#include "app/queue_tokens.hpp"

namespace boxoffice::queues {
namespace {

Error token_invalid() {
  return {ErrorKind::not_found,
          "queue_token_invalid",
          "This queue token is not valid; join the line again.",
          {}};
}

// Reads a status from `memory`; nullopt when the entry is not there (yet).
std::optional<Status> read_status(const QueueMemory& memory, std::string_view token,
                                  std::int64_t number, TimePoint now,
                                  const QueueSettings& settings) {
  const auto* slot = memory.line.slot(number);
  if (!slot) return std::nullopt;
  Status s{std::string(token),
           memory.room.event_id,
           number,
           std::string(to_string(slot->state)),
           std::nullopt,
           std::nullopt,
           std::nullopt,
           std::nullopt,
           drawn(slot->order_key),
           std::nullopt};
  switch (slot->state) {
    case QueueState::waiting: {
      const auto ahead = memory.line.ahead(number).value_or(0);
      s.position = ahead + 1;
      s.estimated_wait_seconds =
          estimated_wait_seconds(ahead + 1, memory.rate.per_second(now), settings);
      if (memory.closed) {
        s.state = "closed";
        s.estimated_wait_seconds.reset();
        break;
      }
      if (memory.sold_out) s.state = "sold_out";
      if (memory.outlook) {
        auto places = *memory.outlook;
        places.shopping = memory.room.admitted;
        s.odds =
            line_odds(places, ahead, s.drawn, memory.line.waiting(), now, memory.sales_open_at);
      }
      break;
    }
    case QueueState::admitted:
      s.admitted_until = from_unix(slot->admitted_until);
      s.started = slot->granted >= settings.window_seconds;
      if (*s.admitted_until <= now) s.state = std::string(to_string(QueueState::expired));
      break;
    default:
      break;
  }
  return s;
}

// The status from this node's memory (estimates use the settings the admitter last refreshed);
// nullopt when the entry is not in memory yet.
// `number` is the one `token` names (queue_tokens::parse), which the caller has read already.
std::optional<Result<Status>> status_of(const LiveQueue& live, std::string_view token,
                                        std::int64_t number, TimePoint now) {
  return live.read([&](const QueueMemory& m) -> std::optional<Result<Status>> {
    if (!queue_tokens::verify(m.room, token)) return Result<Status>(token_invalid());
    auto s = read_status(m, token, number, now, m.settings);
    if (!s) return std::nullopt;
    return Result<Status>(std::move(*s));
  });
}

Error sales_closed(const Event& event) {
  return {ErrorKind::conflict,
          "sales_closed",
          "Sales for '" + event.name + "' are over; there is no line to join.",
          {}};
}

}  // namespace

Outlook outlook(const EventInventory& inventory) {
  Outlook o;
  for (const auto& c : inventory.counts()) {
    o.available += c.available();
    o.held += c.held;
  }
  return o;
}

LineOutlook line_outlook(const Event& event, const Outlook& o) {
  LineOutlook places;
  places.available = o.available;
  places.held = o.held;
  places.max_per_buyer = event.max_tickets_per_buyer;
  return places;
}

Result<Joined> join(Storage& storage, const AppEnv& env, const std::optional<Account>& who,
                    std::string_view event_id, const JoinRequest& request,
                    const std::string& address, bool loopback, FieldErrors parse_errors) {
  if (!request.notify_email.empty() && !plausible_email(request.notify_email))
    parse_errors["notify.email"] = "must be an e-mail address such as name@example.com";
  if (!request.notify_phone.empty() && !plausible_phone(request.notify_phone))
    parse_errors["notify.phone"] =
        "must be a phone number in international form, e.g. +4915112345678";
  // Messages go only to those who signed in: a join without an account could otherwise make
  // this site send e-mails and text messages to any address, as often as joins are allowed.
  if (!who && (!request.notify_email.empty() || !request.notify_phone.empty()))
    parse_errors["notify"] = "sign in to be told by e-mail or text message";
  auto live = events::live(storage, env, who, event_id);
  if (!live) return live.error();
  if (!parse_errors.empty()) return validation_error(std::move(parse_errors));
  auto [event, o] = live.value()->read([](const EventInventory& i) {
    return std::pair{i.event, outlook(i)};
  });
  const auto now = env.clock.now();
  if (sales_over(event, now)) return sales_closed(event);
  // One account, one ticket in the draw: anonymous joins before sales open could be made by the
  // thousand to win it. After sales open a second entry is only ever behind the first, so it gains
  // nothing, and anonymous joins stay (limited per address; a turn nobody takes passes on soon).
  if (!who && now < event.sales_open_at)
    return Error{ErrorKind::unauthorized,
                 "sign_in_required",
                 "Sign in to join the draw for '" + event.name +
                     "': each account has one place in it, so that extra joins win nothing.",
                 {}};

  const std::string account_key = who ? who->id : std::string();
  if (const int wait = env.join_throttle->begin(account_key, address, loopback); wait > 0) {
    Error e{ErrorKind::rate_limited,
            "too_many_attempts",
            "Too many joins from here; try again in " + std::to_string(wait) + " seconds.",
            {}};
    e.retry_after_seconds = wait;
    return e;
  }

  const auto room = storage.queue_room(event.id, queue_tokens::new_room);
  QueueEntry entry;
  entry.event_id = event.id;
  if (who) entry.account_id = who->id;
  entry.joined_at = now;
  entry.notify_email = request.notify_email;
  entry.notify_phone = request.notify_phone;
  const bool by_draw = now < event.sales_open_at;
  auto [stored, created] = storage.join_queue(entry, [&](std::int64_t number) {
    return by_draw ? drawn_key(queue_tokens::draw_digest(room.seed, number))
                   : first_come_key(number);
  });
  // Joining a sold-out event is asking for the waiting list: from now on, places that come back
  // go to the line, not to whoever reloads fastest.
  if (!queue_active(event, room) && should_activate(event.queue, o.held, o.available, 1))
    storage.activate_queue(event.id, now);

  auto queue = env.queues->current(storage, event.id);
  if (!queue) throw StorageError("the waiting room of " + event.id + " vanished");
  queue->set_outlook(event.queue, o.available == 0, false);
  queue->set_odds(line_outlook(event, o), std::nullopt, event.sales_open_at);
  const auto token = queue_tokens::token(room, stored.number);
  auto status = status_of(*queue, token, stored.number, now);
  if (!status) throw StorageError("a queue entry just stored is not in memory");
  if (!*status) return status->error();
  return Joined{std::move(status->value()), created};
}

std::optional<Result<Status>> status_in_memory(const AppEnv& env, std::string_view token) {
  const auto parts = queue_tokens::parse(token);
  if (!parts) return Result<Status>(token_invalid());
  auto live = env.queues->cached(parts->event_id);
  if (!live) return std::nullopt;
  return status_of(*live, token, parts->number, env.clock.now());
}

Result<Status> status(Storage& storage, const AppEnv& env, std::string_view token) {
  const auto parts = queue_tokens::parse(token);
  if (!parts) return token_invalid();
  auto live = env.queues->current(storage, parts->event_id);
  if (!live) return token_invalid();
  auto status = status_of(*live, token, parts->number, env.clock.now());
  if (!status) return token_invalid();  // a number never handed out
  return std::move(*status);
}

Result<void> leave(Storage& storage, const AppEnv& env, std::string_view token) {
  auto current = status(storage, env, token);
  if (!current) return current.error();
  if (!storage.leave_queue(current->event_id, current->number))
    return Error{ErrorKind::conflict,
                 "queue_entry_ended",
                 "This place in line has already ended (" + current->state + ").",
                 {}};
  env.queues->current(storage, current->event_id);  // this node answers the change from now on
  return {};
}

Result<Draw> draw(Storage& storage, const AppEnv& env, const std::optional<Account>& reader,
                  std::string_view event_id, std::int64_t after_number, std::size_t limit) {
  auto event = events::readable(storage, env, reader, event_id);
  if (!event) return event.error();
  Draw d;
  // A read creates no room: before anyone joins there is no seed yet, and no commitment.
  if (auto changes = storage.queue_changes(event->id, 0, 0)) {
    d.room = std::move(changes->room);
  } else {
    d.room.event_id = event->id;
  }
  d.room.token_key.clear();
  d.active = queue_active(event.value(), d.room);
  d.revealed = env.clock.now() >= event->sales_open_at;
  if (!d.revealed) d.room.seed.clear();
  d.entries = storage.queue_log(event->id, after_number, limit);
  for (auto& e : d.entries) {
    e.account_id.reset();
    e.notify_email.clear();
    e.notify_phone.clear();
  }
  return d;
}

Result<std::optional<TimePoint>> admission(Storage& storage, const AppEnv& env,
                                           const Account& buyer, const Event& event,
                                           const Outlook& o, std::string_view token) {
  auto live = env.queues->current(storage, event.id);
  bool active = event.queue.enabled ||
                (live && live->read([](const QueueMemory& m) { return m.room.active_since; }));
  const auto now = env.clock.now();
  if (!active && event.queue.auto_threshold > 0) {
    if (should_activate(event.queue, o.held, o.available, 0)) {
      storage.queue_room(event.id, queue_tokens::new_room);
      storage.activate_queue(event.id, now);
      active = true;
    }
  }
  if (!active) return std::optional<TimePoint>();

  const Error required{ErrorKind::forbidden,
                       "queue_required",
                       "This event's waiting room is on: join the line (POST /api/v1/events/" +
                           event.id + "/queue) and send your admitted token in X-Queue-Token.",
                       {}};
  const auto parts = queue_tokens::parse(token);
  if (token.empty() || !parts || parts->event_id != event.id) return required;
  if (!live) live = env.queues->current(storage, event.id);
  if (!live ||
      !live->read([&](const QueueMemory& m) { return queue_tokens::verify(m.room, token); }))
    return required;
  auto entry = storage.claim_queue_entry(event.id, parts->number, buyer.id,
                                         std::chrono::seconds(event.queue.window_seconds), now);
  if (!entry) return entry.error();
  if (entry->state != QueueState::admitted || !entry->admitted_until ||
      *entry->admitted_until <= now) {
    Error e = required;
    e.message = entry->state == QueueState::waiting
                    ? "You are still waiting in line; you can shop once you are admitted."
                    : "Your checkout window has ended; join the line again.";
    return e;
  }
  return std::optional<TimePoint>(*entry->admitted_until);
}

void completed(Storage& storage, const AppEnv& env, std::string_view event_id,
               std::string_view account_id) {
  // Most orders are for events without a waiting room: only a change is worth a refresh.
  if (storage.complete_queue_entry(event_id, account_id))
    env.queues->current(storage, event_id);  // this node answers the change from now on
}

}  // namespace boxoffice::queues
