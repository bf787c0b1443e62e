// An event's audit trail: who changed what and when, newest first for reading.
import { api, account } from '../api.js';
import { dateInZone } from '../format.js';
import { h } from '../dom.js';
import { showLoadFailure } from './page.js';

const actionWords = {
  create: 'Created', update: 'Changed', publish: 'Published', 'pause-sales': 'Paused sales',
  'resume-sales': 'Resumed sales', 'close-sales': 'Closed sales', 'reopen-sales': 'Reopened sales',
  cancel: 'Cancelled', 'move-layout': 'Moved to another layout version',
};

export async function showAudit(target, event, timeZone) {
  try {
    const { entries } = await api(`/events/${encodeURIComponent(event.id)}/audit`);
    const me = account()?.id;
    target.replaceChildren(h('div', { class: 'table-scroll' }, h('table', { id: 'audit-table' },
      h('thead', {}, h('tr', {}, ['When (venue time)', 'What', 'Detail', 'By'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, [...entries].reverse().map((entry) => h('tr', {},
        h('td', { text: dateInZone(entry.at, timeZone) }),
        h('td', { text: actionWords[entry.action] || entry.action }),
        h('td', { text: entry.detail || '—' }),
        h('td', { text: entry.actor_id === me ? 'You' : entry.actor_id })))))));
  } catch (error) {
    showLoadFailure(target, error, 'the audit trail');
  }
}
