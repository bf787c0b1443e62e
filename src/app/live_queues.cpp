#include "app/live_queues.hpp"

namespace boxoffice {
namespace {

// Seqs read per query: a join is one seq and one entry, an admission round one seq and up to
// max_active entries, so this bounds the rows of a read.
constexpr std::int64_t kSeqsPerRead = 20'000;
constexpr auto kForgetUnused = std::chrono::minutes(10);

}  // namespace

void LiveQueue::set_outlook(const QueueSettings& settings, bool sold_out, bool closed) {
  {
    std::unique_lock lock(mutex_);
    memory_.settings = settings;
    if (memory_.sold_out == sold_out && memory_.closed == closed) return;
    memory_.sold_out = sold_out;
    memory_.closed = closed;
  }
  tell_watchers();
}

void LiveQueue::set_odds(LineOutlook places, std::optional<SalesBucket> sales,
                         TimePoint sales_open_at) {
  {
    std::unique_lock lock(mutex_);
    memory_.sales_open_at = sales_open_at;
    if (sales) {
      places.sold = sales->tickets;
      places.orders = sales->orders;
    } else if (memory_.outlook) {
      places.sold = memory_.outlook->sold;
      places.orders = memory_.outlook->orders;
    }
    const auto& was = memory_.outlook;
    if (was && was->available == places.available && was->held == places.held &&
        was->sold == places.sold && was->orders == places.orders &&
        was->max_per_buyer == places.max_per_buyer)
      return;
    memory_.outlook = places;
  }
  tell_watchers();
}

std::shared_ptr<void> LiveQueue::watch(std::function<void()> wake) {
  auto handle = std::make_shared<std::function<void()>>(std::move(wake));
  std::lock_guard lock(watchers_mutex_);
  std::erase_if(watchers_, [](const auto& w) { return w.expired(); });
  watchers_.push_back(handle);
  return handle;
}

void LiveQueue::tell_watchers() {
  std::vector<std::shared_ptr<std::function<void()>>> alive;
  {
    std::lock_guard lock(watchers_mutex_);
    std::erase_if(watchers_, [](const auto& w) { return w.expired(); });
    for (const auto& w : watchers_)
      if (auto p = w.lock()) alive.push_back(std::move(p));
  }
  for (const auto& wake : alive) (*wake)();
}

void LiveQueue::apply(const QueueChanges& changes) {
  {
    std::unique_lock lock(mutex_);
    memory_.room = changes.room;
    for (const auto& e : changes.entries) {
      memory_.line.apply(e);
      if (e.state == QueueState::admitted && e.admitted_at) memory_.rate.record(*e.admitted_at, 1);
    }
    through_ = changes.through;
  }
  if (!changes.entries.empty()) tell_watchers();
}

std::shared_ptr<LiveQueue> LiveQueues::cached(std::string_view event_id) {
  std::shared_ptr<LiveQueue> live;
  {
    std::lock_guard lock(mutex_);
    if (auto it = rooms_.find(event_id); it != rooms_.end()) live = it->second;
  }
  if (live) live->last_use_.touch(clock_);
  return live;
}

std::shared_ptr<LiveQueue> LiveQueues::current(Storage& storage, std::string_view event_id) {
  auto live = cached(event_id);
  if (!live) {
    auto fresh = std::make_shared<LiveQueue>(std::string(event_id));
    refresh(storage, *fresh);
    if (fresh->through_ == 0 &&
        fresh->read([](const QueueMemory& m) { return m.room.event_id.empty(); }))
      return nullptr;  // no room yet: nothing to keep
    std::lock_guard lock(mutex_);
    live = rooms_.try_emplace(std::string(event_id), fresh).first->second;
  }
  refresh(storage, *live);
  live->last_use_.touch(clock_);
  return live;
}

void LiveQueues::refresh(Storage& storage, LiveQueue& live) {
  std::lock_guard lock(live.refresh_mutex_);
  for (;;) {
    auto changes = storage.queue_changes(live.event_id_, live.through_, kSeqsPerRead);
    if (!changes) return;
    const bool more = changes->through < changes->room.seq;
    live.apply(*changes);
    if (!more) return;
  }
}

void LiveQueues::schedule(PeriodicTasks& tasks, Backend& backend, std::chrono::milliseconds poll) {
  tasks.add("follow the waiting rooms", poll,
            refresh_in_use(mutex_, rooms_, clock_, kForgetUnused, backend,
                           [this](Storage& storage, LiveQueue& live) { refresh(storage, live); }));
}

}  // namespace boxoffice
