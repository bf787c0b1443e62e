// One section of a layout version being made: a fieldset whose inputs are named by the API's
// field paths (`sections[2].rows[0].seats`), seated rows typed as shorthand, a standing area's
// capacity, and where it sits on the map.
import { h } from '../dom.js';
import { field } from './field.js';
import { expandGroup, seatCount, ShorthandError } from './row-shorthand.js';

const shapes = ['rect', 'ellipse', 'polygon'];

function input(attrs) {
  return h('input', { autocomplete: 'off', ...attrs });
}

function rowGroup(group, onChange) {
  const rows = input({ class: 'group-rows', value: group.rows, placeholder: 'A-M' });
  const seats = input({ class: 'group-seats', value: group.seats, placeholder: '1-30' });
  const count = h('output', { class: 'group-count muted' });
  const remove = h('button', { type: 'button', class: 'secondary small', text: 'Remove rows' });
  const el = h('div', { class: 'row-group' },
    field('Rows', rows, null), field('Seats in each row', seats, null), count, remove);
  remove.addEventListener('click', () => {
    el.remove();
    onChange();
  });
  return el;
}

// `section`: {kind, key, name, groups: [{rows, seats}], capacity, geometry}. `onChange` runs
// after any edit, `onMove(el, step)` and `onRemove(el)` after those buttons. A closed one shows
// only its name and places until opened (a big venue has dozens of sections).
export function sectionEditor(section, { open = true, onChange, onMove, onRemove }) {
  const g = section.geometry || {};
  const kind = h('select', { class: 'sec-kind' },
    h('option', { value: 'seated', text: 'Seated (rows of seats)', selected: section.kind === 'seated' }),
    h('option', { value: 'standing', text: 'Standing area', selected: section.kind === 'standing' }));
  const key = input({ class: 'sec-key', value: section.key || '', pattern: '[A-Za-z0-9_-]{1,64}', maxlength: 64 });
  const name = input({ class: 'sec-name', value: section.name || '', maxlength: 200 });
  const groups = h('div', { class: 'row-groups' });
  const addGroup = h('button', { type: 'button', class: 'secondary small add-rows', text: 'Add rows' });
  const capacity = input({ class: 'sec-capacity', type: 'number', min: 1, max: 250000, inputmode: 'numeric', value: section.capacity ?? '' });
  const geo = {
    shape: h('select', { class: 'geo-shape' }, shapes.map((s) => h('option', { value: s, text: s, selected: (g.shape || 'rect') === s }))),
    x: input({ class: 'geo-x', type: 'number', step: 'any', value: g.x ?? '' }),
    y: input({ class: 'geo-y', type: 'number', step: 'any', value: g.y ?? '' }),
    width: input({ class: 'geo-width', type: 'number', step: 'any', min: 0, value: g.width ?? '' }),
    height: input({ class: 'geo-height', type: 'number', step: 'any', min: 0, value: g.height ?? '' }),
    rotation: input({ class: 'geo-rotation', type: 'number', step: 'any', value: g.rotation ?? 0 }),
    points: h('textarea', { class: 'geo-points', rows: 2, placeholder: '0,0 100,0 50,80' }),
  };
  geo.points.value = (g.points || []).map((p) => p.join(',')).join(' ');
  const places = h('output', { class: 'sec-places', 'aria-live': 'polite' });
  const legend = h('legend', { class: 'visually-hidden' });
  const up = h('button', { type: 'button', class: 'secondary small', text: 'Move up' });
  const down = h('button', { type: 'button', class: 'secondary small', text: 'Move down' });
  const remove = h('button', { type: 'button', class: 'secondary small danger-text', text: 'Remove section' });

  const seated = h('div', { class: 'seated-part' }, h('p', { class: 'muted small', text: 'Front rows first. Rows like "A-M" or "1-20, 22"; seats like "1-30" or "1, 2, 5".' }), groups, addGroup);
  const standing = h('div', { class: 'standing-part' }, field('Capacity (places)', capacity));
  const title = h('span', { class: 'section-title' });
  const el = h('details', { class: 'section-editor', open },
    h('summary', {}, title, ' ', h('span', { class: 'muted summary-places' })),
    h('fieldset', {},
      legend,
      h('div', { class: 'section-head' },
        field('Kind', kind), field('Key (in seat ids)', key, 'Letters, digits, - and _'), field('Name shown to buyers', name)),
      seated, standing,
      h('details', { class: 'geometry', open: !section.geometry || open },
        h('summary', { text: 'Position on the map' }),
        h('div', { class: 'geometry-fields' },
          field('Shape', geo.shape), field('X', geo.x), field('Y', geo.y), field('Width', geo.width),
          field('Height', geo.height), field('Rotation (degrees)', geo.rotation)),
        h('div', { class: 'polygon-part' }, field('Corners (x,y pairs)', geo.points))),
      h('p', { class: 'section-total' }, places),
      h('div', { class: 'section-tools' }, up, down, remove)));
  const showKind = () => {
    seated.hidden = kind.value !== 'seated';
    standing.hidden = kind.value !== 'standing';
    const polygon = geo.shape.value === 'polygon';
    el.querySelector('.polygon-part').hidden = !polygon;
    for (const part of [geo.width, geo.height, geo.rotation]) part.closest('.field').hidden = polygon;
  };
  for (const group of section.groups?.length ? section.groups : [{ rows: '', seats: '' }]) groups.append(rowGroup(group, onChange));
  addGroup.addEventListener('click', () => {
    const added = rowGroup({ rows: '', seats: '' }, onChange);
    groups.append(added);
    onChange();
    added.querySelector('input').focus();
  });
  el.addEventListener('input', () => {
    showKind();
    onChange();
  });
  el.addEventListener('change', () => {
    showKind();
    onChange();
  });
  up.addEventListener('click', () => onMove(el, -1));
  down.addEventListener('click', () => onMove(el, 1));
  remove.addEventListener('click', () => onRemove(el));
  el.parts = { kind, key, name, groups, capacity, geo, places, legend, title, up, down, remove };
  showKind();
  return el;
}

function number(text) {
  return text.trim() === '' ? null : Number(text);
}

function readGeometry(geo) {
  const shape = geo.shape.value;
  const x = number(geo.x.value);
  const y = number(geo.y.value);
  if (x === null && y === null && !geo.width.value && !geo.height.value && !geo.points.value.trim()) return { geometry: undefined };
  const geometry = { x: x ?? 0, y: y ?? 0, shape };
  if (shape === 'polygon') {
    const points = geo.points.value.trim().split(/\s+/).filter(Boolean).map((pair) => pair.split(',').map(Number));
    if (points.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) {
      return { geometry: undefined, problem: 'Write corners as x,y pairs separated by spaces, e.g. 0,0 100,0 50,80.' };
    }
    geometry.points = points;
  } else {
    geometry.width = number(geo.width.value) ?? 0;
    geometry.height = number(geo.height.value) ?? 0;
    const rotation = number(geo.rotation.value);
    if (rotation) geometry.rotation = rotation;
  }
  return { geometry };
}

// Names every input after the API path it edits, for section number `i`, and reads the section.
// Answers {section, places, problems: {inputName: message}, rowOwners: {"sections[i].rows[j]": group}}
// so that errors about any row the shorthand made can be shown on the group that made it.
export function readSection(el, i) {
  const { kind, key, name, groups, capacity, geo, places, legend, title, up, down } = el.parts;
  const base = `sections[${i}]`;
  kind.name = `${base}.kind`;
  key.name = `${base}.key`;
  name.name = `${base}.name`;
  capacity.name = `${base}.capacity`;
  for (const part of ['shape', 'x', 'y', 'width', 'height', 'rotation', 'points']) geo[part].name = `${base}.geometry.${part}`;
  legend.textContent = `Section ${i + 1}${key.value ? `: ${key.value}` : ''}`;
  title.textContent = `${legend.textContent}${name.value.trim() ? ` (${name.value.trim()})` : ''}`;
  up.disabled = !el.previousElementSibling;
  down.disabled = !el.nextElementSibling;

  const problems = {};
  const rowOwners = {};
  const section = { key: key.value.trim(), kind: kind.value };
  if (name.value.trim()) section.name = name.value.trim();
  const { geometry, problem } = readGeometry(geo);
  if (problem) problems[geo.points.name] = problem;
  if (geometry) section.geometry = geometry;
  let count = 0;
  if (kind.value === 'seated') {
    section.rows = [];
    for (const group of groups.querySelectorAll('.row-group')) {
      const [rowsInput, seatsInput] = group.querySelectorAll('input');
      const start = section.rows.length;
      rowsInput.name = `${base}.rows[${start}].label`;
      seatsInput.name = `${base}.rows[${start}].seats`;
      const out = group.querySelector('.group-count');
      try {
        const rows = expandGroup({ rows: rowsInput.value, seats: seatsInput.value });
        rows.forEach((_, j) => { rowOwners[`${base}.rows[${start + j}]`] = { label: rowsInput.name, seats: seatsInput.name }; });
        section.rows.push(...rows);
        const seats = rows.reduce((sum, r) => sum + seatCount(r), 0);
        count += seats;
        out.textContent = `${rows.length} row${rows.length === 1 ? '' : 's'} × ${seatCount(rows[0])} = ${seats} seats`;
      } catch (error) {
        if (!(error instanceof ShorthandError)) throw error;
        out.textContent = '';
        problems[guessInput(rowsInput, seatsInput).name] = error.message;
      }
    }
    places.textContent = `${count.toLocaleString()} seats in this section`;
  } else {
    section.capacity = capacity.value.trim() === '' ? null : Number(capacity.value);
    count = Number.isInteger(section.capacity) && section.capacity > 0 ? section.capacity : 0;
    places.textContent = `${count.toLocaleString()} standing places`;
  }
  el.querySelector('.summary-places').textContent = places.textContent;
  // A section with a problem opens, so its message can be seen.
  if (Object.keys(problems).length) el.open = true;
  return { section, places: count, problems, rowOwners };
}

// Which of a group's two inputs a shorthand problem is about: try each alone.
function guessInput(rowsInput, seatsInput) {
  try {
    expandGroup({ rows: rowsInput.value, seats: '1' });
  } catch {
    return rowsInput;
  }
  return seatsInput;
}
