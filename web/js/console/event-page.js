// /manage/event.html?id=EVT (edit) or /manage/event.html (new): the set-up form, the event's
// status and actions, a cancelled event's settlement, its ticket types and its audit trail.
import { api } from '../api.js';
import { h, query } from '../dom.js';
import { openConsolePage, showLoadFailure } from './page.js';
import { venuesById, fullLayout } from './venues-cache.js';
import { eventForm } from './event-form.js';
import { showActions } from './event-actions.js';
import { showTicketTypes } from './ticket-types.js';
import { showAudit } from './audit-trail.js';
import { showSettlement } from './settlement.js';
import { dateInZone } from '../format.js';

const status = document.getElementById('event-status');

async function sectionKeys(event) {
  const layout = await fullLayout(event.venue_id, event.layout_id);
  const version = layout.versions.find((v) => v.version === event.layout_version);
  return version ? version.sections.map((s) => s.key) : [];
}

// Everything below the form follows the event as it is now.
async function showEvent(event, venues, form) {
  const venue = venues.get(event.venue_id);
  document.getElementById('event-title').textContent = event.name;
  document.title = `${event.name} · boxoffice console`;
  const dashboard = document.getElementById('dashboard-link');
  dashboard.href = `/manage/dashboard.html?id=${encodeURIComponent(event.id)}`;
  dashboard.hidden = false;
  const changed = (next) => {
    form.update(next);
    showEvent(next, venues, form);
  };
  await Promise.all([
    showActions(event, venue, changed).then(() => { document.getElementById('event-actions').hidden = false; }),
    sectionKeys(event).then((keys) => showTicketTypes(event, keys)).then(() => { document.getElementById('ticket-types').hidden = false; }),
    showAudit(document.getElementById('audit-list'), event, venue.timezone).then(() => { document.getElementById('audit').hidden = false; }),
    showSettlement(event, (iso) => dateInZone(iso, venue.timezone)),
  ]);
}

async function load() {
  const id = query('id');
  try {
    const [venues, event] = await Promise.all([venuesById(), id ? api(`/events/${encodeURIComponent(id)}`) : null]);
    if (!venues.size) {
      status.replaceChildren(h('p', { class: 'notice' }, 'Add a venue with a layout first: ', h('a', { href: '/manage/venues.html', text: 'Venues' }), '.'));
      return;
    }
    status.replaceChildren();
    if (query('copied') === '1') status.append(h('p', { class: 'notice success', role: 'status', text: 'This is the new copy, as a draft. Check its dates and publish it when ready.' }));
    const form = eventForm({
      form: document.getElementById('event-form'),
      venues,
      event,
      onSaved: (saved, created) => {
        if (created) location.href = `/manage/event.html?id=${encodeURIComponent(saved.id)}&created=1`;
        else showEvent(saved, venues, form);
      },
    });
    await form.ready;
    if (query('created') === '1') status.append(h('p', { class: 'notice success', role: 'status', text: 'Event created as a draft. Add a ticket type, then publish it.' }));
    if (event) await showEvent(event, venues, form);
  } catch (error) {
    showLoadFailure(status, error, id ? 'the event' : 'the venues');
  }
}

if (openConsolePage('/manage/')) load();
