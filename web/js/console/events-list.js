// /manage/: every event with its state and counts, linking to its form and dashboard.
import { dateInZone } from '../format.js';
import { h } from '../dom.js';
import { allEvents, openConsolePage, showLoadFailure } from './page.js';
import { statusBadge, visibilityText, saleText } from './event-labels.js';
import { venuesById } from './venues-cache.js';
import { table } from './table.js';

function row(event, venue) {
  const zone = venue?.timezone || 'UTC';
  const when = (iso) => dateInZone(iso, zone);
  const c = event.counts || { sold: 0, held: 0, available: 0, places: 0 };
  return h('tr', { dataset: { eventId: event.id } },
    h('th', { scope: 'row' },
      h('a', { href: `/manage/event.html?id=${encodeURIComponent(event.id)}`, text: event.name }),
      h('div', { class: 'muted small', text: venue?.name || event.venue_id })),
    h('td', { text: when(event.starts_at) }),
    h('td', {}, statusBadge(event.status)),
    h('td', { text: visibilityText(event, when) }),
    h('td', { text: saleText(event, when) }),
    h('td', { class: 'num', text: c.sold.toLocaleString() }),
    h('td', { class: 'num', text: c.held.toLocaleString() }),
    h('td', { class: 'num', text: `${c.available.toLocaleString()} / ${c.places.toLocaleString()}` }),
    h('td', { class: 'actions' },
      h('a', { href: `/manage/event.html?id=${encodeURIComponent(event.id)}`, text: 'Edit', 'aria-label': `Edit ${event.name}` }),
      h('a', { href: `/manage/dashboard.html?id=${encodeURIComponent(event.id)}`, text: 'Dashboard', 'aria-label': `Dashboard of ${event.name}` })));
}

async function show() {
  const target = document.getElementById('events');
  try {
    const [events, venues] = await Promise.all([allEvents(), venuesById()]);
    if (!events.length) {
      target.replaceChildren(h('p', { class: 'notice', text: 'No events yet. Make the first with "New event".' }));
      return;
    }
    target.replaceChildren(table({
      id: 'events-table',
      class: 'events-table',
      caption: 'Every event, soonest first',
      columns: ['Event', 'Starts (venue time)', 'Status', 'Visibility', 'Sales', ['Sold', 'num'], ['Held', 'num'], ['Available', 'num'], 'Links'],
      rows: events.map((e) => row(e, venues.get(e.venue_id))),
    }));
  } catch (error) {
    showLoadFailure(target, error, 'the events');
  }
}

if (openConsolePage('/manage/')) show();
