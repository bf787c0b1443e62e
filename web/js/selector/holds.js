// The signed-in buyer's active holds on one event, and the calls that change them. After every
// change the page reads the list again from the server, because a buyer may have several holds (other
// tabs, best-available, standing) and the server is the one truth about what is still held.
import { api, account } from '../api.js';
import { queueToken } from '../queue-pass.js';
import { activeHolds, earliestExpiry } from '../holds.js';

export class Holds {
  constructor(eventId) {
    this.eventId = eventId;
    this.list = [];
  }

  async load() {
    if (!account()) {
      this.list = [];
      return this.list;
    }
    this.list = await activeHolds(this.eventId);
    return this.list;
  }

  async create(body) {
    const token = queueToken(this.eventId);
    const hold = await api('/holds', {
      method: 'POST',
      body: { event_id: this.eventId, ...body },
      headers: token ? { 'X-Queue-Token': token } : {},
    });
    return hold;
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
