#include "app/holds.hpp"

#include <algorithm>
#include <tuple>

#include "app/events.hpp"
#include "app/hold_writer.hpp"
#include "app/queues.hpp"
#include "app/security.hpp"
#include "app/storage_workers.hpp"
#include "domain/hold_decision.hpp"

namespace boxoffice::holds {
namespace {

// Best-available seats can be taken between choosing and holding them; choosing again is cheap.
constexpr int kBestAvailableAttempts = 3;

Result<std::vector<HoldItem>> items_for(const EventInventory& i, const SeatsInFlight& in_flight,
                                        const HoldRequest& r) {
  std::vector<HoldItem> items;
  if (!r.seats.empty()) {
    for (const auto& id : r.seats) items.push_back({id.substr(0, id.find('/')), id, 1});
    return items;
  }
  const Section& section = *i.version->section(r.section);
  if (section.kind == SectionKind::standing)
    return std::vector<HoldItem>{{r.section, "", r.quantity}};
  auto seats = i.state.seats(r.section);
  in_flight.take_from(seats);
  const auto best = best_available(section, seats, r.quantity);
  if (best.empty()) {
    return Error{ErrorKind::conflict,
                 "seats_unavailable",
                 "Fewer than " + std::to_string(r.quantity) + " seats are available in " +
                     section.name + ".",
                 {{"quantity", "more than the seats available"}}};
  }
  for (const auto& id : best) items.push_back({r.section, id, 1});
  return items;
}

// The decision made on memory first, counting the places in flight as taken: what memory already
// knows is taken or full is refused without a write. The batch decides again on the database's
// rows (storage/write/hold_batch.cpp).
Result<Hold> decide_on_memory(const EventInventory& i, const SeatsInFlight& in_flight,
                              const Hold& hold) {
  HoldGround ground;
  bool standing = false;
  for (const auto& item : hold.items) {
    if (item.seat_id.empty()) {
      standing = true;
    } else if (auto state = i.state.seat_state(item.seat_id)) {
      ground.seats[item.seat_id] = *state;
    }
  }
  if (standing)
    for (auto& counts : i.counts())
      if (counts.kind == SectionKind::standing) ground.areas[counts.key] = std::move(counts);
  in_flight.take_from(ground);
  return decide_hold(hold, i.event.max_tickets_per_buyer, ground);
}

// A hold on its way down: what is needed to choose its places again, should they be taken.
struct Placing {
  Hold hold;
  HoldRequest request;
  int limit;  // the event's most places per buyer
  std::string layout_id;
  std::shared_ptr<const LayoutVersion> version;
  int attempt;
  std::string extends;  // the hold to add the places to, if any
};

// Best-available seats taken since they were chosen are chosen again, on fresh memory.
bool choose_again(const Result<Hold>& placed, const Placing& p) {
  return !placed && placed.error().code == "seats_unavailable" && p.request.seats.empty() &&
         p.attempt < kBestAvailableAttempts;
}

// Decides on memory and hands what memory allows to the hold writer, whose answer comes back on
// its own thread; a choice to make again goes back to a storage worker.
void attempt(Storage& storage, const AppEnv& env, std::shared_ptr<LiveEvent> live, Placing p,
             Placed placed) {
  for (;; ++p.attempt) {
    if (p.attempt > 1)
      if (auto fresh = env.live->current(storage, p.hold.event_id)) live = std::move(fresh);
    auto decided =
        live->decide([&p](const EventInventory& i, SeatsInFlight& in_flight) -> Result<Hold> {
          auto items = items_for(i, in_flight, p.request);
          if (!items) return items.error();
          p.hold.items = std::move(items).value();
          auto decision = decide_on_memory(i, in_flight, p.hold);
          if (decision) in_flight.add(p.hold);
          return decision;
        });
    if (choose_again(decided, p)) continue;
    if (!decided) return placed(std::move(decided));
    HoldPlacement placement{p.hold, p.limit, p.layout_id, p.version, p.extends, env.clock.now()};
    env.hold_writer->place(
        std::move(placement),
        [&env, live, p = std::move(p), placed = std::move(placed)](Result<Hold> written) mutable {
          live->landed(p.hold, written.ok());
          if (!choose_again(written, p)) return placed(std::move(written));
          ++p.attempt;
          env.workers->post([&env, live = std::move(live), p = std::move(p),
                             placed = std::move(placed)](Storage& again) mutable {
            try {
              attempt(again, env, std::move(live), std::move(p), placed);
            } catch (const StorageError&) {
              placed(storage_unavailable_error());
            } catch (const std::exception&) {
              // A worker's job must not throw: the buyer gets a 500 (the request log shows it).
              placed(Error{
                  ErrorKind::internal, "internal_error", "Something went wrong on our side.", {}});
            }
          });
        });
    return;
  }
}

Error hold_not_found(std::string_view id) {
  return not_found_error("Hold '" + std::string(id) + "'");
}

}  // namespace

namespace {

// A new hold, or more places for `extending` (the buyer's hold), decided and handed to the writer.
void place_or_add(Storage& storage, const AppEnv& env, const Account& buyer, const Client& client,
                  std::string_view event_id, const HoldRequest& request,
                  std::string_view queue_token, FieldErrors parse_errors, Placed placed,
                  const Hold* extending) {
  auto live = events::live(storage, env, buyer, event_id);
  if (!live) {
    if (parse_errors.empty()) return placed(live.error());
    parse_errors["event_id"] = "no event has this id";
    return placed(validation_error(std::move(parse_errors)));
  }
  auto [event, version, outlook] = live.value()->read([](const EventInventory& i) {
    return std::tuple{i.event, i.version, queues::outlook(i)};
  });
  const auto now = env.clock.now();
  parse_errors.merge(validate_hold_request(request, *version));
  if (!parse_errors.empty()) return placed(validation_error(std::move(parse_errors)));
  if (auto open = sales_open(event, now); !open) return placed(open.error());
  auto window = queues::admission(storage, env, buyer, event, outlook, queue_token);
  if (!window) return placed(window.error());
  if (env.hold_throttle)
    if (const int wait = env.hold_throttle->begin("", client.address, client.loopback); wait > 0) {
      Error e{ErrorKind::rate_limited,
              "too_many_holds",
              "Too many holds from here; try again in " + std::to_string(wait) + " seconds.",
              {}};
      e.retry_after_seconds = wait;
      return placed(std::move(e));
    }

  Placing p{{security::new_id("hld"),
             event.id,
             buyer.id,
             HoldStatus::active,
             now,
             now + std::chrono::seconds(event.hold_seconds),
             {}},
            request,
            event.max_tickets_per_buyer,
            event.layout_id,
            version,
            1,
            {}};
  // A hold never outlives its buyer's checkout window.
  if (window.value()) p.hold.expires_at = std::min(p.hold.expires_at, *window.value());
  if (extending) {
    // The places join the hold, which keeps its id and its end (extend_hold, in the batch).
    p.hold.id = extending->id;
    p.hold.created_at = extending->created_at;
    p.hold.expires_at = extending->expires_at;
    p.extends = extending->id;
  }
  attempt(storage, env, std::move(live).value(), std::move(p), std::move(placed));
}

}  // namespace

void place(Storage& storage, const AppEnv& env, const Account& buyer, const Client& client,
           std::string_view event_id, const HoldRequest& request, std::string_view queue_token,
           FieldErrors parse_errors, Placed placed) {
  place_or_add(storage, env, buyer, client, event_id, request, queue_token, std::move(parse_errors),
               std::move(placed), nullptr);
}

void add_places(Storage& storage, const AppEnv& env, const Account& buyer, const Client& client,
                std::string_view id, std::string_view event_id, const HoldRequest& request,
                std::string_view queue_token, FieldErrors parse_errors, Placed placed) {
  auto hold = storage.hold(id);
  if (!hold) return placed(hold_not_found(id));
  if (hold->account_id != buyer.id)
    return placed(
        Error{ErrorKind::forbidden, "forbidden", "This hold belongs to another buyer.", {}});
  if (!event_id.empty() && event_id != hold->event_id)
    parse_errors["event_id"] = "is not the event of this hold";
  // Refused early on what was read; the batch checks again on the hold's row as locked.
  if (parse_errors.empty() && !hold->active_at(env.clock.now()))
    return placed(hold_not_active_error(hold->status == HoldStatus::active ? HoldStatus::expired
                                                                           : hold->status));
  const Hold stored = std::move(*hold);
  place_or_add(storage, env, buyer, client, stored.event_id, request, queue_token,
               std::move(parse_errors), std::move(placed), &stored);
}

Result<Hold> get(Storage& storage, const Account& reader, std::string_view id) {
  auto hold = storage.hold(id);
  if (!hold) return hold_not_found(id);
  if (hold->account_id != reader.id && !allows(reader.role, Permission::manage_events))
    return Error{ErrorKind::forbidden, "forbidden", "This hold belongs to another buyer.", {}};
  return std::move(*hold);
}

std::vector<Hold> active_of(Storage& storage, const AppEnv& env, const Account& buyer,
                            std::string_view event_id) {
  auto holds = storage.active_holds(event_id, buyer.id);
  // The sweeper may not have ended a hold whose time is up yet.
  std::erase_if(holds, [now = env.clock.now()](const Hold& h) { return !h.active_at(now); });
  return holds;
}

Result<void> release(Storage& storage, const Account& reader, std::string_view id) {
  auto hold = get(storage, reader, id);
  if (!hold) return hold.error();
  if (!storage.end_hold(id, HoldStatus::released)) return hold_not_active_error(hold->status);
  return {};
}

Result<Hold> release_part(Storage& storage, const AppEnv& env, const Account& buyer,
                          std::string_view id, const HoldRelease& release,
                          FieldErrors parse_errors) {
  // Who may release part of a hold is who may release all of it: its buyer, or a manager helping.
  auto hold = get(storage, buyer, id);
  if (!hold) return hold.error();
  const auto now = env.clock.now();
  if (!parse_errors.empty()) {
    // What else is wrong, judged on the hold as read; not under a field that did not parse.
    if (auto checked = after_release(hold.value(), release, now);
        !checked && checked.error().kind == ErrorKind::invalid) {
      for (const auto& problem : checked.error().fields) {
        const std::string& field = problem.first;  // a lambda cannot capture a binding in clang 14
        const bool under_bad_field =
            std::any_of(parse_errors.begin(), parse_errors.end(), [&field](const auto& bad) {
              return field.starts_with(bad.first) &&
                     (field.size() == bad.first.size() || field[bad.first.size()] == '.');
            });
        if (!under_bad_field) parse_errors.emplace(field, problem.second);
      }
    }
    return validation_error(std::move(parse_errors));
  }
  return storage.release_part(id, release, now);
}

std::vector<Hold> expire_due(Storage& storage, const AppEnv& env) {
  return storage.expire_holds(env.clock.now(), 500);
}

}  // namespace boxoffice::holds
