// The event set-up form: every field of EventInput/EventPatch, times typed in the venue's zone,
// the venue's layouts, caps per section of the layout version, and the API's field messages.
import { api } from '../api.js';
import { clearErrors } from '../forms.js';
import { h } from '../dom.js';
import { field } from './field.js';
import { showPlacedErrors } from './field-paths.js';
import { fullLayout } from './venues-cache.js';
import { utcToWall, wallToUtc } from './zoned-time.js';

const times = ['starts_at', 'doors_at', 'ends_at', 'sales_open_at', 'sales_close_at', 'public_at'];
const optionalTimes = new Set(['doors_at', 'ends_at', 'sales_close_at', 'public_at']);
const queueFields = ['max_active', 'auto_threshold', 'window_seconds'];
const defaults = {
  visibility: 'public', max_tickets_per_buyer: 8, currency: 'EUR', hold_seconds: 1800,
  queue: { enabled: false, max_active: 1000, auto_threshold: 0, window_seconds: 1800 }, section_caps: {},
};

// The version an event on `startsAt` is pinned to: the newest in force then.
export function versionInForce(layout, startsAt) {
  const at = Date.parse(startsAt);
  const candidates = layout.versions.filter((v) => Number.isNaN(at) || Date.parse(v.effective_from) <= at);
  return candidates.at(-1) || null;
}

// A minute-precise input cannot show seconds: a stored time counts as unchanged when the input
// still shows its minute.
function sameMinute(iso, other) {
  if (!iso || !other) return iso === other;
  return Math.floor(Date.parse(iso) / 60000) === Math.floor(Date.parse(other) / 60000);
}

export function eventForm({ form, venues, event, onSaved }) {
  const el = (name) => form.elements.namedItem(name);
  const venueSelect = el('venue_id');
  const layoutSelect = el('layout_id');
  const caps = document.getElementById('section-caps');
  let current = event;

  const venue = () => venues.get(venueSelect.value);
  const zone = () => venue()?.timezone || 'UTC';

  function showZone() {
    form.querySelector('.zone-note').textContent = `(venue time, ${zone()})`;
  }

  function showPublicAt() {
    document.getElementById('public-at-field').hidden = el('visibility').value !== 'scheduled';
  }

  async function showLayouts(selected, kept = readCaps()) {
    const venueId = venueSelect.value;
    layoutSelect.replaceChildren();
    if (!venueId) return;
    const { layouts } = await api(`/venues/${encodeURIComponent(venueId)}/layouts`);
    // The venue changed while its layouts were asked for: the newer call fills the list. (Filling
    // it with the old venue's layouts asked the server for a layout of the wrong venue.)
    if (venueSelect.value !== venueId) return;
    layoutSelect.replaceChildren(...layouts.map((l) => h('option', {
      value: l.id, text: `${l.name} (${l.capacity.toLocaleString()} places)`, selected: l.id === selected,
    })));
    if (!layouts.length) layoutSelect.append(h('option', { value: '', text: 'This venue has no layout yet' }));
    await showCaps(kept);
  }

  // One number input per section of the version the event is (or would be) pinned to.
  // `kept`: section key → cap, carried over to the sections that are still there.
  async function showCaps(kept = readCaps()) {
    caps.replaceChildren();
    const hint = document.getElementById('ev-layout-hint');
    hint.textContent = '';
    if (!layoutSelect.value) return;
    const layout = await fullLayout(venueSelect.value, layoutSelect.value);
    const pinned = current && current.layout_id === layout.id
      ? layout.versions.find((v) => v.version === current.layout_version)
      : versionInForce(layout, wallToUtc(el('starts_at').value, zone()));
    if (!pinned) {
      hint.textContent = 'No version of this layout is in force on the start date yet.';
      return;
    }
    hint.textContent = `Version ${pinned.version}: ${pinned.capacity.toLocaleString()} places in ${pinned.sections.length} sections.`;
    caps.replaceChildren(...pinned.sections.map((s) => field(`${s.name} (of ${s.capacity.toLocaleString()})`,
      h('input', { type: 'number', min: 0, max: s.capacity, inputmode: 'numeric', name: `section_caps.${s.key}`, value: kept[s.key] ?? '' }))));
  }

  function readCaps() {
    const out = {};
    for (const input of caps.querySelectorAll('input')) {
      if (input.value.trim() !== '') out[input.name.slice('section_caps.'.length)] = Number(input.value);
    }
    return out;
  }

  function fill(e) {
    const v = { ...defaults, ...e, queue: { ...defaults.queue, ...e?.queue } };
    el('name').value = v.name || '';
    el('description').value = v.description || '';
    el('performers').value = (v.performers || []).join('\n');
    el('visibility').value = v.visibility;
    el('max_tickets_per_buyer').value = v.max_tickets_per_buyer;
    el('currency').value = v.currency;
    el('hold_seconds').value = v.hold_seconds;
    el('queue.enabled').checked = v.queue.enabled;
    for (const q of queueFields) el(`queue.${q}`).value = v.queue[q];
    for (const t of times) el(t).value = e?.[t] ? utcToWall(e[t], zone()) : '';
    showPublicAt();
  }

  // Everything the form says, as an EventInput; empty optional fields are left out.
  function read() {
    const num = (name) => (el(name).value.trim() === '' ? undefined : Number(el(name).value));
    const body = {
      name: el('name').value.trim(),
      description: el('description').value.trim(),
      performers: el('performers').value.split('\n').map((s) => s.trim()).filter(Boolean),
      venue_id: venueSelect.value,
      layout_id: layoutSelect.value,
      visibility: el('visibility').value,
      max_tickets_per_buyer: num('max_tickets_per_buyer'),
      currency: el('currency').value.trim().toUpperCase(),
      hold_seconds: num('hold_seconds'),
      queue: { enabled: el('queue.enabled').checked },
      section_caps: readCaps(),
    };
    for (const q of queueFields) body.queue[q] = num(`queue.${q}`);
    for (const t of times) body[t] = wallToUtc(el(t).value, zone()) ?? undefined;
    if (body.visibility !== 'scheduled') body.public_at = undefined;
    return JSON.parse(JSON.stringify(body));
  }

  // Only what changed, so untouched times are not checked against the clock again.
  function changes(body) {
    const patch = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'queue') continue;
      const before = current[key];
      const same = times.includes(key) ? sameMinute(value, before) : JSON.stringify(value) === JSON.stringify(before);
      if (!same) patch[key] = value;
    }
    for (const t of optionalTimes) if (body[t] === undefined && current[t] !== undefined) patch[t] = null;
    const queue = {};
    for (const [key, value] of Object.entries(body.queue)) if (value !== current.queue[key]) queue[key] = value;
    if (Object.keys(queue).length) patch.queue = queue;
    return patch;
  }

  async function submit(e) {
    e.preventDefault();
    clearErrors(form);
    const status = document.getElementById('form-result');
    status.textContent = '';
    const body = read();
    const button = document.getElementById('save-event');
    button.disabled = true;
    try {
      if (!current) {
        onSaved(await api('/events', { method: 'POST', body }), true);
        return;
      }
      const patch = changes(body);
      if (!Object.keys(patch).length) {
        status.textContent = 'Nothing changed.';
        return;
      }
      current = await api(`/events/${encodeURIComponent(current.id)}`, { method: 'PATCH', body: { ...patch, revision: current.revision } });
      status.textContent = 'Saved.';
      onSaved(current, false);
    } catch (error) {
      showPlacedErrors(form, error.code === 'edit_conflict'
        ? Object.assign(error, { message: `${error.message} Reload the page to see the newest version before changing it.` })
        : error, undefined, { timeZone: zone() });
    } finally {
      button.disabled = false;
    }
  }

  venueSelect.replaceChildren(...[...venues.values()].map((v) => h('option', { value: v.id, text: `${v.name} (${v.timezone})` })));
  if (event) venueSelect.value = event.venue_id;
  showZone();
  fill(event);
  venueSelect.addEventListener('change', () => {
    showZone();
    showLayouts().catch((error) => showPlacedErrors(form, error));
  });
  layoutSelect.addEventListener('change', () => showCaps().catch((error) => showPlacedErrors(form, error)));
  el('starts_at').addEventListener('change', () => { if (!current) showCaps().catch((error) => showPlacedErrors(form, error)); });
  el('visibility').addEventListener('change', showPublicAt);
  form.addEventListener('submit', submit);
  document.getElementById('save-event').textContent = event ? 'Save changes' : 'Create event';
  form.hidden = false;
  return {
    ready: showLayouts(event?.layout_id, event?.section_caps || {}),
    update(e) {
      current = e;
      fill(e);
      return showCaps(e.section_caps);
    },
  };
}
