// /manage/venue.html?id=VEN: a venue, its layouts, and its events.
import { api } from '../api.js';
import { dateInZone } from '../format.js';
import { h, query } from '../dom.js';
import { openConsolePage, showLoadFailure } from './page.js';
import { statusBadge } from './event-labels.js';
import { table } from './table.js';

async function show() {
  const target = document.getElementById('venue');
  const id = query('id');
  try {
    const [venue, { layouts }, { events }] = await Promise.all([
      api(`/venues/${encodeURIComponent(id)}`),
      api(`/venues/${encodeURIComponent(id)}/layouts`),
      api(`/events?venue_id=${encodeURIComponent(id)}&limit=100`),
    ]);
    document.title = `${venue.name} · boxoffice console`;
    const when = (iso) => dateInZone(iso, venue.timezone);
    const layoutHref = (l) => `/manage/layout.html?venue=${encodeURIComponent(id)}&layout=${encodeURIComponent(l.id)}`;
    target.replaceChildren(
      h('h1', { text: venue.name }),
      h('p', { class: 'muted', text: [venue.address, `Time zone ${venue.timezone}`].filter(Boolean).join(' · ') }),
      h('div', { class: 'page-title' },
        h('h2', { text: 'Layouts' }),
        h('a', { class: 'button', id: 'new-layout', href: `/manage/layout.html?venue=${encodeURIComponent(id)}&new=1`, text: 'New layout' })),
      layouts.length
        ? table({
          id: 'layouts-table',
          columns: ['Layout', 'Newest version', 'In force from', ['Places', 'num']],
          rows: layouts.map((l) => h('tr', {},
            h('th', { scope: 'row' }, h('a', { href: layoutHref(l), text: l.name })),
            h('td', { text: `Version ${l.version}` }),
            h('td', { text: when(l.effective_from) }),
            h('td', { class: 'num', text: l.capacity.toLocaleString() }))),
        })
        : h('p', { class: 'notice', text: 'No layouts yet: a venue needs one before it can host an event.' }),
      h('h2', { text: 'Events here' }),
      events.length
        ? h('ul', { class: 'plain-list' }, events.map((e) => h('li', {},
          h('a', { href: `/manage/event.html?id=${encodeURIComponent(e.id)}`, text: e.name }), ' ',
          h('span', { class: 'muted', text: when(e.starts_at) }), ' ', statusBadge(e.status))))
        : h('p', { class: 'muted', text: 'No events at this venue yet.' }));
  } catch (error) {
    showLoadFailure(target, error, 'the venue');
  }
}

if (openConsolePage('/manage/venues.html')) show();
