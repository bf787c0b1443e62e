// The seat selector page: loads the event, its venue map and the buyer's holds, keeps them live
// from the updates stream, and turns clicks into holds and releases.
import { api, account } from '../api.js';
import { eventDetails } from '../venues.js';
import { dateInZone } from '../format.js';
import { VenueMap } from './venue-map.js';
import { SeatMap } from './seat-map.js';
import { SectionPanel } from './section-panel.js';
import { Holds } from './holds.js';
import { Basket } from './basket.js';
import { PriceLevels } from './price-levels.js';
import { money } from '../format.js';
import { h } from '../dom.js';
import { splitSeat } from '../prices.js';
import { watchEvent } from '../live.js';
import { query } from '../dom.js';
import { salesNotice } from '../sale-state.js';
import { say, sayError, askToSignIn } from './messages.js';

const eventId = query('event');
const $ = (id) => document.getElementById(id);

// The event's details and the layout version it is sold on.
function load() {
  return eventDetails(eventId, async (event) => ({
    layout: await api(`/venues/${event.venue_id}/layouts/${event.layout_id}/versions/${event.layout_version}`),
  }));
}

function showEvent({ event, venue }) {
  document.title = `Choose places: ${event.name} – boxoffice`;
  $('event-name').textContent = event.name;
  $('event-meta').textContent = `${venue.name} · ${dateInZone(event.starts_at, venue.timezone)}`;
  $('event-link').href = `/event.html?id=${encodeURIComponent(event.id)}`;
  $('event-link').textContent = '← About this event';
  showSales(event, venue);
}

// The sales notice, and the hold buttons off while places cannot be held; returns the notice.
function showSales(event, venue) {
  const notice = salesNotice(event, venue.timezone);
  $('sales-notice').hidden = !notice;
  $('sales-notice').textContent = notice;
  for (const button of document.querySelectorAll('#best-form button[type="submit"], #standing-form button[type="submit"]')) {
    button.disabled = Boolean(notice);
  }
  $('section-panel').dataset.selling = String(!notice);
  return notice;
}

async function start() {
  if (!eventId) {
    say('No event was named: open this page from an event.', { kind: 'error', link: { href: '/', text: 'See all events' } });
    return;
  }
  const data = await load();
  const { event, venue, layout, ticketTypes } = data;
  showEvent(data);
  let notice = salesNotice(event, venue.timezone);
  const currency = data.availability.currency;
  const availability = new Map(data.availability.sections.map((s) => [s.key, { ...s }]));
  const sections = new Map(layout.sections.map((s) => [s.key, s]));
  const sectionName = (key) => sections.get(key)?.name || key;
  const holds = new Holds(eventId);
  const busy = new Set();

  const refreshHolds = async () => {
    await holds.load();
    basket.render(holds);
    panel.setMine(holds.mySeats(), (key) => holds.standingHeld(key));
  };

  // Runs a hold or release, says the outcome, and shows the buyer's places as they now are.
  const change = async (key, action) => {
    if (!account()) return askToSignIn();
    if (busy.has(key)) return;
    busy.add(key);
    try {
      say(await action(), { kind: 'ok' });
    } catch (error) {
      sayError(error, eventId, venue.timezone);
    } finally {
      busy.delete(key);
      await refreshHolds().catch((error) => sayError(error, eventId, venue.timezone));
    }
  };

  const onSeat = (seat) => {
    const name = `Row ${seat.row}, seat ${seat.seat}`;
    const { grid } = panel;
    const shown = grid.shown(seat);
    if (shown === 'mine') {
      return change(seat.id, async () => {
        const ended = await holds.releaseSeat(seat.id);
        return `Released ${name}.${ended ? ' That hold has ended: it had no other places.' : ''}`;
      });
    }
    if (notice) return say(notice, { kind: 'error' });
    if (shown !== 'available') {
      return say(`${name} is ${shown === 'held' ? 'taken' : shown === 'sold' ? 'sold' : 'not for sale'}. Please pick another seat.`, { kind: 'error' });
    }
    return change(seat.id, async () => {
      grid.asking(seat, true);
      try {
        await holds.holdSeats([seat.id]);
      } finally {
        grid.asking(seat, false);
      }
      return `${name} is held for you.`;
    });
  };

  const onBest = (section, quantity) =>
    change(`best:${section.key}`, async () => {
      const { added } = await holds.holdQuantity(section.key, quantity);
      const seats = added.map((i) => splitSeat(i.seat)).map((p) => `row ${p.row} seat ${p.seat}`);
      return `Held the best ${quantity} in ${section.name} for you: ${seats.join(', ')}.`;
    });

  const onStanding = (section, quantity) =>
    change(`standing:${section.key}`, async () => {
      await holds.holdQuantity(section.key, quantity);
      return `${quantity} ${quantity === 1 ? 'place' : 'places'} in ${section.name} held for you.`;
    });

  // The venue map is made after the panel (it needs `choose`); the panel's first seats come later.
  let map = null;
  const levels = new PriceLevels(ticketTypes, layout.sections);
  $('price-legend').replaceChildren(
    ...levels.levels.map(({ total, colour }) =>
      h('li', {}, h('span', { class: 'swatch', style: `background: ${colour}` }), ` ${money(total, currency)}`),
    ),
  );
  const seatMap = new SeatMap(eventId);
  const panel = new SectionPanel($('section-panel'), {
    seatMap,
    currency,
    levels,
    availability,
    maxQuantity: Math.min(100, event.max_tickets_per_buyer),
    onSeat,
    onBest,
    onStanding,
    onSeats: (section, grid) => map.showSeats(section.key, grid),
    onPaint: (seat, shown) => map?.paintSeat(seat.id, shown),
  });

  const basket = new Basket($('basket'), {
    eventId,
    currency,
    ticketTypes,
    sectionName,
    onReleaseSeat: (seatId) =>
      change(seatId, async () => {
        await holds.releaseSeat(seatId);
        return 'Released that seat.';
      }),
    onReleaseStanding: (section, quantity) =>
      change(`standing:${section}`, async () => {
        await holds.releaseStanding(section, quantity);
        return `Gave back ${quantity} ${quantity === 1 ? 'place' : 'places'} in ${sectionName(section)}.`;
      }),
    onWarning: (text) => say(text),
    onExpired: async () => {
      say('Your time is up: the hold has expired and its places were let go for others. Pick again to hold new ones.', { kind: 'error' });
      await refreshHolds().catch((error) => sayError(error, eventId, venue.timezone));
    },
  });

  // Once the section's seats are drawn, they are brought into view where the map and the seats
  // are not side by side (a phone): the buyer taps a section and sees its seats.
  const choose = async (key, { scroll = true } = {}) => {
    map.select(key);
    const url = new URL(location.href);
    url.searchParams.set('section', key);
    history.replaceState(null, '', url);
    try {
      await panel.open(sections.get(key));
    } catch (error) {
      sayError(error, eventId, venue.timezone);
    }
    if (!scroll || panel.section?.key !== key) return;
    const seated = sections.get(key).kind === 'seated';
    $(seated ? 'seat-scroll' : 'section-panel').scrollIntoView({ block: seated ? 'center' : 'nearest', behavior: 'instant' });
  };

  $('skip-to-seats').addEventListener('click', (event) => {
    const seat = panel.grid?.current?.button;
    if (!seat || $('seated-part').hidden) return; // the link's own target: the panel
    event.preventDefault();
    seat.focus();
  });

  map = new VenueMap($('venue-map'), $('unmapped-sections'), { sections: layout.sections, stage: layout.stage, availability, currency, levels, onChoose: choose });
  $('map-zoom-in').addEventListener('click', () => map.zoomBy(1.5));
  $('map-zoom-out').addEventListener('click', () => map.zoomBy(1 / 1.5));
  $('map-zoom-reset').addEventListener('click', () => map.zoom?.reset());
  $('selector-body').hidden = false;
  $('live-status').hidden = false;

  watchEvent(eventId, {
    onSales: (sales) => {
      Object.assign(event, sales);
      notice = showSales(event, venue);
    },
    onSnapshot: (snapshot) => {
      for (const counts of snapshot.sections) map.update(counts);
      panel.updateCounts();
      panel.refresh(snapshot.seq).catch((error) => sayError(error, eventId, venue.timezone));
    },
    onUpdate: (update, receivedAt) => {
      for (const counts of update.sections) map.update(counts);
      panel.updateCounts();
      seatMap.apply(update.seq, update.seats);
      panel.applySeats(update.seq, update.seats, receivedAt);
    },
    onStatus: (status) => {
      $('live-status').dataset.status = status;
      $('live-status').textContent = { live: 'Live', reconnecting: 'Reconnecting…', closed: 'Live updates stopped: reload the page' }[status];
    },
  });

  await refreshHolds();
  const wanted = query('section');
  if (wanted && sections.has(wanted)) choose(wanted, { scroll: false });
}

start().catch((error) => sayError(error, eventId));
