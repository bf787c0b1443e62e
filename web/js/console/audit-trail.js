// An event's audit trail: who changed what and when, newest first for reading.
import { api, account } from '../api.js';
import { dateInZone } from '../format.js';
import { h } from '../dom.js';
import { showLoadFailure } from './page.js';
import { table } from './table.js';

const actionWords = {
  create: 'Created', update: 'Changed', publish: 'Published', 'pause-sales': 'Paused sales',
  'resume-sales': 'Resumed sales', 'close-sales': 'Closed sales', 'reopen-sales': 'Reopened sales',
  cancel: 'Cancelled', 'move-layout': 'Moved to another layout version',
};

export async function showAudit(target, event, timeZone) {
  try {
    const { entries } = await api(`/events/${encodeURIComponent(event.id)}/audit`);
    const me = account()?.id;
    target.replaceChildren(table({
      id: 'audit-table',
      columns: ['When (venue time)', 'What', 'Detail', 'By'],
      rows: [...entries].reverse().map((entry) => h('tr', {},
        h('td', { text: dateInZone(entry.at, timeZone) }),
        h('td', { text: actionWords[entry.action] || entry.action }),
        h('td', { text: entry.detail || '—' }),
        h('td', { text: entry.actor_id === me ? 'You' : entry.actor_id }))),
    }));
  } catch (error) {
    showLoadFailure(target, error, 'the audit trail');
  }
}
