#include "storage/write/hold_batch.hpp"

#include <set>

namespace boxoffice {
namespace {

template <class Set>
std::vector<std::string> sorted(const Set& set) {
  return {set.begin(), set.end()};
}

// The placements of one event, decided and written.
void place_for_event(SaleRows& rows, std::string_view event_id,
                     const std::vector<HoldPlacement>& batch, const std::vector<std::size_t>& mine,
                     std::vector<std::optional<Result<Hold>>>& out) {
  auto refuse_all = [&](const Error& why) {
    for (auto i : mine) out[i] = why;
  };
  const auto event = rows.guard_event(event_id);
  if (!event) return refuse_all(not_found_error("Event '" + std::string(event_id) + "'"));
  if (auto stopped = sales_not_stopped(event->status); !stopped) return refuse_all(stopped.error());

  // The holds to extend, their rows locked before any buyer's, seat's or area's (the order in which
  // releasing, buying and expiring a hold lock them too), in id order.
  std::map<std::string, std::optional<Hold>> extended;
  for (auto i : mine)
    if (!batch[i].extends.empty()) extended[batch[i].extends];
  for (auto& [id, stored] : extended) stored = rows.guard_hold(id);

  std::set<std::string> accounts, seats, areas;
  for (auto i : mine) {
    accounts.insert(batch[i].hold.account_id);
    for (const auto& item : batch[i].hold.items)
      (item.seat_id.empty() ? areas.insert(item.section) : seats.insert(item.seat_id));
  }
  HoldGround ground;
  ground.buyers = rows.guard_buyers(event_id, sorted(accounts));
  if (!seats.empty()) ground.seats = rows.guard_seats(event_id, sorted(seats));
  if (!areas.empty()) {
    StoredCounts stored;
    for (auto& [section, area] : rows.guard_areas(event_id, sorted(areas)))
      stored.areas[section] = area;
    // The caller's copy of the pinned layout when it is the one stored (versions never change).
    std::optional<LayoutVersion> read;
    const LayoutVersion* version = nullptr;
    for (auto i : mine) {
      const auto& known = batch[i].version;
      if (known && known->version == event->layout_version &&
          batch[i].layout_id == event->layout_id)
        version = known.get();
    }
    if (!version)
      version = &read.emplace(rows.layout_version(event->layout_id, event->layout_version));
    for (auto& counts : count_sections(*version, event->section_caps, stored))
      if (counts.kind == SectionKind::standing && areas.count(counts.key))
        ground.areas[counts.key] = std::move(counts);
  }

  std::vector<Hold> granted;
  std::map<std::string, Hold> added;  // per hold extended, what the batch adds to it
  for (auto i : mine) {
    const auto& p = batch[i];
    if (p.extends.empty()) {
      auto decided = decide_hold(p.hold, p.limit, ground);
      if (decided) granted.push_back(decided.value());
      out[i] = std::move(decided);
      continue;
    }
    auto& stored = extended[p.extends];
    if (!stored) {
      out[i] = not_found_error("Hold '" + p.extends + "'");
      continue;
    }
    auto whole = extend_hold(*stored, p.hold, p.limit, ground, p.now);
    if (whole) {
      // The next placement of the batch that extends this hold finds these places in it.
      auto [addition, first] = added.try_emplace(stored->id, p.hold);
      if (first)
        addition->second.id = stored->id;
      else
        add_items(addition->second, p.hold.items);
      stored = whole.value();
    }
    out[i] = std::move(whole);
  }
  if (!granted.empty()) rows.write_holds(event_id, granted);
  if (!added.empty()) {
    std::vector<Hold> additions;
    for (auto& [id, addition] : added) additions.push_back(std::move(addition));
    rows.add_to_holds(event_id, additions);
  }
}

}  // namespace

std::vector<Result<Hold>> place_holds(SaleRows& rows, const std::vector<HoldPlacement>& batch) {
  std::map<std::string, std::vector<std::size_t>> by_event;  // in id order: the lock order
  for (std::size_t i = 0; i < batch.size(); ++i) by_event[batch[i].hold.event_id].push_back(i);
  std::vector<std::optional<Result<Hold>>> decided(batch.size());
  for (const auto& [event_id, mine] : by_event)
    place_for_event(rows, event_id, batch, mine, decided);
  std::vector<Result<Hold>> out;
  out.reserve(batch.size());
  for (auto& d : decided) out.push_back(std::move(*d));
  return out;
}

}  // namespace boxoffice
