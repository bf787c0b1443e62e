// The signed-in buyer's active holds on one event, and the calls that change them. Whatever the
// buyer picks (clicks, best-available picks, standing places) goes into one hold, the basket: the
// first pick creates it and later ones add to it (POST /holds/{hold}/places), so checkout is one
// order and one payment. After every change the page reads the list again from the server, which
// is the one truth about what is still held (another tab may have held or let go meanwhile).
import { api, account } from '../api.js';
import { queueToken } from '../queue-pass.js';
import { activeHolds, earliestExpiry } from '../holds.js';

// The places of `after` that `before` (the same hold earlier, or none) did not have: seats, and
// the standing places added to an area.
function addedItems(before, after) {
  const had = new Map((before?.items || []).map((i) => [i.seat || `area:${i.section}`, i.quantity]));
  return after.items
    .map((i) => ({ ...i, quantity: i.quantity - (had.get(i.seat || `area:${i.section}`) || 0) }))
    .filter((i) => i.quantity > 0);
}

export class Holds {
  constructor(eventId) {
    this.eventId = eventId;
    this.list = [];
    this.current = null; // the hold last placed into from this page
    this.queue = Promise.resolve(); // picks in flight, one after the other
  }

  async load() {
    if (!account()) {
      this.list = [];
      this.current = null;
      return this.list;
    }
    this.list = await activeHolds(this.eventId);
    const current = this.current && this.list.find((h) => h.id === this.current.id);
    this.current = current || null;
    return this.list;
  }

  // The hold that new places join: the one this page last placed into while it runs, else the
  // buyer's earliest running hold (all of a buyer's holds end with it anyway); null when none.
  basket() {
    const running = (h) => h && h.status === 'active' && Date.parse(h.expires_at) > Date.now();
    if (running(this.current)) return this.current;
    return this.list.find(running) || null;
  }

  // Holds the places of `body`, into the basket if there is one: answers the hold and the items
  // just added. Picks are sent one after the other, so that two quick clicks make one basket, not
  // two. If the basket has ended meanwhile (its time ran out, or it was let go in another tab), a
  // new one is started.
  create(body) {
    const run = this.queue.then(() => this.place(body));
    this.queue = run.catch(() => {});
    return run;
  }

  async place(body) {
    const token = queueToken(this.eventId);
    const headers = token ? { 'X-Queue-Token': token } : {};
    const basket = this.basket();
    if (basket) {
      try {
        const hold = await api(`/holds/${encodeURIComponent(basket.id)}/places`, { method: 'POST', body, headers });
        this.current = hold;
        return { hold, added: addedItems(basket, hold) };
      } catch (error) {
        if (!(error.code === 'hold_not_active' || error.status === 404)) throw error;
        this.current = null;
        this.list = this.list.filter((h) => h.id !== basket.id);
      }
    }
    const hold = await api('/holds', { method: 'POST', body: { event_id: this.eventId, ...body }, headers });
    this.current = hold;
    return { hold, added: hold.items };
  }

  holdSeats(seatIds) {
    return this.create({ seats: seatIds });
  }

  holdQuantity(section, quantity) {
    return this.create({ section, quantity });
  }

  // Lets one seat go; answers whether its hold ended with it.
  async releaseSeat(seatId) {
    const hold = this.list.find((h) => h.items.some((i) => i.seat === seatId));
    if (!hold) return false;
    const after = await api(`/holds/${hold.id}/release`, { method: 'POST', body: { seats: [seatId] } });
    return after.status !== 'active';
  }

  // Gives back `quantity` standing places of `section`, taken from the newest holds first.
  async releaseStanding(section, quantity) {
    let left = quantity;
    for (const hold of [...this.list].reverse()) {
      const item = hold.items.find((i) => i.section === section && !i.seat);
      if (!item || left === 0) continue;
      const take = Math.min(item.quantity, left);
      await api(`/holds/${hold.id}/release`, { method: 'POST', body: { items: [{ section, quantity: take }] } });
      left -= take;
    }
  }

  mySeats() {
    return new Set(this.list.flatMap((h) => h.items.filter((i) => i.seat).map((i) => i.seat)));
  }

  standingHeld(section) {
    return this.list
      .flatMap((h) => h.items)
      .filter((i) => i.section === section && !i.seat)
      .reduce((sum, i) => sum + i.quantity, 0);
  }

  earliestExpiry() {
    return earliestExpiry(this.list);
  }
}
