#include "app/live_inventory.hpp"

#include <algorithm>

#include "app/events.hpp"

namespace boxoffice {
namespace {

constexpr std::size_t kChangesPerRead = 5000;
// Changes are kept long enough for any node that is merely slow; a node that falls further
// behind (or a new one) starts from a snapshot anyway.
constexpr auto kKeepChanges = std::chrono::hours(1);
constexpr auto kPruneEvery = std::chrono::minutes(10);
// An event nobody read or watched for this long leaves memory (and is loaded again on demand).
constexpr auto kForgetUnused = std::chrono::minutes(10);

}  // namespace

Watcher::Pending Watcher::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(pending_, {});
}

void Watcher::push(std::shared_ptr<const LiveUpdate> update) {
  {
    std::lock_guard lock(mutex_);
    if (pending_.resync) return;
    if (pending_.updates.size() >= kMaxPending) {
      pending_ = {true, {}};  // a slow client gets one snapshot rather than an endless backlog
    } else {
      pending_.updates.push_back(std::move(update));
    }
  }
  wake_();
}

void Watcher::resync() {
  {
    std::lock_guard lock(mutex_);
    pending_ = {true, {}};
  }
  wake_();
}

std::vector<SectionCounts> EventInventory::counts() const {
  return count_sections(*version, event.section_caps, state.counts());
}

LiveEvent::LiveEvent(std::string id, EventInventory inventory)
    : id_(std::move(id)), inventory_(std::move(inventory)) {}

void LiveEvent::landed(const Hold& hold, bool written) {
  std::lock_guard deciding(deciding_);
  if (written) {
    // Its buyer is answered after this, so the hold cannot have been let go since its COMMIT.
    std::unique_lock lock(mutex_);
    inventory_.state.note_held(hold);
  }
  in_flight_.remove(hold);
}

std::int64_t LiveEvent::seq() const {
  std::shared_lock lock(mutex_);
  return inventory_.state.seq();
}

std::shared_ptr<Watcher> LiveEvent::watch(std::optional<std::int64_t> last_seen,
                                          std::function<void()> wake) {
  auto watcher = std::make_shared<Watcher>(std::move(wake));
  std::shared_lock lock(mutex_);  // no update can slip between the replay and the registration
  const auto now = inventory_.state.seq();
  if (!last_seen || *last_seen > now) {
    watcher->pending_.resync = true;
  } else if (*last_seen < now) {
    auto first = std::find_if(replay_.begin(), replay_.end(),
                              [&](const auto& entry) { return entry.second->seq > *last_seen; });
    if (first == replay_.end() || first->first > *last_seen) {
      watcher->pending_.resync = true;
    } else {
      for (auto it = first; it != replay_.end(); ++it)
        watcher->pending_.updates.push_back(it->second);
    }
  }
  std::lock_guard guard(watchers_mutex_);
  std::erase_if(watchers_, [](const auto& w) { return w.expired(); });
  watchers_.push_back(watcher);
  return watcher;
}

void LiveEvent::tell_watchers(const std::function<void(Watcher&)>& tell) {
  std::vector<std::shared_ptr<Watcher>> alive;
  {
    std::lock_guard lock(watchers_mutex_);
    std::erase_if(watchers_, [](const auto& w) { return w.expired(); });
    for (const auto& w : watchers_)
      if (auto p = w.lock()) alive.push_back(std::move(p));
  }
  for (const auto& w : alive) tell(*w);
}

void LiveEvent::apply(const std::vector<InventoryChange>& changes) {
  InventoryUpdate update;
  auto live = std::make_shared<LiveUpdate>();
  std::int64_t before = 0;
  {
    std::unique_lock lock(mutex_);
    before = inventory_.state.seq();
    if (!inventory_.state.apply(changes, update)) return;  // the caller reloads
    if (update.seq == before) return;
    live->seq = update.seq;
    live->seats = std::move(update.seats);
    for (auto& c : inventory_.counts())
      if (update.sections.count(c.key)) live->sections.push_back(std::move(c));
    replay_.emplace_back(before, live);
    if (replay_.size() > kReplay) replay_.pop_front();
  }
  tell_watchers([&](Watcher& w) { w.push(live); });
}

void LiveEvent::tick(TimePoint now) {
  const bool open = read([&](const EventInventory& i) { return sales_open(i.event, now).ok(); });
  std::lock_guard lock(refresh_mutex_);
  // The first tick of a freshly loaded event counts as a turn: a stream opened before it may have
  // read the status just before the moment that the tick now sees passed.
  const bool turned = !open_by_time_ || *open_by_time_ != open;
  open_by_time_ = open;
  if (!turned) return;
  ++sales_generation_;
  tell_watchers([](Watcher& w) { w.nudge(); });
}

void LiveEvent::replace(EventInventory inventory) {
  {
    std::unique_lock lock(mutex_);
    inventory_ = std::move(inventory);
    replay_.clear();
  }
  ++sales_generation_;
  tell_watchers([](Watcher& w) { w.resync(); });
}

std::shared_ptr<LiveEvent> LiveInventory::find(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = events_.find(id);
  return it == events_.end() ? nullptr : it->second;
}

std::shared_ptr<LiveEvent> LiveInventory::current(Storage& storage, std::string_view id) {
  auto live = find(id);
  if (!live) {
    // One load at a time per event: when a sale opens, thousands of requests for an event not
    // yet in memory arrive at once, and each load reads every seat.
    std::shared_ptr<std::mutex> gate;
    {
      std::lock_guard lock(mutex_);
      auto& shared = loading_[std::string(id)];
      if (!shared) shared = std::make_shared<std::mutex>();
      gate = shared;
    }
    std::lock_guard loading(*gate);
    live = find(id);
    if (!live) {
      live = load(storage, id);
      std::lock_guard lock(mutex_);
      loading_.erase(std::string(id));  // those waiting hold the gate; later callers find it loaded
      if (!live) return nullptr;
      events_.emplace(std::string(id), live);
      live->last_use_.touch(clock_);
      return live;
    }
  }
  // Loaded earlier, or by another caller whose read may have begun before this one arrived.
  refresh(storage, *live);
  live->last_use_.touch(clock_);
  return live;
}

std::shared_ptr<const LayoutVersion> LiveInventory::version(Storage& storage, const Event& event) {
  const std::pair<std::string, int> key{event.layout_id, event.layout_version};
  {
    std::lock_guard lock(mutex_);
    if (auto it = versions_.find(key); it != versions_.end()) return it->second;
  }
  // Layout versions never change once written, so they are read once per process.
  auto shared = std::make_shared<const LayoutVersion>(events::pinned(storage, event));
  std::lock_guard lock(mutex_);
  return versions_.try_emplace(key, shared).first->second;
}

std::shared_ptr<LiveEvent> LiveInventory::load(Storage& storage, std::string_view id) {
  // The snapshot first: a change of the event after it comes later in the feed and reloads.
  auto snapshot = storage.inventory_snapshot(id);
  if (!snapshot) return nullptr;
  auto event = storage.event(id);
  if (!event) return nullptr;
  auto pinned = version(storage, *event);
  auto types = storage.ticket_types(id);
  return std::make_shared<LiveEvent>(std::string(id),
                                     EventInventory{std::move(*event), pinned, std::move(types),
                                                    InventoryState(pinned, std::move(*snapshot))});
}

void LiveInventory::refresh(Storage& storage, LiveEvent& live) {
  const auto arrived = live.refreshes_begun_.load();
  std::lock_guard lock(live.refresh_mutex_);
  if (live.refreshes_done_ > arrived) return;
  const auto mine = ++live.refreshes_begun_;
  for (;;) {
    auto changes = storage.inventory_changes(live.id_, live.seq(), kChangesPerRead);
    if (changes.empty()) break;
    const bool event_changed = std::any_of(changes.begin(), changes.end(), [](const auto& c) {
      return c.kind == InventoryChange::Kind::event;
    });
    if (event_changed) {
      auto reloaded = load(storage, live.id_);
      if (!reloaded) break;  // the event is gone; nothing deletes events today
      live.replace(std::move(reloaded->inventory_));
      continue;
    }
    live.apply(changes);
    if (changes.size() < kChangesPerRead) break;
  }
  live.refreshes_done_ = mine;  // not after a failure: the next caller probes again
}

void LiveInventory::schedule(PeriodicTasks& tasks, Backend& backend,
                             std::chrono::milliseconds poll) {
  tasks.add("follow the inventory change feed", poll,
            refresh_in_use(mutex_, events_, clock_, kForgetUnused, backend,
                           [this](Storage& storage, LiveEvent& live) {
                             refresh(storage, live);
                             live.tick(clock_.now());
                           }));
  tasks.add("prune the inventory change feed", kPruneEvery,
            with_connection(backend, [](Storage& storage, TimePoint now) {
              storage.prune_inventory_changes(now - kKeepChanges);
            }));
}

}  // namespace boxoffice
