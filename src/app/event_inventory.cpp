// Ticket types and capacity of events (see events.hpp).
#include "app/events.hpp"
#include "app/security.hpp"

namespace boxoffice::events {
namespace {

Result<Event> open_event(Storage& storage, std::string_view id) {
  auto e = storage.event(id);
  if (!e) return not_found_error("Event '" + std::string(id) + "'");
  if (e->status == EventStatus::cancelled)
    return Error{ErrorKind::conflict, "event_cancelled", "This event is cancelled.", {}};
  return std::move(*e);
}

Result<TicketType> validated(Storage& storage, const Event& event, const TicketType& type,
                             FieldErrors errors) {
  errors.merge(validate_ticket_type(type, pinned(storage, event)));
  if (!errors.empty()) return validation_error(std::move(errors));
  return type;
}

}  // namespace

Result<TicketType> add_ticket_type(Storage& storage, const AppEnv& env, TicketType type,
                                   FieldErrors parse_errors) {
  auto event = open_event(storage, type.event_id);
  if (!event) return event.error();
  type.id = security::new_id("tt");
  type.created_at = env.clock.now();
  auto checked = validated(storage, event.value(), type, std::move(parse_errors));
  if (checked) storage.insert_ticket_type(checked.value());
  return checked;
}

Result<TicketType> ticket_type(Storage& storage, std::string_view event_id,
                               std::string_view type_id) {
  for (auto& t : storage.ticket_types(event_id))
    if (t.id == type_id) return std::move(t);
  return not_found_error("Ticket type '" + std::string(type_id) + "'");
}

// Sold tickets keep the price they were sold at, so a change applies to unsold places only.
Result<TicketType> change_ticket_type(Storage& storage, const TicketType& type,
                                      FieldErrors parse_errors) {
  auto event = open_event(storage, type.event_id);
  if (!event) return event.error();
  auto checked = validated(storage, event.value(), type, std::move(parse_errors));
  if (checked && !storage.update_ticket_type(checked.value()))
    return not_found_error("Ticket type '" + type.id + "'");
  return checked;
}

Result<void> remove_ticket_type(Storage& storage, std::string_view event_id,
                                std::string_view type_id) {
  auto event = storage.event(event_id);
  if (!event) return not_found_error("Event '" + std::string(event_id) + "'");
  if (event->status != EventStatus::draft) {
    return Error{ErrorKind::conflict,
                 "event_not_draft",
                 "Ticket types can be removed only before the event is published; change its "
                 "price or sections instead.",
                 {}};
  }
  if (!storage.delete_ticket_type(event_id, type_id))
    return not_found_error("Ticket type '" + std::string(type_id) + "'");
  return {};
}

Result<std::shared_ptr<LiveEvent>> live(Storage& storage, const AppEnv& env,
                                        const std::optional<Account>& reader, std::string_view id) {
  auto live = env.live->current(storage, id);
  const bool visible = live && live->read([&](const EventInventory& i) {
    return may_read(i.event, reader, env.clock.now());
  });
  if (!visible) return not_found_error("Event '" + std::string(id) + "'");
  return live;
}

std::vector<SectionView> sections(const EventInventory& inventory) {
  std::vector<SectionView> out;
  for (auto& counts : inventory.counts()) {
    const Section* s = inventory.version->section(counts.key);
    out.push_back({std::move(counts), s ? s->name : "",
                   s ? section_prices(inventory.types, *s) : std::vector<Minor>{}});
  }
  return out;
}

Result<std::vector<Seat>> seats(const EventInventory& inventory, std::string_view section) {
  const Section* s = inventory.version->section(section);
  if (!s || s->kind != SectionKind::seated)
    return not_found_error("Seated section '" + std::string(section) + "'");
  return inventory.state.seats(section);
}

Result<Block> block(Storage& storage, const AppEnv& env, const Account& actor, Block b) {
  auto event = open_event(storage, b.event_id);
  if (!event) return event.error();
  if (auto errors = validate_block(b, pinned(storage, event.value())); !errors.empty())
    return validation_error(std::move(errors));
  b.id = security::new_id("blk");
  b.created_at = env.clock.now();
  b.created_by = actor.id;
  return storage.insert_block(b);
}

Result<void> unblock(Storage& storage, std::string_view event_id, std::string_view block_id) {
  if (!storage.delete_block(event_id, block_id))
    return not_found_error("Block '" + std::string(block_id) + "'");
  return {};
}

}  // namespace boxoffice::events
