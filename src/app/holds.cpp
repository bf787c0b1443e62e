#include "app/holds.hpp"

#include <algorithm>
#include <tuple>

#include "app/events.hpp"
#include "app/hold_writer.hpp"
#include "app/queues.hpp"
#include "app/security.hpp"
#include "domain/hold_decision.hpp"

namespace boxoffice::holds {
namespace {

// Best-available seats can be taken between choosing and holding them; choosing again is cheap.
constexpr int kBestAvailableAttempts = 3;

Result<std::vector<HoldItem>> items_for(const LiveEvent& live, const HoldRequest& r) {
  std::vector<HoldItem> items;
  if (!r.seats.empty()) {
    for (const auto& id : r.seats) items.push_back({id.substr(0, id.find('/')), id, 1});
    return items;
  }
  auto [name, seats] = live.read([&](const EventInventory& i) {
    const Section& section = *i.version->section(r.section);
    if (section.kind == SectionKind::standing)
      return std::pair{section.name, std::optional<std::vector<std::string>>()};
    return std::pair{section.name,
                     std::optional(best_available(section, i.state.seats(r.section), r.quantity))};
  });
  if (!seats) return std::vector<HoldItem>{{r.section, "", r.quantity}};
  if (seats->empty()) {
    return Error{
        ErrorKind::conflict,
        "seats_unavailable",
        "Fewer than " + std::to_string(r.quantity) + " seats are available in " + name + ".",
        {{"quantity", "more than the seats available"}}};
  }
  for (auto& id : *seats) items.push_back({r.section, std::move(id), 1});
  return items;
}

// The decision made on memory first: what memory already knows is taken or full is refused
// without a write. The batch decides again on the database's rows (storage/write/hold_batch.cpp).
Result<Hold> decide_on_memory(const EventInventory& i, const Hold& hold) {
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
  return decide_hold(hold, i.event.max_tickets_per_buyer, ground);
}

Error hold_not_found(std::string_view id) {
  return not_found_error("Hold '" + std::string(id) + "'");
}

}  // namespace

Result<Hold> place(Storage& storage, const AppEnv& env, const Account& buyer,
                   std::string_view event_id, const HoldRequest& request,
                   std::string_view queue_token, FieldErrors parse_errors) {
  auto live = events::live(storage, env, buyer, event_id);
  if (!live) {
    if (parse_errors.empty()) return live.error();
    parse_errors["event_id"] = "no event has this id";
    return validation_error(std::move(parse_errors));
  }
  auto [event, version, outlook] = live.value()->read([](const EventInventory& i) {
    return std::tuple{i.event, i.version, queues::outlook(i)};
  });
  const auto now = env.clock.now();
  parse_errors.merge(validate_hold_request(request, *version));
  if (!parse_errors.empty()) return validation_error(std::move(parse_errors));
  if (auto open = sales_open(event, now); !open) return open.error();
  auto window = queues::admission(storage, env, buyer, event, outlook, queue_token);
  if (!window) return window.error();

  Hold hold{security::new_id("hld"),
            event.id,
            buyer.id,
            HoldStatus::active,
            now,
            now + std::chrono::seconds(event.hold_seconds),
            {}};
  // A hold never outlives its buyer's checkout window.
  if (window.value()) hold.expires_at = std::min(hold.expires_at, *window.value());

  for (int attempt = 1;; ++attempt) {
    auto items = items_for(*live.value(), request);
    if (!items) return items.error();
    hold.items = std::move(items).value();
    auto placed =
        live.value()->read([&](const EventInventory& i) { return decide_on_memory(i, hold); });
    if (placed)
      placed =
          env.hold_writer->place({hold, event.max_tickets_per_buyer, event.layout_id, version});
    const bool retry = !placed && placed.error().code == "seats_unavailable" &&
                       request.seats.empty() && attempt < kBestAvailableAttempts;
    if (!retry) return placed;
    if (auto fresh = env.live->current(storage, event.id)) live.value() = std::move(fresh);
  }
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
