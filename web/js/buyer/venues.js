// Venues are few and rarely change: one request per page, shared by every event shown.
import { api } from '../api.js';

let all = null;

export function venues() {
  all ??= api('/venues?limit=100').then((answer) => new Map(answer.venues.map((v) => [v.id, v])));
  return all;
}

export async function venue(id) {
  const known = (await venues()).get(id);
  return known || api(`/venues/${encodeURIComponent(id)}`);
}
