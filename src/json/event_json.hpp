#pragma once
// The JSON form of events, ticket types and blocks, for the API and for storage documents.
#include <array>
#include <boost/json/object.hpp>
#include <string_view>

#include "domain/event.hpp"
#include "domain/inventory.hpp"
#include "domain/pricing.hpp"
#include "json/object_reader.hpp"

namespace boxoffice::json {

// Applies the fields present in the reader's object onto `details`: POST starts from defaults
// (`creating`: the required fields must be there), PATCH and storage from what there is. `null`
// clears doors_at, ends_at and public_at.
void read_event_details(ObjectReader& r, EventDetails& details, bool creating);
// The keys read_event_details knows, for reject_unknown.
inline constexpr std::array<std::string_view, 17> kEventDetailKeys = {"name",
                                                                      "description",
                                                                      "performers",
                                                                      "starts_at",
                                                                      "doors_at",
                                                                      "ends_at",
                                                                      "venue_id",
                                                                      "layout_id",
                                                                      "sales_open_at",
                                                                      "sales_close_at",
                                                                      "visibility",
                                                                      "public_at",
                                                                      "max_tickets_per_buyer",
                                                                      "currency",
                                                                      "hold_seconds",
                                                                      "queue",
                                                                      "section_caps"};

boost::json::object details_to_json(const EventDetails& details);
EventDetails details_from_document(std::string_view document);
boost::json::object event_to_json(const Event& event, TimePoint now);
// Where the event's sales stand at `now`, for pages that follow it live:
// {"status","sales_open","sales_open_at","sales_close_at"}.
boost::json::object sale_status_to_json(const Event& event, TimePoint now);

// Ticket types: the same two directions. `read_ticket_type` applies present fields.
void read_ticket_type(ObjectReader& r, TicketType& type, bool creating);
inline constexpr std::array<std::string_view, 6> kTicketTypeKeys = {
    "name", "price", "sections", "quota", "fees", "price_levels"};
boost::json::object ticket_type_to_json(const TicketType& type);
TicketType ticket_type_from_document(std::string_view document);

boost::json::object block_to_json(const Block& block);
boost::json::object counts_to_json(const SectionCounts& counts);
// A section as buyers see it: {"key","kind","capacity","available","held","sold"}.
boost::json::object availability_to_json(const SectionCounts& counts);
// {"places","available","held","sold","blocked"} summed over sections.
boost::json::object totals_to_json(const std::vector<SectionCounts>& counts);

}  // namespace boxoffice::json
