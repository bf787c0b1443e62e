// The chosen section: a seated section's seats (with "best available"), or a standing area's
// quantity picker. The seats come from the event's seat map (seat-map.js); stream updates that
// arrive while it loads are kept and applied after it, skipping those it already includes (by seq).
import { SeatGrid } from './seat-grid.js';
import { placePrices, priceText } from '../prices.js';
import { describeSection } from './venue-map.js';

const zoomSteps = [0.6, 0.8, 1, 1.25, 1.5];

export class SectionPanel {
  constructor(root, { seatMap, currency, ticketTypes, availability, maxQuantity, onSeat, onBest, onStanding }) {
    Object.assign(this, { root, seatMap, currency, ticketTypes, availability });
    this.grid = null;
    this.section = null;
    this.waiting = null;
    this.mine = new Set();
    this.zoom = 2;
    this.onSeat = onSeat;
    this.seatArea = root.querySelector('#seat-area');
    for (const input of root.querySelectorAll('input[type="number"]')) input.max = maxQuantity;
    quantityForm(root.querySelector('#best-form'), (quantity) => onBest(this.section, quantity));
    quantityForm(root.querySelector('#standing-form'), (quantity) => onStanding(this.section, quantity));
    root.querySelector('#zoom-in').addEventListener('click', () => this.setZoom(this.zoom + 1));
    root.querySelector('#zoom-out').addEventListener('click', () => this.setZoom(this.zoom - 1));
  }

  async open(section) {
    this.section = section;
    this.grid = null;
    this.root.querySelector('#section-title').textContent = section.name;
    this.updateCounts();
    this.root.querySelector('#seated-part').hidden = section.kind !== 'seated';
    this.root.querySelector('#standing-part').hidden = section.kind !== 'standing';
    if (section.kind !== 'seated') return;
    this.seatArea.replaceChildren(document.createTextNode('Loading seats…'));
    this.seatArea.setAttribute('aria-busy', 'true');
    this.waiting = [];
    const list = await this.seatMap.seats(section.key);
    if (this.section !== section) return;
    const rowPrices = new Map();
    const priceOf = (row) => {
      if (!rowPrices.has(row)) rowPrices.set(row, priceText(placePrices(this.ticketTypes, section.key, row), this.currency));
      return rowPrices.get(row);
    };
    this.grid = new SeatGrid(this.seatArea, { seats: list.seats, seq: list.seq, priceOf, mine: this.mine, onSeat: this.onSeat });
    this.seatArea.setAttribute('aria-label', `Seats of ${section.name}`);
    this.seatArea.removeAttribute('aria-busy');
    for (const [seq, seats, at] of this.waiting) this.grid.apply(seq, seats, at);
    this.waiting = null;
  }

  updateCounts() {
    if (!this.section) return;
    const counts = this.availability.get(this.section.key);
    this.root.querySelector('#section-summary').textContent = describeSection(counts, this.currency);
  }

  applySeats(seq, seats, receivedAt) {
    if (this.grid) this.grid.apply(seq, seats, receivedAt);
    else if (this.waiting) this.waiting.push([seq, seats, receivedAt]);
  }

  // Seats the stream may have skipped (a fresh snapshot after a reconnect): read them again.
  async refresh(seq) {
    if (await this.seatMap.refresh(seq) && this.grid) await this.open(this.section);
  }

  setMine(mine, standingHeld) {
    this.mine = mine;
    if (this.grid) this.grid.setMine(mine);
    const held = this.section?.kind === 'standing' ? standingHeld(this.section.key) : 0;
    this.root.querySelector('#standing-held').textContent = held ? `You hold ${held} here.` : '';
  }

  setZoom(step) {
    this.zoom = Math.max(0, Math.min(zoomSteps.length - 1, step));
    this.seatArea.style.setProperty('--seat-zoom', zoomSteps[this.zoom]);
  }
}

function quantityForm(form, onSubmit) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(Number(form.elements.quantity.value));
  });
}
