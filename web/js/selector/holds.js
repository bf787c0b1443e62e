// The signed-in buyer's active holds on one event, and the calls that change them. After every
// change the list is read again from the server, because a buyer may have several holds (other
// tabs, best-available, standing) and the server is the one truth about what is still held.
import { api, account, ApiError } from '../api.js';
import { queueToken } from '../queue-pass.js';

// Until the server offers GET /holds?event_id=, the ids of holds made here are remembered
// per account and event, so a reload still finds them.
const rememberedKey = (eventId) => `boxoffice.holds.${account()?.id}.${eventId}`;

function remembered(eventId) {
  try {
    return JSON.parse(localStorage.getItem(rememberedKey(eventId))) || [];
  } catch {
    return [];
  }
}

function remember(eventId, ids) {
  localStorage.setItem(rememberedKey(eventId), JSON.stringify([...new Set(ids)]));
}

const stillActive = (hold) => hold.status === 'active' && Date.parse(hold.expires_at) > Date.now();

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
    let holds;
    try {
      holds = (await api(`/holds?event_id=${encodeURIComponent(this.eventId)}`)).holds;
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 405)) throw error;
      holds = await this.loadRemembered();
    }
    this.list = holds.filter(stillActive);
    remember(this.eventId, this.list.map((h) => h.id));
    return this.list;
  }

  async loadRemembered() {
    const found = await Promise.all(
      remembered(this.eventId).map((id) => api(`/holds/${encodeURIComponent(id)}`).catch(() => null)),
    );
    return found.filter(Boolean);
  }

  async create(body) {
    const token = queueToken(this.eventId);
    const hold = await api('/holds', {
      method: 'POST',
      body: { event_id: this.eventId, ...body },
      headers: token ? { 'X-Queue-Token': token } : {},
    });
    remember(this.eventId, [...this.list.map((h) => h.id), hold.id]);
    await this.load();
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
    await this.load();
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
    await this.load();
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
    const times = this.list.map((h) => h.expires_at).sort((a, b) => Date.parse(a) - Date.parse(b));
    return times[0] || null;
  }
}
