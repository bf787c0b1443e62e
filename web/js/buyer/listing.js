// The home page: every public event as a card with its date, venue, price and sale state.
import { api } from '../api.js';
import { dateInZone, money } from '../format.js';
import { h, problem } from '../dom.js';
import { lowestPrice, saleState } from '../sale-state.js';
import { venues } from '../venues.js';

const list = document.getElementById('event-list');
const status = document.getElementById('listing-status');

// Availability is per event; a failure there leaves the card without price and sold-out state
// instead of hiding the event.
async function availability(eventId) {
  try {
    return await api(`/events/${encodeURIComponent(eventId)}/availability`);
  } catch {
    return null;
  }
}

function card(event, venue, seats) {
  const zone = venue?.timezone || 'UTC';
  const state = saleState(event, seats, zone);
  const from = seats ? lowestPrice(seats) : null;
  const href = `/event.html?id=${encodeURIComponent(event.id)}`;
  return h(
    'li',
    { class: 'card event-card', 'data-event-id': event.id },
    h('h2', {}, h('a', { href, text: event.name })),
    event.performers.length ? h('p', { class: 'performers', text: event.performers.join(', ') }) : null,
    h('p', {}, h('time', { datetime: event.starts_at, text: dateInZone(event.starts_at, zone) })),
    h('p', { class: 'venue', text: venue ? venue.name : '' }),
    from !== null ? h('p', { class: 'price', text: `from ${money(from, event.currency)}` }) : null,
    h('p', {}, h('span', { class: `sale-state state-${state.key}`, text: state.text })),
  );
}

async function load() {
  try {
    const [answer, byId] = await Promise.all([api('/events?limit=100'), venues()]);
    if (!answer.events.length) {
      status.textContent = 'No events are on sale right now. Come back soon.';
      return;
    }
    const seats = await Promise.all(answer.events.map((e) => availability(e.id)));
    list.replaceChildren(...answer.events.map((e, i) => card(e, byId.get(e.venue_id), seats[i])));
    list.hidden = false;
    status.textContent = `${answer.events.length} event${answer.events.length === 1 ? '' : 's'}`;
  } catch (error) {
    status.replaceWith(problem(error, 'The events could not be loaded.'));
  }
}

load();
