// The venue map: one SVG shape per section, coloured by the share still available, with its
// counts and price in its accessible name. Counts change in place as the stream reports. The map
// is one Tab stop (roving tabindex, as the seats are): arrow keys go to the next or previous
// section in the layout's order, Home and End to the first and last, so a keyboard user passes
// the map in one press instead of one per section.
import { svg, shape, centre, viewBox } from './geometry.js';
import { priceText } from '../prices.js';
import { h } from '../dom.js';

// "few" below this share of a section's places still available.
const fewShare = 0.2;

function level(counts) {
  if (counts.available === 0) return 'sold-out';
  return counts.available / counts.capacity < fewShare ? 'few' : 'plenty';
}

export class VenueMap {
  // sections: layout sections (key, name, kind, geometry); availability: key → SectionAvailability.
  // Sections without a geometry become plain buttons in `list`, so every section can be chosen.
  constructor(svgElement, list, { sections, availability, currency, onChoose }) {
    this.svg = svgElement;
    this.currency = currency;
    this.shapes = new Map();
    this.availability = availability;
    const drawn = sections.filter((s) => s.geometry);
    this.svg.style.display = drawn.length === 0 ? 'none' : '';
    this.svg.setAttribute('viewBox', viewBox(drawn.map((s) => s.geometry)));
    this.order = [];
    for (const section of drawn) {
      const group = svg('g', { class: `map-section ${section.kind}`, role: 'button', tabindex: '-1' });
      const [cx, cy] = centre(section.geometry);
      const label = svg('text', { x: cx, y: cy, class: 'map-label', 'aria-hidden': 'true' });
      label.textContent = mapLabel(section);
      group.append(shape(section.geometry), label);
      group.addEventListener('click', () => onChoose(section.key));
      group.addEventListener('keydown', (event) => this.key(event, section.key, onChoose));
      this.svg.append(group);
      this.shapes.set(section.key, { group, section });
      this.order.push(section.key);
      this.paint(section.key);
    }
    this.rove(this.order[0]);
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
    entry.group.setAttribute('aria-label', describeSection(counts, this.currency));
  }

  select(key) {
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

// Standing areas are drawn large enough for their name; seat blocks show a short name, or their
// key ("101" rather than "Section 101").
function mapLabel(section) {
  return section.kind === 'standing' || section.name.length <= 10 ? section.name : section.key;
}

export function describeSection(counts, currency) {
  const what =
    counts.available === 0
      ? 'sold out'
      : `${counts.available} of ${counts.capacity} available, ${priceText(counts.prices, currency)}`;
  return `${counts.name}, ${what}`;
}
