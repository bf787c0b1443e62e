#pragma once
// Use cases of event management: set-up, lifecycle, ticket types and capacity.
#include <optional>
#include <string>
#include <vector>

#include "app/app_env.hpp"
#include "app/live_inventory.hpp"
#include "app/storage.hpp"
#include "domain/settlement.hpp"

namespace boxoffice::events {

// Reading. Managers and door accounts (read_all_events) read every event; everyone else what is
// public (hidden ones by id).
bool may_read(const Event& event, const std::optional<Account>& reader, TimePoint now);
Result<Event> readable(Storage& storage, const AppEnv& env, const std::optional<Account>& reader,
                       std::string_view id);

struct Page {
  std::vector<Event> events;
  std::size_t total = 0;
};
Page list(Storage& storage, const AppEnv& env, const std::optional<Account>& reader,
          const EventQuery& query, std::size_t limit, std::size_t offset);

// `parse_errors` are reported together with the rule violations, as for venues.
Result<Event> create(Storage& storage, const AppEnv& env, const Account& actor,
                     const EventDetails& details, FieldErrors parse_errors = {});
// `expected_revision` defaults to the current one.
Result<Event> update(Storage& storage, const AppEnv& env, const Account& actor,
                     const Event& current, const EventDetails& details,
                     std::optional<int> expected_revision, FieldErrors parse_errors = {});
Result<Event> transition(Storage& storage, const AppEnv& env, const Account& actor,
                         std::string_view id, Transition transition);

// A cancellation: what was asked, and how far its settlement got within the request (the rest,
// for a large event, is settled in the background: GET .../settlement shows it).
struct CancelRequest {
  Resolution resolution = Resolution::refund;
  std::optional<std::string> rescheduled_event_id;
  std::optional<TimePoint> choice_deadline;  // buyer_choice only; default kDefaultChoiceDays on
};
struct Cancellation {
  Event event;
  Settlement settlement;
  std::vector<SettledOrders> orders;
  std::int64_t orders_settled = 0;
  Minor amount_settled = 0;
  bool finished = false;
};
inline constexpr std::chrono::seconds kCancelSettleBudget{10};
Result<Cancellation> cancel(Storage& storage, const AppEnv& env, const Account& actor,
                            std::string_view id, CancelRequest request);

// A new draft like `source` (with `details` already shifted and overridden by the caller) and
// copies of its ticket types.
Result<Event> duplicate(Storage& storage, const AppEnv& env, const Account& actor,
                        const Event& source, const EventDetails& details,
                        FieldErrors parse_errors = {});

// Pins the event to `version` (default: the one in force on its date) if nothing held or sold
// is lost.
Result<Event> move_layout(Storage& storage, const AppEnv& env, const Account& actor,
                          std::string_view id, std::optional<int> version);

// Ticket types. `type.event_id` names the event.
Result<TicketType> add_ticket_type(Storage& storage, const AppEnv& env, TicketType type,
                                   FieldErrors parse_errors = {});
Result<TicketType> change_ticket_type(Storage& storage, const TicketType& type,
                                      FieldErrors parse_errors = {});
Result<void> remove_ticket_type(Storage& storage, std::string_view event_id,
                                std::string_view type_id);
Result<TicketType> ticket_type(Storage& storage, std::string_view event_id,
                               std::string_view type_id);

// Capacity, read from memory kept fresh by the change feed (app/live_inventory.hpp).
// The live event, if `reader` may read it.
Result<std::shared_ptr<LiveEvent>> live(Storage& storage, const AppEnv& env,
                                        const std::optional<Account>& reader, std::string_view id);
struct SectionView {
  SectionCounts counts;
  std::string name;
  std::vector<Minor> prices;  // what a place there can cost, lowest first
};
std::vector<SectionView> sections(const EventInventory& inventory);
Result<std::vector<Seat>> seats(const EventInventory& inventory, std::string_view section);
Result<Block> block(Storage& storage, const AppEnv& env, const Account& actor, Block block);
Result<void> unblock(Storage& storage, std::string_view event_id, std::string_view block_id);

// The layout version an event is pinned to.
LayoutVersion pinned(Storage& storage, const Event& event);

}  // namespace boxoffice::events
