#include "domain/queue.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace boxoffice {
namespace {

constexpr std::array<std::pair<QueueState, std::string_view>, 5> kStates{{
    {QueueState::waiting, "waiting"},
    {QueueState::admitted, "admitted"},
    {QueueState::expired, "expired"},
    {QueueState::left, "left"},
    {QueueState::completed, "completed"},
}};

}  // namespace

std::string_view to_string(QueueState state) {
  for (const auto& [s, name] : kStates)
    if (s == state) return name;
  return "waiting";
}

std::optional<QueueState> parse_queue_state(std::string_view text) {
  for (const auto& [s, name] : kStates)
    if (name == text) return s;
  return std::nullopt;
}

Result<void> claim_entry(QueueRoom& room, QueueEntry& entry, const std::string& account_id,
                         bool has_other_live_entry) {
  if (entry.account_id && *entry.account_id != account_id)
    return Error{ErrorKind::conflict,
                 "queue_token_taken",
                 "This queue token is already used by another account.",
                 {}};
  if (has_other_live_entry)
    return Error{ErrorKind::conflict,
                 "queue_entry_exists",
                 "Your account already has another place in this event's line.",
                 {}};
  entry.account_id = account_id;
  entry.seq = ++room.seq;
  return {};
}

bool end_entry(QueueRoom& room, QueueEntry& entry, QueueState why, bool admitted_only) {
  const bool was_admitted = entry.state == QueueState::admitted;
  if (!was_admitted && (admitted_only || entry.state != QueueState::waiting)) return false;
  --(was_admitted ? room.admitted : room.waiting);
  entry.state = why;
  entry.seq = ++room.seq;
  return true;
}

void admit(QueueRoom& room, std::vector<QueueEntry>& next, TimePoint now, CheckoutWindow window) {
  ++room.seq;
  room.admitted += static_cast<std::int64_t>(next.size());
  room.waiting -= static_cast<std::int64_t>(next.size());
  for (auto& e : next) {
    e.state = QueueState::admitted;
    e.admitted_at = now;
    e.admitted_until = now + std::min(window.whole, window.start_within);
    e.seq = room.seq;
  }
}

bool whole_window(const QueueEntry& entry, std::chrono::seconds window) {
  return entry.admitted_at && entry.admitted_until &&
         *entry.admitted_until >= *entry.admitted_at + window;
}

bool start_shopping(QueueRoom& room, QueueEntry& entry, std::chrono::seconds window,
                    TimePoint now) {
  if (entry.state != QueueState::admitted || whole_window(entry, window) ||
      *entry.admitted_until <= now)
    return false;
  entry.admitted_until = *entry.admitted_at + window;
  entry.seq = ++room.seq;
  return true;
}

bool queue_active(const Event& event, const QueueRoom& room) {
  return event.queue.enabled || room.active_since.has_value();
}

bool should_activate(const QueueSettings& settings, std::int64_t held, std::int64_t available,
                     std::int64_t waiting) {
  if (settings.enabled) return true;
  if (settings.auto_threshold > 0 && held >= settings.auto_threshold) return true;
  return available == 0 && waiting > 0;
}

std::int64_t admissions(const QueueSettings& settings, std::int64_t admitted,
                        std::int64_t available) {
  return std::max<std::int64_t>(
      0, std::min<std::int64_t>(settings.max_active - admitted, available - admitted));
}

void AdmissionRate::record(TimePoint at, std::int64_t count) {
  if (count <= 0) return;
  if (!admitted_.empty() && admitted_.back().first == at) {
    admitted_.back().second += count;
  } else {
    admitted_.emplace_back(at, count);
  }
  while (!admitted_.empty() && admitted_.front().first <= at - kWindow) admitted_.pop_front();
}

std::optional<double> AdmissionRate::per_second(TimePoint now) const {
  std::int64_t total = 0;
  TimePoint first = now;
  for (const auto& [at, count] : admitted_) {
    if (at <= now - kWindow) continue;
    total += count;
    first = std::min(first, at);
  }
  if (total == 0) return std::nullopt;
  // Over at least a minute, so that the first burst of admissions at sales opening does not
  // promise everyone else the same pace.
  const auto span = std::max<std::int64_t>((now - first).count(), 60);
  return static_cast<double>(total) / static_cast<double>(span);
}

std::int64_t estimated_wait_seconds(std::int64_t ahead, std::optional<double> measured,
                                    const QueueSettings& settings) {
  if (ahead <= 0) return 0;
  const double rate = measured.value_or(static_cast<double>(settings.max_active) /
                                        static_cast<double>(settings.window_seconds));
  return static_cast<std::int64_t>(std::ceil(static_cast<double>(ahead) / rate));
}

void QueueLine::apply(const QueueEntry& entry) {
  if (entry.number < 1) return;
  const auto index = static_cast<std::size_t>(entry.number - 1);
  if (index >= slots_.size()) slots_.resize(index + 1);
  Slot& slot = slots_[index];
  if (slot.seq != 0 && slot.seq >= entry.seq) return;
  if (slot.seq != 0 && slot.state == QueueState::waiting)
    waiting_.erase({slot.order_key, entry.number});
  slot = {entry.order_key, entry.seq, entry.admitted_until ? to_unix(*entry.admitted_until) : 0,
          entry.state, 0};
  if (entry.admitted_at && entry.admitted_until)
    slot.granted =
        static_cast<std::int32_t>(to_unix(*entry.admitted_until) - to_unix(*entry.admitted_at));
  if (slot.state == QueueState::waiting) waiting_.insert({slot.order_key, entry.number});
}

const QueueLine::Slot* QueueLine::slot(std::int64_t number) const {
  if (number < 1 || number > last_number()) return nullptr;
  const Slot& slot = slots_[static_cast<std::size_t>(number - 1)];
  return slot.seq == 0 ? nullptr : &slot;
}

std::optional<std::int64_t> QueueLine::ahead(std::int64_t number) const {
  const Slot* s = slot(number);
  if (!s || s->state != QueueState::waiting) return std::nullopt;
  return waiting_.rank({s->order_key, number});
}

}  // namespace boxoffice
