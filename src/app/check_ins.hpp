#pragma once
// Check-in at the door: a manager or a door account scans a ticket's code; the first scan of a
// valid ticket of the event admits it, every later one is refused with the time of the first.
#include <string>
#include <string_view>

#include "app/app_env.hpp"
#include "app/storage.hpp"

namespace boxoffice::check_ins {

struct Admission {
  std::string ticket_id;
  std::string section;
  std::string seat;  // empty for a standing place
  TimePoint checked_in_at;
  CheckInCounts counts;  // of the event, this admission included
};

// Checks `scanned` in at the door of `event_id` at the clock's now (the actor must have
// Permission::check_in_tickets; the route checks it). 404 when the event is not there; the
// refusals of check_in_refusal (domain/check_in.hpp) otherwise. The code's signature is checked
// with the public key of the ticket's own event, as a scanner offline would with the key of
// GET /events/{event}/ticket-key; the admission itself is one guarded write, so two doors
// scanning one ticket at once admit it once and the other is told when it came in.
Result<Admission> check_in(Storage& storage, const AppEnv& env, const Account& actor,
                           std::string_view event_id, std::string_view scanned);

// How many of the event's tickets have come in; 404 when the event is not there.
Result<CheckInCounts> counts(Storage& storage, const AppEnv& env, const Account& actor,
                             std::string_view event_id);

}  // namespace boxoffice::check_ins
