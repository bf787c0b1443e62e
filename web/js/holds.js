// The signed-in buyer's holds on one event, as the seat selector and checkout both read them.
import { api } from './api.js';

// The holds still running: active, and not past their end even if the server has yet to mark them.
export async function activeHolds(eventId) {
  const { holds } = await api(`/holds?event_id=${encodeURIComponent(eventId)}`);
  return holds.filter((hold) => hold.status === 'active' && Date.parse(hold.expires_at) > Date.now());
}

// When the first of `holds` runs out (RFC 3339), or null when there are none.
export function earliestExpiry(holds) {
  const times = holds.map((h) => h.expires_at).sort((a, b) => Date.parse(a) - Date.parse(b));
  return times[0] || null;
}
