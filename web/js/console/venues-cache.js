// Venues by id: every console page shows times in the venue's zone and so needs its venue.
import { api } from '../api.js';

let loading = null;

export function venuesById() {
  loading ??= api('/venues').then(({ venues }) => new Map(venues.map((v) => [v.id, v])));
  return loading;
}
