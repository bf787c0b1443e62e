#include "app/check_ins.hpp"

#include "app/events.hpp"
#include "app/security.hpp"

namespace boxoffice::check_ins {
namespace {

// What the door knows of the scanned code: its ticket if there is one, and whether the code is
// signed with the key of that ticket's own event.
struct Scan {
  std::optional<StoredDoorTicket> ticket;
  bool genuine = false;
};

Scan read_scan(Storage& storage, const std::optional<ScannedCode>& code) {
  Scan scan;
  if (!code) return scan;
  scan.ticket = storage.door_ticket(code->ticket_id);
  scan.genuine = scan.ticket && !scan.ticket->event_public_key.empty() &&
                 security::verify_ticket_code(scan.ticket->event_public_key,
                                              scan.ticket->door.event_id, code->text);
  return scan;
}

CheckInDecision decide(std::string_view event_id, const Scan& scan) {
  return decide_check_in(event_id, scan.ticket ? &scan.ticket->door : nullptr, scan.genuine);
}

}  // namespace

Result<Admission> check_in(Storage& storage, const AppEnv& env, const Account& actor,
                           std::string_view event_id, std::string_view scanned) {
  if (auto event = events::readable(storage, env, actor, event_id); !event) return event.error();
  const auto code = parse_scanned_code(scanned);
  auto scan = read_scan(storage, code);
  auto decision = decide(event_id, scan);
  if (decision.verdict == CheckInVerdict::admit) {
    const auto now = env.clock.now();
    if (storage.check_in_ticket(code->ticket_id, now)) {
      const auto& t = scan.ticket->door.ticket;
      return Admission{t.id, t.section, t.seat_id, now, storage.check_in_counts(event_id)};
    }
    // Another door admitted it (or it was voided) between the read and the write: say why.
    scan.ticket = storage.door_ticket(code->ticket_id);
    decision = decide(event_id, scan);
    if (decision.verdict == CheckInVerdict::admit)
      throw StorageError("ticket '" + code->ticket_id + "' was neither admitted nor refused");
  }
  return check_in_refusal(decision);
}

Result<CheckInCounts> counts(Storage& storage, const AppEnv& env, const Account& actor,
                             std::string_view event_id) {
  if (auto event = events::readable(storage, env, actor, event_id); !event) return event.error();
  return storage.check_in_counts(event_id);
}

}  // namespace boxoffice::check_ins
