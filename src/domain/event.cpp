#include "domain/event.hpp"

#include "domain/money.hpp"

namespace boxoffice {

std::string_view to_string(EventStatus status) {
  switch (status) {
    case EventStatus::draft:
      return "draft";
    case EventStatus::on_sale:
      return "on_sale";
    case EventStatus::paused:
      return "paused";
    case EventStatus::closed:
      return "closed";
    case EventStatus::cancelled:
      return "cancelled";
  }
  return "draft";
}

std::optional<EventStatus> parse_event_status(std::string_view text) {
  for (auto s : {EventStatus::draft, EventStatus::on_sale, EventStatus::paused, EventStatus::closed,
                 EventStatus::cancelled})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::string_view to_string(Visibility visibility) {
  switch (visibility) {
    case Visibility::listed:
      return "public";
    case Visibility::hidden:
      return "hidden";
    case Visibility::scheduled:
      return "scheduled";
  }
  return "hidden";
}

std::optional<Visibility> parse_visibility(std::string_view text) {
  for (auto v : {Visibility::listed, Visibility::hidden, Visibility::scheduled})
    if (to_string(v) == text) return v;
  return std::nullopt;
}

std::string_view to_string(Transition transition) {
  switch (transition) {
    case Transition::publish:
      return "publish";
    case Transition::pause_sales:
      return "pause-sales";
    case Transition::resume_sales:
      return "resume-sales";
    case Transition::close_sales:
      return "close-sales";
    case Transition::reopen_sales:
      return "reopen-sales";
    case Transition::cancel:
      return "cancel";
  }
  return "publish";
}

const LayoutVersion* pinned_version(const Layout& layout, TimePoint starts_at) {
  return layout.in_force_at(starts_at);
}

namespace {

bool changed(const EventCheck& c, TimePoint EventDetails::*field, const EventDetails& d) {
  return !c.before || c.before->*field != d.*field;
}

void check_text(FieldErrors& e, const char* field, const std::string& value, std::size_t max,
                bool required) {
  if (required && value.empty())
    e[field] = "is required";
  else if (value.size() > max)
    e[field] = "must have at most " + std::to_string(max) + " characters";
}

void check_range(FieldErrors& e, const std::string& field, std::int64_t value, std::int64_t lo,
                 std::int64_t hi) {
  if (value < lo || value > hi)
    e[field] = "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
}

}  // namespace

FieldErrors validate_event(const EventDetails& d, const EventCheck& c) {
  FieldErrors e;
  check_text(e, "name", d.name, 200, true);
  check_text(e, "description", d.description, 10'000, false);
  if (d.performers.size() > 50) e["performers"] = "at most 50 performers";
  for (std::size_t i = 0; i < d.performers.size() && i < 50; ++i) {
    if (d.performers[i].empty() || d.performers[i].size() > 200)
      e["performers[" + std::to_string(i) + "]"] = "must have 1 to 200 characters";
  }

  if (changed(c, &EventDetails::starts_at, d) && d.starts_at <= c.now)
    e["starts_at"] = "must be in the future";
  if (d.doors_at && *d.doors_at > d.starts_at) e["doors_at"] = "must not be after starts_at";
  if (d.ends_at && *d.ends_at <= d.starts_at) e["ends_at"] = "must be after starts_at";
  if (d.sales_open_at >= d.sales_close_at) e["sales_open_at"] = "must be before sales_close_at";
  if (d.sales_close_at > d.starts_at)
    e["sales_close_at"] = "must not be after starts_at";
  else if (changed(c, &EventDetails::sales_close_at, d) && d.sales_close_at <= c.now)
    e["sales_close_at"] = "must be in the future";

  if (d.visibility == Visibility::scheduled) {
    if (!d.public_at)
      e["public_at"] = "is required when visibility is scheduled";
    else if (*d.public_at >= d.starts_at)
      e["public_at"] = "must be before starts_at";
  } else if (d.public_at) {
    e["public_at"] = "is only for visibility scheduled";
  }

  check_range(e, "max_tickets_per_buyer", d.max_tickets_per_buyer, 1, kMaxTicketsPerBuyer);
  check_range(e, "hold_seconds", d.hold_seconds, kMinHoldSeconds, kMaxHoldSeconds);
  check_range(e, "queue.max_active", d.queue.max_active, 1, 1'000'000);
  check_range(e, "queue.auto_threshold", d.queue.auto_threshold, 0, 10'000'000);
  check_range(e, "queue.window_seconds", d.queue.window_seconds, 60, 4 * 3600);
  if (!is_iso_currency(d.currency))
    e["currency"] = d.currency.empty() ? "is required (an ISO 4217 code such as EUR)"
                                       : "'" + d.currency + "' is not an ISO 4217 currency code";

  if (!c.venue_exists) {
    e["venue_id"] = d.venue_id.empty() ? "is required" : "no venue has this id";
  } else if (!c.layout) {
    e["layout_id"] = d.layout_id.empty() ? "is required" : "this venue has no layout with this id";
  } else if (const LayoutVersion* v = pinned_version(*c.layout, d.starts_at); !v) {
    e["layout_id"] = "no version of this layout is in force on " + format_rfc3339(d.starts_at);
  } else {
    for (const auto& [key, cap] : d.section_caps) {
      const std::string field = "section_caps." + key;
      if (const Section* s = v->section(key))
        check_range(e, field, cap, 0, s->places());
      else
        e[field] = "the layout has no section '" + key + "'";
    }
  }
  return e;
}

Error edit_conflict_error(int current_revision) {
  return {ErrorKind::conflict,
          "edit_conflict",
          "The event was changed by someone else meanwhile (revision " +
              std::to_string(current_revision) + "); reload it and try again.",
          {{"revision", "is " + std::to_string(current_revision)}}};
}

Result<EventStatus> next_status(EventStatus from, Transition t) {
  using S = EventStatus;
  auto refuse = [&](std::string why) -> Result<EventStatus> {
    return Error{ErrorKind::conflict,
                 "invalid_transition",
                 "Cannot " + std::string(to_string(t)) + " an event that is " +
                     std::string(to_string(from)) + ": " + why + ".",
                 {}};
  };
  switch (t) {
    case Transition::publish:
      if (from == S::draft) return S::on_sale;
      return refuse("only drafts are published");
    case Transition::pause_sales:
      if (from == S::on_sale) return S::paused;
      return refuse("only an event on sale can be paused");
    case Transition::resume_sales:
      if (from == S::paused) return S::on_sale;
      return refuse("only paused sales can be resumed");
    case Transition::close_sales:
      if (from == S::on_sale || from == S::paused) return S::closed;
      return refuse("only an event on sale or paused can close its sales");
    case Transition::reopen_sales:
      if (from == S::closed) return S::on_sale;
      return refuse("only closed sales can be reopened");
    case Transition::cancel:
      if (from != S::cancelled) return S::cancelled;
      return refuse("it is cancelled already");
  }
  return refuse("unknown transition");
}

Result<void> sales_not_stopped(EventStatus status) {
  auto closed = [](std::string code, std::string message) {
    return Error{ErrorKind::conflict, std::move(code), std::move(message), {}};
  };
  switch (status) {
    case EventStatus::paused:
      return closed("sales_paused", "Sales for this event are paused for now.");
    case EventStatus::closed:
      return closed("sales_closed", "Sales for this event are closed.");
    case EventStatus::cancelled:
      return closed("event_cancelled", "This event is cancelled.");
    case EventStatus::draft:
    case EventStatus::on_sale:
      break;
  }
  return {};
}

Result<void> sales_open(const Event& ev, TimePoint now) {
  auto closed = [](std::string code, std::string message) {
    return Error{ErrorKind::conflict, std::move(code), std::move(message), {}};
  };
  if (ev.status == EventStatus::draft)
    return closed("sales_not_open", "This event is not published yet.");
  if (auto stopped = sales_not_stopped(ev.status); !stopped) return stopped;
  if (now < ev.sales_open_at)
    return closed("sales_not_open", "Sales open at " + format_rfc3339(ev.sales_open_at) + ".");
  if (now >= ev.sales_close_at) return closed("sales_closed", "Sales for this event have ended.");
  return {};
}

bool sales_over(const Event& ev, TimePoint now) {
  return ev.status == EventStatus::closed || ev.status == EventStatus::cancelled ||
         now >= ev.sales_close_at;
}

bool publicly_readable(const Event& ev, TimePoint now) {
  if (ev.status == EventStatus::draft) return false;
  return ev.visibility != Visibility::scheduled || (ev.public_at && *ev.public_at <= now);
}

bool publicly_listed(const Event& ev, TimePoint now) {
  return ev.visibility != Visibility::hidden && publicly_readable(ev, now);
}

EventDetails shifted_copy(const EventDetails& source, TimePoint starts_at) {
  EventDetails d = source;
  const auto delta = starts_at - source.starts_at;
  d.starts_at = starts_at;
  d.sales_open_at += delta;
  d.sales_close_at += delta;
  if (d.doors_at) *d.doors_at += delta;
  if (d.ends_at) *d.ends_at += delta;
  if (d.public_at) *d.public_at += delta;
  return d;
}

}  // namespace boxoffice
