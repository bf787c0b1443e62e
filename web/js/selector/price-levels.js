// The event's price levels as the buyer pays them: each distinct price a place costs at full price
// with its fees (what the basket and checkout first ask, prices.js placeChoices + costOf), lowest
// first, each with a colour. The venue map colours sections and the seat grid colours seats by
// these, and the legend lists them, so a colour means one price everywhere on the page.
import { costOf, placeChoices } from '../prices.js';

// Dark enough for white labels on the map and for seat numbers on white, told apart by hue.
const palette = ['#1b6e8f', '#7a3d9e', '#b0472a', '#2d7a3c', '#8a5a00', '#36458f', '#a3276b', '#4d5b66'];

export class PriceLevels {
  // sections: the layout's sections (rows for seated ones).
  constructor(ticketTypes, sections) {
    this.ticketTypes = ticketTypes;
    const totals = new Set();
    for (const section of sections) {
      const rows = section.kind === 'seated' ? section.rows.map((r) => r.label) : [''];
      for (const row of rows) {
        const total = this.total(section.key, row);
        if (total !== null) totals.add(total);
      }
    }
    this.levels = [...totals].sort((a, b) => a - b).map((total, i) => ({ total, colour: palette[i % palette.length] }));
  }

  // What one place costs, fees included, or null when no ticket type sells it.
  total(section, row = '') {
    const [first] = placeChoices(this.ticketTypes, section, row);
    if (!first) return null;
    const { price, fees } = costOf(first);
    return price + fees;
  }

  colour(total) {
    return this.levels.find((l) => l.total === total)?.colour || palette[palette.length - 1];
  }

  // A section is coloured by its lowest price: "from" is what its shape says.
  ofSection(section) {
    const rows = section.kind === 'seated' ? section.rows.map((r) => r.label) : [''];
    const totals = rows.map((row) => this.total(section.key, row)).filter((t) => t !== null);
    return totals.length ? Math.min(...totals) : null;
  }
}
