// Every seat of the event, read once from /seat-map (rows in shorthand, one letter per seat) and
// kept current from the updates stream, so that opening a section asks the server nothing, even
// in a stadium of 100,000 seats. Updates that arrive while the map loads are kept and applied
// after it, skipping those it already includes (by seq).
import { api } from '../api.js';

function seatLabels(row) {
  if (row.seats) return row.seats;
  const labels = [];
  for (let n = row.from; n <= row.to; n += 1) labels.push(String(n));
  return labels;
}

export class SeatMap {
  constructor(eventId) {
    this.eventId = eventId;
    this.seq = 0;
    this.sections = new Map(); // key -> { rows, states: string, seats?: [{id,row,seat,state}], byId? }
    this.loading = null;
    this.loaded = false;
    this.early = []; // [seq, changes] received while the map loads
  }

  load() {
    this.loading ||= api(`/events/${encodeURIComponent(this.eventId)}/seat-map`).then((map) => {
      this.seq = map.seq;
      this.sections = new Map(map.sections.map((s) => [s.key, { rows: s.rows, states: s.states }]));
      this.loaded = true;
      for (const [seq, changes] of this.early) this.apply(seq, changes);
      this.early = [];
    }).catch((error) => {
      this.loading = null; // the next open tries again
      throw error;
    });
    return this.loading;
  }

  // A snapshot of the stream newer than the map (the map was read before it, or the stream
  // reconnected after skipping updates): read the map again. Whether it was read again.
  async refresh(seq) {
    await this.load();
    if (seq <= this.seq) return false;
    this.loading = null;
    this.loaded = false;
    await this.load();
    return true;
  }

  // The seats of a seated section, spelled out once it is first opened.
  async seats(key) {
    await this.load();
    const section = this.sections.get(key);
    if (!section) return { seq: this.seq, seats: [] };
    return { seq: this.seq, seats: this.expand(key, section).seats };
  }

  expand(key, section) {
    if (section.seats) return section;
    const names = { a: 'available', h: 'held', s: 'sold', b: 'blocked' };
    section.seats = [];
    section.byId = new Map();
    let i = 0;
    for (const row of section.rows) {
      for (const seat of seatLabels(row)) {
        const entry = { id: `${key}/${row.label}/${seat}`, row: row.label, seat, state: names[section.states[i]] || 'blocked' };
        i += 1;
        section.seats.push(entry);
        section.byId.set(entry.id, entry);
      }
    }
    return section;
  }

  apply(seq, changes) {
    if (!this.loaded) {
      this.early.push([seq, changes]);
      return;
    }
    if (seq <= this.seq) return;
    this.seq = seq;
    for (const change of changes) {
      const key = change.id.slice(0, change.id.indexOf('/'));
      const section = this.sections.get(key);
      if (!section) continue;
      const seat = this.expand(key, section).byId.get(change.id);
      if (seat) seat.state = change.state;
    }
  }
}
