#include "domain/check_in.hpp"

#include <algorithm>
#include <cctype>

namespace boxoffice {
namespace {

bool blank(unsigned char c) {
  return std::isspace(c) != 0;
}

}  // namespace

std::optional<ScannedCode> parse_scanned_code(std::string_view scanned) {
  while (!scanned.empty() && blank(static_cast<unsigned char>(scanned.front())))
    scanned.remove_prefix(1);
  while (!scanned.empty() && blank(static_cast<unsigned char>(scanned.back())))
    scanned.remove_suffix(1);
  if (scanned.empty() || scanned.size() > kMaxScannedCode) return std::nullopt;
  if (std::any_of(scanned.begin(), scanned.end(),
                  [](unsigned char c) { return blank(c) || std::iscntrl(c) || c >= 0x80; }))
    return std::nullopt;
  const auto dot = scanned.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == scanned.size()) return std::nullopt;
  return ScannedCode{std::string(scanned), std::string(scanned.substr(0, dot))};
}

CheckInDecision decide_check_in(std::string_view event_id, const DoorTicket* ticket, bool genuine) {
  if (!ticket || !genuine) return {CheckInVerdict::invalid_code, {}, {}};
  if (ticket->event_id != event_id) return {CheckInVerdict::wrong_event, {}, {}};
  if (ticket->ticket.void_reason)
    return {CheckInVerdict::ticket_void, {}, ticket->ticket.void_reason};
  if (ticket->event_status == EventStatus::cancelled)
    return {CheckInVerdict::ticket_void, {}, TicketVoid::cancelled};
  if (ticket->ticket.checked_in_at)
    return {CheckInVerdict::already_checked_in, ticket->ticket.checked_in_at, {}};
  return {CheckInVerdict::admit, {}, {}};
}

Error check_in_refusal(const CheckInDecision& d) {
  switch (d.verdict) {
    case CheckInVerdict::already_checked_in: {
      const auto first = d.checked_in_at ? format_rfc3339(*d.checked_in_at) : std::string();
      return {ErrorKind::conflict,
              "already_checked_in",
              "This ticket was already checked in at " + first + ".",
              {{"checked_in_at", first}}};
    }
    case CheckInVerdict::ticket_void: {
      const auto why = std::string(to_string(d.void_reason.value_or(TicketVoid::cancelled)));
      return {ErrorKind::conflict,
              "ticket_void",
              "This ticket is no longer valid: it was " + why + ".",
              {{"void_reason", why}}};
    }
    case CheckInVerdict::wrong_event:
      return {ErrorKind::invalid,
              "wrong_event",
              "This ticket is for another event.",
              {{"code", "is a ticket for another event"}}};
    case CheckInVerdict::admit:
    case CheckInVerdict::invalid_code:
      break;
  }
  return {ErrorKind::invalid,
          "invalid_code",
          "This is not a ticket code of this event.",
          {{"code", "is not a ticket code signed for this event"}}};
}

}  // namespace boxoffice
