// Venues and layouts as loaded once per page: every console page shows times in the venue's
// zone and so needs its venue, and several parts of a page need the event's layout.
import { api } from '../api.js';

let loading = null;

export function venuesById() {
  loading ??= api('/venues').then(({ venues }) => new Map(venues.map((v) => [v.id, v])));
  return loading;
}

// A layout with every version; a failed load is forgotten, so the next call tries again.
const layouts = new Map();
export function fullLayout(venueId, layoutId) {
  const key = `${venueId}/${layoutId}`;
  if (!layouts.has(key)) {
    layouts.set(key, api(`/venues/${encodeURIComponent(venueId)}/layouts/${encodeURIComponent(layoutId)}`)
      .catch((error) => { layouts.delete(key); throw error; }));
  }
  return layouts.get(key);
}
