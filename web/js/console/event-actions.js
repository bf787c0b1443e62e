// An event's lifecycle from the console: publish, pause, resume, close, reopen, cancel with a
// settlement, duplicate as another show, and moving to another layout version.
import { api } from '../api.js';
import { dateInZone } from '../format.js';
import { h, problem } from '../dom.js';
import { field } from './field.js';
import { askInDialog } from './dialog.js';
import { statusBadge, saleText, visibilityText } from './event-labels.js';
import { wallToUtc } from './zoned-time.js';
import { fullLayout } from './venues-cache.js';
import { resolutionText, settlementGroups, settlements } from './settlement.js';

const transitions = {
  draft: [['publish', 'Publish', null]],
  on_sale: [
    ['pause-sales', 'Pause sales', 'Buyers cannot hold or buy until you resume. Places already held stay held.'],
    ['close-sales', 'Close sales', 'Sales stop until you reopen them.'],
  ],
  paused: [
    ['resume-sales', 'Resume sales', null],
    ['close-sales', 'Close sales', 'Sales stop until you reopen them.'],
  ],
  closed: [['reopen-sales', 'Reopen sales', null]],
  cancelled: [],
};

async function cancelDialog(event, when, result, onChanged) {
  const { events } = await api('/events?limit=100');
  const others = events.filter((e) => e.id !== event.id && e.status !== 'cancelled');
  const radios = settlements.map(([value, label, hint], i) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'resolution', value, checked: i === 0 }),
    h('span', {}, h('strong', { text: label }), h('span', { class: 'muted small', text: ` ${hint}` }))));
  const rescheduled = h('select', { name: 'rescheduled_event_id' },
    h('option', { value: '', text: 'None' }),
    others.map((e) => h('option', { value: e.id, text: `${e.name} (${when(e.starts_at)})` })));
  const answer = await askInDialog({
    title: `Cancel ${event.name}?`,
    text: 'Cancelling is final: the event cannot be sold again, and every order is settled as you choose.',
    confirmLabel: 'Cancel the event',
    danger: true,
    fields: [h('fieldset', { class: 'choices' }, h('legend', { text: 'What buyers get' }), radios),
      field('Rescheduled event (for vouchers)', rescheduled)],
    send: (form) => {
      const body = { resolution: new FormData(form).get('resolution') };
      if (rescheduled.value) body.rescheduled_event_id = rescheduled.value;
      return api(`/events/${encodeURIComponent(event.id)}/cancel`, { method: 'POST', body });
    },
  });
  if (!answer) return;
  result.replaceChildren(h('div', { class: 'notice success', role: 'status', id: 'cancel-result' },
    h('p', {}, h('strong', { text: 'The event is cancelled. ' }),
      `Orders settled by: ${resolutionText(answer.resolution)}.`),
    settlementGroups(answer, answer.event.currency),
    answer.finished ? null : h('p', { text: 'Not finished yet: the Settlement panel below follows the rest.' }),
    answer.rescheduled_event_id
      ? h('p', {}, 'Vouchers are for ', h('a', { href: `/manage/event.html?id=${encodeURIComponent(answer.rescheduled_event_id)}`, text: 'the rescheduled event' }), '.')
      : null));
  onChanged(answer.event);
}

async function duplicateDialog(event, timeZone) {
  const starts = h('input', { type: 'datetime-local', name: 'starts_at', required: true });
  const name = h('input', { name: 'name', value: event.name, maxlength: 200 });
  const copy = await askInDialog({
    title: 'Add another show',
    text: `A new draft like this one, with its ticket types. Its other times move with the start. Times are in ${timeZone}.`,
    confirmLabel: 'Create the copy',
    fields: [field('New start', starts), field('Name of the copy', name)],
    send: () => {
      const body = { starts_at: wallToUtc(starts.value, timeZone) ?? '' };
      if (name.value.trim() && name.value.trim() !== event.name) body.name = name.value.trim();
      return api(`/events/${encodeURIComponent(event.id)}/duplicate`, { method: 'POST', body });
    },
  });
  if (copy) location.href = `/manage/event.html?id=${encodeURIComponent(copy.id)}&copied=1`;
}

async function layoutLine(event, when, result, onChanged) {
  const layout = await fullLayout(event.venue_id, event.layout_id);
  const line = h('p', { id: 'pinned-layout' }, `Layout: ${layout.name}, version ${event.layout_version} of ${layout.versions.length}.`);
  if (layout.versions.length < 2 || event.status === 'cancelled') return line;
  const select = h('select', { id: 'move-version' }, layout.versions.map((v) => h('option', {
    value: v.version, selected: v.version === event.layout_version,
    text: `Version ${v.version} (from ${when(v.effective_from)}, ${v.capacity.toLocaleString()} places)`,
  })));
  const move = h('button', { type: 'button', class: 'secondary', text: 'Move to this version' });
  move.addEventListener('click', async () => {
    const version = Number(select.value);
    const ok = await askInDialog({
      title: `Move to version ${version}?`,
      text: 'Places are matched by their ids; the move is refused if held or sold places would be lost.',
      confirmLabel: 'Move',
    });
    if (!ok) return;
    try {
      const moved = await api(`/events/${encodeURIComponent(event.id)}/move-layout`, { method: 'POST', body: { version } });
      result.replaceChildren(h('p', { class: 'notice success', role: 'status', text: `Moved to version ${moved.layout_version}.` }));
      onChanged(moved);
    } catch (error) {
      result.replaceChildren(problem(error, 'Not moved:'));
    }
  });
  return h('div', { class: 'move-layout' }, line, h('div', { class: 'inline-field' }, field('Layout version', select), move));
}

// Fills the status panel for `event`; `onChanged(event)` runs after any action changed it.
export async function showActions(event, venue, onChanged) {
  const when = (iso) => dateInZone(iso, venue.timezone);
  const summary = document.getElementById('state-summary');
  const buttons = document.getElementById('action-buttons');
  const result = document.getElementById('action-result');
  summary.replaceChildren(
    h('p', { id: 'event-state' }, statusBadge(event.status), ' ',
      h('span', { id: 'sale-state', text: saleText(event, when) }), ' · ',
      h('span', { text: visibilityText(event, when) })),
    await layoutLine(event, when, result, onChanged));
  const act = (action, label, warning) => {
    const button = h('button', { type: 'button', class: warning ? 'secondary' : null, text: label });
    button.addEventListener('click', async () => {
      if (warning && !(await askInDialog({ title: `${label}?`, text: warning, confirmLabel: label, danger: true }))) return;
      try {
        const changed = await api(`/events/${encodeURIComponent(event.id)}/${action}`, { method: 'POST' });
        result.replaceChildren(h('p', { class: 'notice success', role: 'status', text: `${label}: done. The event is now ${changed.status.replace('_', ' ')}.` }));
        onChanged(changed);
      } catch (error) {
        result.replaceChildren(problem(error, `${label} failed:`));
      }
    });
    return button;
  };
  const cancel = h('button', { type: 'button', class: 'danger', text: 'Cancel event…' });
  cancel.addEventListener('click', () => cancelDialog(event, when, result, onChanged).catch((error) => result.replaceChildren(problem(error))));
  const duplicate = h('button', { type: 'button', class: 'secondary', text: 'Duplicate as another show…' });
  duplicate.addEventListener('click', () => duplicateDialog(event, venue.timezone).catch((error) => result.replaceChildren(problem(error))));
  buttons.replaceChildren(
    ...(transitions[event.status] || []).map(([action, label, warning]) => act(action, label, warning)),
    duplicate,
    ...(event.status === 'cancelled' ? [] : [cancel]));
}

