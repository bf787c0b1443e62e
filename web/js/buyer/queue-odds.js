// The honest odds in line (GET /api/v1/queue/{token} `odds`): how many of those ahead can still
// buy, this buyer's place, and, when places will very likely be gone first, what else there is:
// staying on as the waiting list, or another show of the same concert.
import { api } from '../api.js';
import { dateInZone } from '../format.js';
import { h } from '../dom.js';
import { venue as readVenue } from '../venues.js';

// "41,200th", "1st", "22nd", "113th".
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th';
  return `${n.toLocaleString('en')}${suffix}`;
}

function people(n) {
  return `${n.toLocaleString('en')} ${n === 1 ? 'person' : 'people'}`;
}

// The sentence for `entry` (a waiting place with odds); `beforeDraw`: its place is not set yet.
export function oddsText(entry, beforeDraw) {
  const { odds } = entry;
  const can = odds.buyers_ahead_who_can_buy;
  if (odds.places_left === 0 && odds.likely === 'unlikely') {
    return 'Every place is sold and none is held that could come back, so places will very likely not reach you.';
  }
  if (beforeDraw) {
    return odds.likely === 'likely'
      ? `About ${people(can)} can still buy, more than are in the draw: you should get places whatever your place.`
      : `About ${people(can)} can still buy; your place is set by the draw when sales open, so your chances are not known yet.`;
  }
  const where = `you are ${ordinal(entry.position)} in line`;
  const ahead = `about ${people(can)} ahead of you can still buy`;
  switch (odds.likely) {
    case 'likely':
      return `${capital(ahead)}; ${where}. Places should still be there when your turn comes.`;
    case 'unlikely':
      return `Only ${ahead}; ${where}. Places will very likely be gone before your turn.`;
    default:
      return `${capital(ahead)}; ${where}. Whether places remain for you depends on how many each buyer takes.`;
  }
}

function capital(text) {
  return text[0].toUpperCase() + text.slice(1);
}

// Other shows of the same concert (the same name) whose sales are not over; [] when none.
async function otherShows(event) {
  const { events } = await api('/events?limit=100');
  const now = Date.now();
  const others = events.filter((e) => e.id !== event.id && e.name === event.name && e.status !== 'cancelled' &&
    e.status !== 'closed' && Date.parse(e.sales_close_at) > now);
  return Promise.all(others.map(async (e) => ({ event: e, venue: await readVenue(e.venue_id) })));
}

// Shows the odds of `entry` in `box` (nothing for an entry without them) and, for "unlikely",
// the offer. `event`: the event of the line, null while it is not read.
export class OddsBox {
  constructor(box) {
    this.box = box;
    this.shows = null; // read once, when first needed
  }

  async show(entry, event, beforeDraw) {
    const waiting = entry.state === 'waiting' || entry.state === 'sold_out';
    if (!waiting || !entry.odds) {
      this.box.hidden = true;
      return;
    }
    this.box.hidden = false;
    this.box.dataset.likely = entry.odds.likely;
    const parts = [h('p', { id: 'odds-text', text: oddsText(entry, beforeDraw) })];
    if (entry.odds.likely === 'unlikely') {
      parts.push(h('p', { text: 'You may stay in line as the waiting list: places that come back (holds that lapse, refunds) go to the line in order, and this page tells you if your turn comes.' }));
      if (event && this.shows === null) this.shows = await otherShows(event).catch(() => []);
      if (this.shows?.length) {
        parts.push(
          h('p', { text: 'Or try another show of this concert:' }),
          h('ul', { id: 'other-shows' }, ...this.shows.map(({ event: e, venue }) =>
            h('li', {}, h('a', { href: `/event.html?id=${encodeURIComponent(e.id)}`, text: `${e.name}, ${dateInZone(e.starts_at, venue.timezone)}` }), ` · ${venue.name}`))),
        );
      }
    }
    this.box.replaceChildren(...parts);
  }
}
