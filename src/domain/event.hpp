#pragma once
// Concerts: their details, validation, sales lifecycle and visibility.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/layout.hpp"
#include "domain/time.hpp"

namespace boxoffice {

enum class EventStatus { draft, on_sale, paused, closed, cancelled };
enum class Visibility { listed, hidden, scheduled };  // "public", "hidden", "scheduled"

std::string_view to_string(EventStatus status);
std::optional<EventStatus> parse_event_status(std::string_view text);
std::string_view to_string(Visibility visibility);
std::optional<Visibility> parse_visibility(std::string_view text);

struct QueueSettings {
  bool enabled = false;
  int max_active = 1000;         // admitted shoppers at once
  int auto_threshold = 0;        // turn the waiting room on above this many shoppers; 0: never
  int window_seconds = 30 * 60;  // an admitted shopper's checkout window
};

inline constexpr int kDefaultHoldSeconds = 1800;
inline constexpr int kMinHoldSeconds = 60;
inline constexpr int kMaxHoldSeconds = 3600;
inline constexpr int kMaxTicketsPerBuyer = 100;

// What a manager sets on an event.
struct EventDetails {
  std::string name;
  std::string description;
  std::vector<std::string> performers;
  TimePoint starts_at;
  std::optional<TimePoint> doors_at;
  std::optional<TimePoint> ends_at;
  std::string venue_id;
  std::string layout_id;
  TimePoint sales_open_at;
  TimePoint sales_close_at;
  Visibility visibility = Visibility::listed;
  std::optional<TimePoint> public_at;
  int max_tickets_per_buyer = 8;
  std::string currency;
  int hold_seconds = kDefaultHoldSeconds;
  QueueSettings queue;
  std::map<std::string, std::int64_t> section_caps;  // section key -> most places sold there
};

struct Event : EventDetails {
  std::string id;
  int layout_version = 0;  // pinned: the version in force on starts_at when it was set
  EventStatus status = EventStatus::draft;
  TimePoint created_at;
  TimePoint updated_at;
  int revision = 1;  // bumped by every change, so concurrent edits cannot overwrite each other
};

// Who changed what and when, readable by managers.
struct AuditEntry {
  std::string event_id;
  TimePoint at;
  std::string actor_id;
  std::string action;  // "create", "update", "publish", "pause-sales", ...
  std::string detail;
};

// What validation needs to know besides the details themselves.
struct EventCheck {
  TimePoint now;
  bool venue_exists = false;
  const Layout* layout = nullptr;        // null when unknown or not in the venue
  const EventDetails* before = nullptr;  // the current details when updating
};

// Names every bad field. Times that are not changed by an update are not re-checked against now.
FieldErrors validate_event(const EventDetails& details, const EventCheck& check);

// The layout version an event on `starts_at` uses, or null.
const LayoutVersion* pinned_version(const Layout& layout, TimePoint starts_at);

// The 409 for a write based on an older revision of the event.
Error edit_conflict_error(int current_revision);

// Sales lifecycle.
enum class Transition { publish, pause_sales, resume_sales, close_sales, reopen_sales, cancel };
std::string_view to_string(Transition transition);
Result<EventStatus> next_status(EventStatus from, Transition transition);

// Whether buyers can hold now, and if not, the error that says why.
Result<void> sales_open(const Event& event, TimePoint now);
// 409 "sales_paused", "sales_closed" or "event_cancelled" when a manager has stopped sales: no
// hold and no order then, also for a hold made before.
Result<void> sales_not_stopped(EventStatus status);
// Sales have ended for good (closed, cancelled, or past sales_close_at), not merely paused or
// yet to open.
bool sales_over(const Event& event, TimePoint now);

// Visibility: who may see the event in listings, and by its id.
bool publicly_listed(const Event& event, TimePoint now);
bool publicly_readable(const Event& event, TimePoint now);

// Another show like `source` at `starts_at`: every other time moves by the same amount.
EventDetails shifted_copy(const EventDetails& source, TimePoint starts_at);

}  // namespace boxoffice
