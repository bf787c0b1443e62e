// The venue map: one focusable SVG shape per section, coloured by the share still available,
// with its counts and price in its accessible name. Counts change in place as the stream reports.
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
    for (const section of drawn) {
      const group = svg('g', { class: `map-section ${section.kind}`, role: 'button', tabindex: '0' });
      const [cx, cy] = centre(section.geometry);
      const label = svg('text', { x: cx, y: cy, class: 'map-label', 'aria-hidden': 'true' });
      label.textContent = mapLabel(section);
      group.append(shape(section.geometry), label);
      group.addEventListener('click', () => onChoose(section.key));
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onChoose(section.key);
        }
      });
      this.svg.append(group);
      this.shapes.set(section.key, { group, section });
      this.paint(section.key);
    }
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
