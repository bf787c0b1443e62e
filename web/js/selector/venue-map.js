// The venue map: the stage and one SVG shape per section, coloured by its price level (a sold-out
// section turns grey, one with few places left gets a dashed edge), with its counts and price in
// its accessible name. Counts change in place as the stream reports. The map
// is one Tab stop (roving tabindex, as the seats are): arrow keys go to the next or previous
// section in the layout's order, Home and End to the first and last, so a keyboard user passes
// the map in one press instead of one per section.
import { svg, shape, centre, viewBox, fitLabel } from './geometry.js';
import { priceText } from '../prices.js';
import { money } from '../format.js';
import { h } from '../dom.js';
import { MapZoom } from './map-zoom.js';

// The zoom from which the chosen section's seats are drawn on the map.
const closeUp = 2;
// "few" below this share of a section's places still available.
const fewShare = 0.2;

function level(counts) {
  if (counts.available === 0) return 'sold-out';
  return counts.available / counts.capacity < fewShare ? 'few' : 'plenty';
}

export class VenueMap {
  // sections: layout sections (key, name, kind, geometry); availability: key → SectionAvailability.
  // Sections without a geometry become plain buttons in `list`, so every section can be chosen.
  // stage: the layout version's stage or undefined; levels: a PriceLevels.
  constructor(svgElement, list, { sections, stage, availability, currency, levels, onChoose }) {
    this.svg = svgElement;
    this.currency = currency;
    this.levels = levels;
    this.shapes = new Map();
    this.availability = availability;
    const drawn = sections.filter((s) => s.geometry);
    this.svg.style.display = drawn.length === 0 ? 'none' : '';
    const stageGeometry = stage && { ...stage, shape: 'rect' };
    const box = viewBox([...drawn.map((s) => s.geometry), ...(stageGeometry ? [stageGeometry] : [])]);
    if (stageGeometry) this.svg.append(drawStage(stageGeometry));
    this.order = [];
    for (const section of drawn) {
      const group = svg('g', { class: `map-section ${section.kind}`, role: 'button', tabindex: '-1' });
      const total = levels.ofSection(section);
      if (total !== null) group.style.setProperty('--level-colour', levels.colour(total));
      // The label may never leave its shape: fitted to it, and clipped by it all the same.
      const clip = svg('clipPath', { id: `clip-${section.key}` });
      clip.append(shape(section.geometry));
      const clipped = svg('g', { 'clip-path': `url(#clip-${section.key})` });
      clipped.append(label(mapLabel(section), section.geometry));
      group.append(outline(section.geometry), clip, clipped);
      group.addEventListener('click', () => onChoose(section.key));
      group.addEventListener('keydown', (event) => this.key(event, section.key, onChoose));
      this.svg.append(group);
      this.shapes.set(section.key, { group, section });
      this.order.push(section.key);
      this.paint(section.key);
    }
    this.rove(this.order[0]);
    // Close up, the chosen section shows its seats inside its shape, as the venue's own map would.
    const onChange = (scale) => this.svg.classList.toggle('close-up', scale >= closeUp);
    this.zoom = drawn.length ? new MapZoom(this.svg, box.split(' ').map(Number), { onChange }) : null;
    this.dots = new Map();
    for (const section of sections.filter((s) => !s.geometry)) {
      const button = h('button', { type: 'button', class: 'map-section secondary', text: section.name, onclick: () => onChoose(section.key) });
      list.append(h('li', {}, button));
      this.shapes.set(section.key, { group: button, section });
      this.paint(section.key);
    }
  }

  // counts: SectionCounts from the stream.
  update(counts) {
    const known = this.availability.get(counts.key);
    if (!known) return;
    Object.assign(known, counts);
    this.paint(counts.key);
  }

  paint(key) {
    const entry = this.shapes.get(key);
    const counts = this.availability.get(key);
    if (!entry || !counts) return;
    const state = level(counts);
    entry.group.dataset.level = state;
    entry.group.setAttribute('aria-label', describeSection(counts, this.currency, this.levels.ofSection(entry.section)));
  }

  // The seats of the chosen section as dots inside its shape, rows from its top edge, each dot
  // painted as the seat grid paints its button (paintSeat). Only seen close up (selector.css); the
  // seat buttons beside the map stay what is clicked and read out, so the dots are aria-hidden.
  showSeats(key, grid) {
    for (const old of this.svg.querySelectorAll('.map-seats')) old.remove();
    this.dots.clear();
    const entry = this.shapes.get(key);
    const g = entry?.section.geometry;
    if (!g || g.shape === 'polygon' || !grid.rows.length) return;
    const across = Math.max(...grid.rows.map((r) => r.length));
    const pitchX = g.width / across;
    const pitchY = g.height / grid.rows.length;
    const r = Math.min(pitchX, pitchY) * 0.36;
    const layer = svg('g', { class: 'map-seats', 'aria-hidden': 'true' });
    if (g.rotation) {
      const [cx, cy] = centre(g);
      layer.setAttribute('transform', `rotate(${g.rotation} ${cx} ${cy})`);
    }
    grid.rows.forEach((row, i) => {
      const inset = ((across - row.length) * pitchX) / 2;
      row.forEach((seat, j) => {
        const dot = svg('circle', { cx: g.x + inset + pitchX * (j + 0.5), cy: g.y + pitchY * (i + 0.5), r });
        dot.dataset.state = grid.shown(seat);
        this.dots.set(seat.id, dot);
        layer.append(dot);
      });
    });
    entry.group.append(layer);
  }

  paintSeat(id, shown) {
    const dot = this.dots.get(id);
    if (dot) dot.dataset.state = shown;
  }

  // The buttons zoom into the chosen section, or about the middle of what is shown.
  zoomBy(factor) {
    if (!this.zoom) return;
    const chosen = this.shapes.get(this.selected)?.section.geometry;
    if (chosen) this.zoom.zoomInto(factor, centre(chosen));
    else this.zoom.zoomBy(factor);
  }

  select(key) {
    this.selected = key;
    for (const [k, { group }] of this.shapes) {
      group.classList.toggle('selected', k === key);
      if (k === key) group.setAttribute('aria-pressed', 'true');
      else group.removeAttribute('aria-pressed');
    }
    this.rove(key);
  }

  // Makes a drawn section the map's one Tab stop (sections without a shape are buttons of their own).
  rove(key, focus = false) {
    if (!this.order.includes(key)) return;
    for (const k of this.order) this.shapes.get(k).group.setAttribute('tabindex', k === key ? '0' : '-1');
    if (focus) this.shapes.get(key).group.focus();
  }

  key(event, key, onChoose) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose(key);
      return;
    }
    const at = this.order.indexOf(key);
    const last = this.order.length - 1;
    const to = {
      ArrowRight: Math.min(at + 1, last),
      ArrowDown: Math.min(at + 1, last),
      ArrowLeft: Math.max(at - 1, 0),
      ArrowUp: Math.max(at - 1, 0),
      Home: 0,
      End: last,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.rove(this.order[to], true);
  }
}

// The stage, in the map's units: a dark block with its name, for where the seats face.
function drawStage(g) {
  const group = svg('g', { class: 'map-stage', role: 'img', 'aria-label': g.label || 'Stage' });
  group.append(outline(g), label(g.label || 'Stage', g));
  return group;
}

function outline(g) {
  const element = shape(g);
  element.classList.add('outline');
  return element;
}

// A label fitted into geometry `g`: as large as fits (geometry.js fitLabel), on two lines when a
// name of several words fits better so, turned with a rotated shape but never upside down.
function label(text, g) {
  const [cx, cy] = centre(g);
  const { lines, size } = fitLabel(text, g);
  const node = svg('text', { x: cx, y: cy, class: 'map-label', 'aria-hidden': 'true', 'font-size': size.toFixed(1) });
  lines.forEach((line, i) => {
    const span = svg('tspan', { x: cx, dy: i === 0 ? `${(-(lines.length - 1) * 0.55).toFixed(2)}em` : '1.1em' });
    // A space between the lines, so the label still reads as the name (the section's accessible
    // name must contain its visible text).
    span.textContent = i < lines.length - 1 ? `${line} ` : line;
    node.append(span);
  });
  const turn = ((((g.rotation || 0) % 180) + 270) % 180) - 90;
  if (turn) node.setAttribute('transform', `rotate(${turn} ${cx} ${cy})`);
  return node;
}

// Standing areas are drawn large enough for their name; seat blocks show a short name, or their
// key ("101" rather than "Section 101").
function mapLabel(section) {
  return section.kind === 'standing' || section.name.length <= 10 ? section.name : section.key;
}

// `lowest`: the lowest price of a place with its fees (PriceLevels.ofSection), what the buyer will
// pay, as the legend and the basket say; null when no ticket type sells the section.
export function describeSection(counts, currency, lowest) {
  const price =
    lowest === null
      ? priceText(counts.prices, currency)
      : `${counts.prices.length > 1 ? 'from ' : ''}${money(lowest, currency)} incl. fees`;
  const what = counts.available === 0 ? 'sold out' : `${counts.available} of ${counts.capacity} available, ${price}`;
  return `${counts.name}, ${what}`;
}
