// Venues are few and rarely change: one request per page, shared by every event shown.
import { api } from './api.js';

let all = null;

export function venues() {
  all ??= api('/venues?limit=100').then((answer) => new Map(answer.venues.map((v) => [v.id, v])));
  return all;
}

export async function venue(id) {
  const known = (await venues()).get(id);
  return known || api(`/venues/${encodeURIComponent(id)}`);
}

// An event with what the buyer's pages show beside it: its venue, ticket types and sections'
// availability, read together once the event names its venue. `alongside(event)` may read more
// at the same time; the fields of its answer are added to the result.
export async function eventDetails(eventId, alongside = async () => ({})) {
  const path = `/events/${encodeURIComponent(eventId)}`;
  const event = await api(path);
  const [place, types, availability, more] = await Promise.all([
    venue(event.venue_id),
    api(`${path}/ticket-types`),
    api(`${path}/availability`),
    alongside(event),
  ]);
  return { event, venue: place, ticketTypes: types.ticket_types, availability, ...more };
}
