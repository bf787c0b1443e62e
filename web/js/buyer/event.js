// One event: its details, ticket types, live availability by section, and the way in
// (choose seats, or the waiting room when it is in front of sales).
import { api } from '../api.js';
import { dateInZone, money } from '../format.js';
import { h, problem, query } from '../dom.js';
import { watchEvent } from '../live.js';
import { describeFees } from '../prices.js';
import { lowestPrice, saleState } from '../sale-state.js';
import { eventDetails } from '../venues.js';

const id = query('id');
const status = document.getElementById('event-status');
const seatsBody = document.querySelector('#availability tbody');
const liveStatus = document.getElementById('live-status');
let shown = null; // the sale state the buy box shows, so live counts redraw it only on a change

function fact(term, ...details) {
  return [h('dt', { text: term }), h('dd', {}, ...details)];
}

function showDetails(event, venue) {
  const zone = venue.timezone;
  document.title = `${event.name} · boxoffice`;
  document.getElementById('event-name').textContent = event.name;
  document.getElementById('event-performers').textContent = event.performers.join(', ');
  document.getElementById('event-description').textContent = event.description;
  const when = (iso) => h('time', { datetime: iso, text: dateInZone(iso, zone) });
  document.getElementById('event-facts').replaceChildren(
    ...fact('Date', when(event.starts_at), h('span', { class: 'muted', text: ` (${zone} time)` })),
    ...(event.doors_at ? fact('Doors', when(event.doors_at)) : []),
    ...fact('Venue', h('span', { text: venue.name }),
      venue.address ? h('span', { class: 'address', text: venue.address }) : null),
  );
}

function priceRange(type) {
  const prices = [type.price, ...type.price_levels.map((l) => l.price)];
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? money(low, type.currency) : `${money(low, type.currency)} – ${money(high, type.currency)}`;
}

function showTypes(types, sectionNames) {
  const body = document.querySelector('#ticket-types tbody');
  body.replaceChildren(
    ...types.map((type) => {
      const fees = describeFees(type);
      const where = type.sections.length
        ? type.sections.map((key) => sectionNames.get(key) || key).join(', ')
        : 'All sections';
      return h(
        'tr',
        {},
        h('th', { scope: 'row', text: type.name }),
        h('td', { class: 'num', text: priceRange(type) }),
        h('td', { text: fees.length ? fees.join(', ') : 'No fees' }),
        h('td', { class: 'where', text: where }),
      );
    }),
  );
}

function availableText(section) {
  return `${section.available.toLocaleString()} of ${section.capacity.toLocaleString()}`;
}

function showSeats(availability, currency) {
  seatsBody.replaceChildren(
    ...availability.sections.map((section) =>
      h(
        'tr',
        { 'data-section': section.key },
        h('th', { scope: 'row', text: section.name }),
        h('td', { class: 'num', text: section.prices.length ? money(section.prices[0], currency) : '—' }),
        h('td', { class: 'num available', text: availableText(section) }),
      ),
    ),
  );
}

// The stream sends counts only; names and prices stay from the availability read.
function applyCounts(availability, counts) {
  for (const update of counts) {
    const section = availability.sections.find((s) => s.key === update.key);
    if (!section) continue;
    Object.assign(section, update);
    const cell = seatsBody.querySelector(`tr[data-section="${CSS.escape(update.key)}"] .available`);
    if (cell) cell.textContent = availableText(section);
  }
}

function opening(event, zone) {
  return h(
    'p',
    {},
    'Sales open ',
    h('strong', {}, h('time', { datetime: event.sales_open_at, text: dateInZone(event.sales_open_at, zone) })),
    ` (${zone} time), which is ${dateInZone(event.sales_open_at, undefined)} where you are.`,
  );
}

function buyBox(event, venue, availability, queueActive) {
  const state = saleState(event, availability, venue.timezone);
  const queueLink = (text) =>
    h('a', { class: 'button', id: 'main-action', href: `/queue.html?event=${encodeURIComponent(event.id)}`, text });
  // Before opening, the sentence below says when, in both zones; the badge would repeat it.
  const badge = state.key === 'opens' ? 'Not on sale yet' : state.text;
  const parts = [h('p', {}, h('span', { class: `sale-state state-${state.key}`, text: badge }))];
  switch (state.key) {
    case 'opens':
      parts.push(opening(event, venue.timezone));
      if (event.queue.enabled) {
        parts.push(
          h('p', { text: 'Everyone who joins the line before sales open is placed by a fair draw, so there is no need to rush.' }),
          queueLink('Join the line'),
        );
      }
      break;
    case 'on_sale':
      if (queueActive) {
        parts.push(
          h('p', { text: 'A waiting room is in front of sales: join the line and you will be let in to choose seats in turn.' }),
          queueLink('Join the line'),
        );
      } else {
        const from = lowestPrice(availability);
        if (from !== null) parts.push(h('p', { text: `Places from ${money(from, event.currency)} plus fees.` }));
        parts.push(h('a', { class: 'button', id: 'main-action', href: `/select.html?event=${encodeURIComponent(event.id)}`, text: 'Choose seats' }));
      }
      break;
    case 'sold_out':
      parts.push(
        h('p', { text: 'Every place is taken for now. Join the line to be next when places come back.' }),
        queueLink('Join the line'),
      );
      break;
    case 'paused':
      parts.push(h('p', { text: 'Sales are paused for now. Please check back later.' }));
      break;
    case 'cancelled':
      parts.push(h('p', { text: 'This event is cancelled. Ticket holders are contacted about their orders.' }));
      break;
    default:
      parts.push(h('p', { text: 'Tickets are no longer sold for this event.' }));
  }
  document.getElementById('buy-body').replaceChildren(...parts);
  shown = state.key;
}

// Whether holds need an admitted place in line right now; the event's own setting when the
// room cannot be read.
async function queueActive(event) {
  try {
    return (await api(`/events/${encodeURIComponent(event.id)}/queue`)).active || event.queue.enabled;
  } catch {
    return event.queue.enabled;
  }
}

async function load() {
  if (!id) {
    status.replaceWith(problem({ message: 'No event was named in the address. Choose one from the events list.' }));
    return;
  }
  try {
    const { event, venue, ticketTypes, availability, active } = await eventDetails(id, async (event) => ({
      active: await queueActive(event),
    }));
    showDetails(event, venue);
    showTypes(ticketTypes, new Map(availability.sections.map((s) => [s.key, s.name])));
    showSeats(availability, availability.currency);
    buyBox(event, venue, availability, active);
    status.remove();
    document.getElementById('event').hidden = false;

    const onCounts = ({ sections: counts }) => {
      applyCounts(availability, counts);
      // Only the connection's state is announced: every sale elsewhere would be too chatty.
      liveStatus.textContent = 'Live: these numbers change as people buy.';
      document.getElementById('live-updated').textContent = `Updated ${new Date().toLocaleTimeString()}.`;
      if (saleState(event, availability, venue.timezone).key !== shown) buyBox(event, venue, availability, active);
    };
    watchEvent(event.id, {
      // A manager's pause, resume, close or cancel, or sales opening by the clock: the buy box
      // turns at once, without a reload.
      onSales(sales) {
        Object.assign(event, sales);
        if (saleState(event, availability, venue.timezone).key !== shown) buyBox(event, venue, availability, active);
      },
      onSnapshot: onCounts,
      onUpdate: onCounts,
      onStatus(status) {
        if (status !== 'live') liveStatus.textContent = 'Live updates are interrupted; reconnecting…';
      },
    });
  } catch (error) {
    status.replaceWith(problem(error, 'This event could not be shown.'));
  }
}

load();
