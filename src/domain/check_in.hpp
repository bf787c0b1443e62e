#pragma once
// Check-in at the door: a scanned ticket code is admitted once, while its ticket is valid and for
// the event at this door. Rules only: the signature is checked by the caller (app/check_ins.cpp)
// with the public key of the ticket's own event, and the time is passed in.
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/event.hpp"
#include "domain/order.hpp"
#include "domain/time.hpp"

namespace boxoffice {

// The longest text taken for a code: a ticket id and a base64 signature fit many times over.
inline constexpr std::size_t kMaxScannedCode = 512;

// A code as a scanner or a paste hands it over: "<ticket id>.<signature>" with the whitespace
// around it dropped (a scanner's Enter, a paste's newline). nullopt when the text cannot be a
// code at all: empty, too long, no '.', an empty part, or whitespace or control characters inside.
struct ScannedCode {
  std::string text;       // the code, trimmed
  std::string ticket_id;  // the part before the '.'
};
std::optional<ScannedCode> parse_scanned_code(std::string_view scanned);

// A ticket as stored, with what the door needs of its event.
struct DoorTicket {
  std::string event_id;
  EventStatus event_status = EventStatus::on_sale;
  Ticket ticket;
};

enum class CheckInVerdict { admit, already_checked_in, ticket_void, wrong_event, invalid_code };

struct CheckInDecision {
  CheckInVerdict verdict = CheckInVerdict::invalid_code;
  std::optional<TimePoint> checked_in_at;  // already_checked_in: the first admission
  std::optional<TicketVoid> void_reason;   // ticket_void: why
};

// Decides a scan at the door of `event_id`. `ticket` is the ticket the code names (nullptr: no
// such ticket); `genuine` whether the code's signature verifies with the public key of that
// ticket's own event. Checking against the ticket's own event, not the door's, tells a real ticket
// of another event (wrong_event) from a made-up or altered code (invalid_code); a code whose
// ticket does not exist says nothing more than a forged one. A genuine ticket of this event is
// void when its void_reason says so or when the event is cancelled (even before its orders are
// settled), then already_checked_in if it was admitted before; else admitted.
CheckInDecision decide_check_in(std::string_view event_id, const DoorTicket* ticket, bool genuine);

// The refusal as an API error: 409 "already_checked_in" (fields.checked_in_at, RFC 3339) and
// "ticket_void" (fields.void_reason), 422 "wrong_event" and "invalid_code" (fields.code).
// Not for an admitted ticket.
Error check_in_refusal(const CheckInDecision& decision);

}  // namespace boxoffice
