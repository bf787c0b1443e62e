// /manage/layout.html?venue=VEN&layout=LAY (or &new=1): a layout's dated versions, and the
// editor for the next one, with a live map and the events a saved version conflicts with.
import { api } from '../api.js';
import { dateInZone } from '../format.js';
import { showErrors, clearErrors } from '../forms.js';
import { h, query } from '../dom.js';
import { openConsolePage, showLoadFailure } from './page.js';
import { drawMap, mapElement } from './layout-map.js';
import { LayoutDrawing } from './layout-drawing.js';
import { readStage, fillStage, writeStageBox } from './stage-fields.js';
import { table } from './table.js';
import { foldRows } from './row-shorthand.js';
import { sectionEditor, readSection } from './section-editor.js';
import { showPlacedErrors } from './field-paths.js';
import { utcToWall, wallToUtc } from './zoned-time.js';

const venueId = query('venue');
const form = document.getElementById('layout-form');
const list = document.getElementById('sections');
const mapSvg = document.getElementById('layout-map');
let venue = null;
let layout = null;
let lastRead = { sections: [], problems: {}, rowOwners: {}, stage: undefined };

const path = (tail = '') => `/venues/${encodeURIComponent(venueId)}/layouts${tail}`;
const when = (iso) => dateInZone(iso, venue.timezone);

// The editor's form of a stored section: rows folded back into shorthand groups.
function editable(section) {
  return {
    kind: section.kind,
    key: section.key,
    name: section.name === section.key ? '' : section.name,
    groups: section.rows ? foldRows(section.rows) : [],
    capacity: section.capacity,
    geometry: section.geometry,
  };
}

// Reads every section (naming inputs by position), then redraws the map and the totals.
function refresh() {
  const read = [...list.children].map((el, i) => readSection(el, i));
  lastRead = {
    sections: read.map((r) => r.section),
    problems: Object.assign({}, ...read.map((r) => r.problems)),
    rowOwners: Object.assign({}, ...read.map((r) => r.rowOwners)),
    stage: readStage(),
  };
  const total = read.reduce((sum, r) => sum + r.places, 0);
  document.getElementById('layout-total').textContent =
    `${read.length} section${read.length === 1 ? '' : 's'}, ${total.toLocaleString()} places in all`;
  const items = lastRead.sections.map((s, i) => ({ id: String(i), name: s.name || s.key || `${i + 1}`, kind: s.kind, rows: s.rows, geometry: s.geometry }));
  if (lastRead.stage) items.unshift({ id: 'stage', name: lastRead.stage.label || 'Stage', kind: 'stage', geometry: { ...lastRead.stage, shape: 'rect' } });
  drawing.draw(items);
}

// A shape dragged or moved on the map: its number fields take the new place and size.
const drawing = new LayoutDrawing(mapSvg, {
  onChange: (item, box) => {
    if (item.id === 'stage') {
      writeStageBox(box);
    } else {
      const { geo } = list.children[Number(item.id)].parts;
      for (const part of ['x', 'y', 'width', 'height']) if (box[part] !== undefined) geo[part].value = box[part];
    }
    refresh();
  },
});

// Adds a section's editor; the caller refreshes (once, after adding many).
function addSection(section, open = true) {
  const el = sectionEditor(section, {
    open,
    onChange: refresh,
    onMove: (moved, step) => {
      const other = step < 0 ? moved.previousElementSibling : moved.nextElementSibling;
      if (!other) return;
      list.insertBefore(moved, step < 0 ? other : other.nextElementSibling);
      refresh();
      moved.parts[step < 0 ? 'up' : 'down'].focus();
    },
    onRemove: (removed) => {
      const next = removed.nextElementSibling || removed.previousElementSibling;
      removed.remove();
      refresh();
      (next?.parts.key || document.getElementById('add-seated')).focus();
    },
  });
  list.append(el);
  return el;
}

// New sections are placed in a grid below the others, so the preview shows them at once.
function nextSpot() {
  const n = list.children.length;
  return { shape: 'rect', x: (n % 4) * 130, y: Math.floor(n / 4) * 100, width: 120, height: 80 };
}

function freeKey(prefix) {
  const taken = new Set(lastRead.sections.map((s) => s.key));
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

function fillEditor(sections) {
  list.replaceChildren();
  // Many sections start folded; a few start open, ready to edit.
  for (const s of sections) addSection(editable(s), sections.length <= 4);
  refresh();
}

function versionDetails(version, newest) {
  const map = mapElement('layout-map small-map', `Map of version ${version.version}`);
  drawMap(map, version.sections);
  return h('details', { class: 'version card', open: version === newest, dataset: { version: version.version } },
    h('summary', {},
      h('strong', { text: `Version ${version.version}` }),
      ` · in force from ${when(version.effective_from)} · ${version.capacity.toLocaleString()} places`),
    h('p', { class: 'muted small', text: `Added ${when(version.created_at)}` }),
    h('div', { class: 'version-body' },
      map,
      table({
        tall: true,
        caption: `Sections of version ${version.version}`,
        columns: ['Key', 'Name', 'Kind', ['Places', 'num']],
        rows: version.sections.map((s) => h('tr', {},
          h('td', { text: s.key }), h('td', { text: s.name }),
          h('td', { text: s.kind === 'seated' ? `Seated, ${s.rows.length} rows` : 'Standing' }),
          h('td', { class: 'num', text: s.capacity.toLocaleString() }))),
      })));
}

function showVersions() {
  const newest = layout.versions.at(-1);
  document.getElementById('version-list').replaceChildren(...[...layout.versions].reverse().map((v) => versionDetails(v, newest)));
  document.getElementById('versions').hidden = false;
}

async function conflictList(conflicts) {
  if (!conflicts.length) return h('p', { id: 'no-conflicts', text: 'Every event on this layout still fits: no conflicts.' });
  const names = await Promise.all(conflicts.map((c) =>
    api(`/events/${encodeURIComponent(c.event_id)}`).then((e) => `${e.name} (${when(e.starts_at)})`, () => c.event_id)));
  return h('div', { class: 'conflicts', id: 'conflicts' },
    h('h3', { text: `${conflicts.length} event${conflicts.length === 1 ? '' : 's'} conflict${conflicts.length === 1 ? 's' : ''} with this version` }),
    h('p', { class: 'muted', text: 'They stay on the version they are pinned to until you move them (from the event).' }),
    h('ul', {}, conflicts.map((c, i) => h('li', {},
      h('a', { href: `/manage/event.html?id=${encodeURIComponent(c.event_id)}`, text: names[i] }),
      h('ul', {}, c.reasons.map((r) => h('li', { text: r })))))));
}

// Errors about rows the shorthand made belong on the group that made them.
function alias(field) {
  const row = /^(sections\[\d+\]\.rows\[\d+\])(?:\.(label|from|to|seats)(?:\[\d+\])?)?$/.exec(field);
  if (row && lastRead.rowOwners[row[1]]) return lastRead.rowOwners[row[1]][row[2] === 'label' ? 'label' : 'seats'];
  const rows = /^(sections\[\d+\])\.rows$/.exec(field);
  if (rows) return `${rows[1]}.rows[0].label`;
  const geometry = /^(sections\[\d+\])\.geometry$/.exec(field);
  if (geometry) {
    const shape = form.querySelector(`[name="${CSS.escape(`${geometry[1]}.geometry.shape`)}"]`);
    return `${geometry[1]}.geometry.${shape?.value === 'polygon' ? 'points' : 'width'}`;
  }
  return null;
}

// Folded sections holding a message open, or the message could not be seen.
function openAroundErrors() {
  for (const input of form.querySelectorAll('[aria-invalid="true"]')) {
    for (let d = input.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  }
  form.querySelector('[aria-invalid="true"]')?.focus();
}

async function save(event) {
  event.preventDefault();
  clearErrors(form);
  refresh();
  const result = document.getElementById('save-result');
  result.replaceChildren();
  if (Object.keys(lastRead.problems).length) {
    showErrors(form, { message: 'Some rows or corners could not be read: see the messages below.', fields: lastRead.problems });
    openAroundErrors();
    return;
  }
  const effective = wallToUtc(form.effective_from.value, venue.timezone);
  const body = { effective_from: effective ?? '', sections: lastRead.sections };
  if (lastRead.stage) body.stage = lastRead.stage;
  if (!layout) body.name = document.getElementById('layout-name').value.trim();
  const button = document.getElementById('save-layout');
  button.disabled = true;
  try {
    if (!layout) {
      const created = await api(path(), { method: 'POST', body });
      location.href = `/manage/layout.html?venue=${encodeURIComponent(venueId)}&layout=${encodeURIComponent(created.id)}&created=1`;
      return;
    }
    const added = await api(path(`/${encodeURIComponent(layout.id)}/versions`), { method: 'POST', body });
    result.replaceChildren(h('div', { class: 'notice success', role: 'status', id: 'version-saved' },
      h('p', {}, h('strong', { text: `Version ${added.version} saved` }),
        `, in force from ${when(added.effective_from)}, ${added.capacity.toLocaleString()} places.`),
      await conflictList(added.conflicts)));
    layout = await api(path(`/${encodeURIComponent(layout.id)}`));
    showVersions();
    prepareEditor();
    result.scrollIntoView({ block: 'start' });
  } catch (error) {
    showPlacedErrors(form, error, alias);
    openAroundErrors();
  } finally {
    button.disabled = false;
  }
}

function prepareEditor() {
  const newest = layout?.versions.at(-1);
  const earliest = newest && Date.parse(newest.effective_from) > Date.now() ? newest.effective_from : new Date().toISOString();
  form.effective_from.value = utcToWall(earliest, venue.timezone);
  document.getElementById('effective-from-hint').textContent = newest
    ? `In ${venue.timezone}. Not before version ${newest.version} (${when(newest.effective_from)}).`
    : `In ${venue.timezone}.`;
  document.getElementById('layout-name-field').hidden = Boolean(layout);
  document.getElementById('editor-title').textContent = layout ? `New version (${newest.version + 1})` : 'Sections';
  document.getElementById('save-layout').textContent = layout ? `Save version ${newest.version + 1}` : 'Create layout';
  fillStage(newest?.stage);
  fillEditor(newest ? newest.sections : []);
  document.getElementById('editor').hidden = false;
}

async function load() {
  const status = document.getElementById('layout-status');
  try {
    venue = await api(`/venues/${encodeURIComponent(venueId)}`);
    const back = document.getElementById('back-to-venue');
    back.href = `/manage/venue.html?id=${encodeURIComponent(venue.id)}`;
    back.textContent = `← ${venue.name}`;
    const layoutId = query('layout');
    if (layoutId && query('new') !== '1') {
      layout = await api(path(`/${encodeURIComponent(layoutId)}`));
      document.getElementById('layout-title').textContent = layout.name;
      document.title = `${layout.name} · ${venue.name} · boxoffice console`;
      showVersions();
    } else {
      document.getElementById('layout-title').textContent = `New layout at ${venue.name}`;
    }
    status.replaceChildren();
    if (query('created') === '1') {
      status.replaceChildren(h('p', { class: 'notice success', role: 'status', text: `Layout created with version 1 (${layout.capacity.toLocaleString()} places).` }));
    }
    prepareEditor();
  } catch (error) {
    showLoadFailure(status, error, 'the layout');
  }
}

if (openConsolePage('/manage/venues.html')) {
  const addNew = (section) => {
    const el = addSection(section);
    refresh();
    el.parts.key.focus();
  };
  document.getElementById('add-seated').addEventListener('click', () => {
    addNew({ kind: 'seated', key: freeKey('section'), groups: [{ rows: 'A-J', seats: '1-20' }], geometry: nextSpot() });
  });
  document.getElementById('add-standing').addEventListener('click', () => {
    addNew({ kind: 'standing', key: freeKey('floor'), capacity: 500, geometry: nextSpot() });
  });
  form.addEventListener('submit', save);
  document.getElementById('stage-fields').addEventListener('input', refresh);
  load();
}

