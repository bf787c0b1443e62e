#include "app/events.hpp"

#include <algorithm>

#include "app/security.hpp"
#include "app/settlements.hpp"

namespace boxoffice::events {
namespace {

Error event_not_found(std::string_view id) {
  return not_found_error("Event '" + std::string(id) + "'");
}

Error cancelled_error() {
  return {ErrorKind::conflict, "event_cancelled", "A cancelled event cannot be changed.", {}};
}

bool reads_all(const std::optional<Account>& a) {
  return a && allows(a->role, Permission::read_all_events);
}

AuditEntry audit(const Event& e, const Account& actor, TimePoint at, std::string action,
                 std::string detail = "") {
  return {e.id, at, actor.id, std::move(action), std::move(detail)};
}

// The names of the settings that differ, for the audit trail.
std::string changed_fields(const EventDetails& a, const EventDetails& b) {
  std::string out;
  auto note = [&](bool differs, const char* name) {
    if (differs) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  note(a.name != b.name, "name");
  note(a.description != b.description, "description");
  note(a.performers != b.performers, "performers");
  note(a.starts_at != b.starts_at, "starts_at");
  note(a.doors_at != b.doors_at, "doors_at");
  note(a.ends_at != b.ends_at, "ends_at");
  note(a.venue_id != b.venue_id, "venue_id");
  note(a.layout_id != b.layout_id, "layout_id");
  note(a.sales_open_at != b.sales_open_at, "sales_open_at");
  note(a.sales_close_at != b.sales_close_at, "sales_close_at");
  note(a.visibility != b.visibility, "visibility");
  note(a.public_at != b.public_at, "public_at");
  note(a.max_tickets_per_buyer != b.max_tickets_per_buyer, "max_tickets_per_buyer");
  note(a.currency != b.currency, "currency");
  note(a.hold_seconds != b.hold_seconds, "hold_seconds");
  note(a.queue.enabled != b.queue.enabled || a.queue.max_active != b.queue.max_active ||
           a.queue.auto_threshold != b.queue.auto_threshold ||
           a.queue.window_seconds != b.queue.window_seconds,
       "queue");
  note(a.section_caps != b.section_caps, "section_caps");
  return out;
}

// Validates `details` against the venue and layout they name; the layout is returned for pinning.
Result<Layout> checked_layout(Storage& storage, const AppEnv& env, const EventDetails& details,
                              const EventDetails* before, FieldErrors errors) {
  const bool venue_exists = !details.venue_id.empty() && storage.venue(details.venue_id);
  std::optional<Layout> layout;
  if (venue_exists && !details.layout_id.empty())
    layout = storage.layout(details.venue_id, details.layout_id);
  errors.merge(validate_event(
      details, {env.clock.now(), venue_exists, layout ? &*layout : nullptr, before}));
  if (!errors.empty()) return validation_error(std::move(errors));
  return std::move(*layout);
}

}  // namespace

LayoutVersion pinned(Storage& storage, const Event& event) {
  auto layout = storage.layout(event.venue_id, event.layout_id);
  if (layout)
    for (auto& v : layout->versions)
      if (v.version == event.layout_version) return std::move(v);
  throw StorageError("event " + event.id + " is pinned to a missing layout version");
}

bool may_read(const Event& event, const std::optional<Account>& reader, TimePoint now) {
  return reads_all(reader) || publicly_readable(event, now);
}

Result<Event> readable(Storage& storage, const AppEnv& env, const std::optional<Account>& reader,
                       std::string_view id) {
  auto e = storage.event(id);
  if (!e || !may_read(*e, reader, env.clock.now())) return event_not_found(id);
  return std::move(*e);
}

Page list(Storage& storage, const AppEnv& env, const std::optional<Account>& reader,
          const EventQuery& query, std::size_t limit, std::size_t offset) {
  auto all = storage.list_events(query);
  if (!reads_all(reader)) {
    const auto now = env.clock.now();
    std::erase_if(all, [&](const Event& e) { return !publicly_listed(e, now); });
  }
  Page page;
  page.total = all.size();
  const auto first = std::min(offset, all.size());
  const auto last = std::min(all.size(), first + limit);
  page.events.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first)),
                     std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(last)));
  return page;
}

Result<Event> create(Storage& storage, const AppEnv& env, const Account& actor,
                     const EventDetails& details, FieldErrors parse_errors) {
  auto layout = checked_layout(storage, env, details, nullptr, std::move(parse_errors));
  if (!layout) return layout.error();
  const LayoutVersion& version = *pinned_version(layout.value(), details.starts_at);
  const auto now = env.clock.now();
  Event e;
  static_cast<EventDetails&>(e) = details;
  e.id = security::new_id("evt");
  e.layout_version = version.version;
  e.created_at = e.updated_at = now;
  storage.insert_event(e, version, audit(e, actor, now, "create"));
  return e;
}

Result<Event> update(Storage& storage, const AppEnv& env, const Account& actor,
                     const Event& current, const EventDetails& details,
                     std::optional<int> expected_revision, FieldErrors parse_errors) {
  if (current.status == EventStatus::cancelled) {
    return Error{
        ErrorKind::conflict, "event_cancelled", "A cancelled event cannot be changed.", {}};
  }
  auto layout = checked_layout(storage, env, details, &current, std::move(parse_errors));
  if (!layout) return layout.error();
  Event updated = current;
  static_cast<EventDetails&>(updated) = details;
  updated.updated_at = env.clock.now();
  // Re-pinned only when the date or the layout changes; a newer version alone waits for
  // move-layout, so that nobody's seats move without a manager asking.
  const LayoutVersion* repin = nullptr;
  if (details.layout_id != current.layout_id || details.starts_at != current.starts_at) {
    repin = pinned_version(layout.value(), details.starts_at);
    if (repin->version == current.layout_version && details.layout_id == current.layout_id)
      repin = nullptr;
    else
      updated.layout_version = repin->version;
  }
  return storage.update_event(
      updated, expected_revision.value_or(current.revision), repin,
      audit(current, actor, updated.updated_at, "update", changed_fields(current, details)));
}

Result<Event> transition(Storage& storage, const AppEnv& env, const Account& actor,
                         std::string_view id, Transition t) {
  auto current = storage.event(id);
  if (!current) return event_not_found(id);
  auto next = next_status(current->status, t);
  if (!next) return next.error();
  if (t == Transition::publish && storage.ticket_types(id).empty()) {
    return Error{ErrorKind::conflict,
                 "no_ticket_types",
                 "Add at least one ticket type before publishing.",
                 {}};
  }
  Event updated = *current;
  updated.status = next.value();
  updated.updated_at = env.clock.now();
  return storage.update_event(updated, current->revision, nullptr,
                              audit(updated, actor, updated.updated_at, std::string(to_string(t))));
}

Result<Cancellation> cancel(Storage& storage, const AppEnv& env, const Account& actor,
                            std::string_view id, CancelRequest request) {
  auto current = storage.event(id);
  if (!current) return event_not_found(id);
  const auto now = env.clock.now();
  FieldErrors errors;
  if (request.resolution == Resolution::voucher && !request.rescheduled_event_id)
    errors["rescheduled_event_id"] = "is required for vouchers: name the rescheduled show";
  if (request.rescheduled_event_id) {
    auto other = storage.event(*request.rescheduled_event_id);
    if (!other || other->id == current->id || other->status == EventStatus::cancelled)
      errors["rescheduled_event_id"] = "must name another event that is not cancelled";
    else if (other->currency != current->currency)
      errors["rescheduled_event_id"] = "must sell in the same currency (" + current->currency +
                                       "), so that vouchers keep their value";
  }
  if (request.choice_deadline && request.resolution != Resolution::buyer_choice)
    errors["choice_deadline"] = "is only for buyer_choice";
  else if (request.choice_deadline && *request.choice_deadline <= now)
    errors["choice_deadline"] = "must be in the future";
  if (!errors.empty()) return validation_error(std::move(errors));

  auto next = next_status(current->status, Transition::cancel);
  if (!next) return next.error();
  Event updated = *current;
  updated.status = next.value();
  updated.updated_at = now;
  Settlement settlement{
      current->id, request.resolution, request.rescheduled_event_id, request.choice_deadline,
      now,         std::nullopt};
  if (request.resolution == Resolution::buyer_choice && !settlement.choice_deadline)
    settlement.choice_deadline = now + kDefaultChoiceDays;
  std::string detail = "resolution=" + std::string(to_string(request.resolution));
  if (request.rescheduled_event_id)
    detail += " rescheduled_event_id=" + *request.rescheduled_event_id;
  auto stored = storage.update_event(updated, current->revision, nullptr,
                                     audit(updated, actor, now, "cancel", detail), &settlement);
  if (!stored) return stored.error();

  Cancellation out{std::move(stored).value(), settlement, {}, 0, 0, false};
  out.finished = settlements::settle_within(storage, env, settlement, kCancelSettleBudget);
  if (auto sum = settlements::summary(storage, id)) {
    out.settlement = sum.value().settlement;
    out.orders = std::move(sum.value().orders);
    out.orders_settled = sum.value().orders_settled;
    out.amount_settled = sum.value().amount_settled;
  }
  return out;
}

Result<Event> duplicate(Storage& storage, const AppEnv& env, const Account& actor,
                        const Event& source, const EventDetails& details,
                        FieldErrors parse_errors) {
  auto created = create(storage, env, actor, details, std::move(parse_errors));
  if (!created) return created;
  for (auto type : storage.ticket_types(source.id)) {
    type.id = security::new_id("tt");
    type.event_id = created.value().id;
    type.created_at = env.clock.now();
    storage.insert_ticket_type(type);
  }
  return created;
}

Result<Event> move_layout(Storage& storage, const AppEnv& env, const Account& actor,
                          std::string_view id, std::optional<int> version) {
  auto current = storage.event(id);
  if (!current) return event_not_found(id);
  if (current->status == EventStatus::cancelled) return cancelled_error();
  auto layout = storage.layout(current->venue_id, current->layout_id);
  if (!layout) throw StorageError("event " + current->id + " names a missing layout");
  const LayoutVersion* target = pinned_version(*layout, current->starts_at);
  if (version) {
    target = nullptr;
    for (const auto& v : layout->versions)
      if (v.version == *version) target = &v;
    if (!target) return validation_error({{"version", "the layout has no such version"}});
  }
  if (target->version == current->layout_version) return std::move(*current);
  Event updated = *current;
  updated.layout_version = target->version;
  updated.updated_at = env.clock.now();
  return storage.update_event(updated, current->revision, target,
                              audit(updated, actor, updated.updated_at, "move-layout",
                                    "version " + std::to_string(current->layout_version) + " to " +
                                        std::to_string(target->version)));
}

}  // namespace boxoffice::events
