// The chosen section: a seated section's seats (with "best available"), or a standing area's
// quantity picker. The seats come from the event's seat map (seat-map.js); stream updates that
// arrive while it loads are kept and applied after it, skipping those it already includes (by seq).
import { SeatGrid } from './seat-grid.js';
import { money } from '../format.js';
import { describeSection } from './venue-map.js';

// Seat sizes, as factors of the usual 1.6rem seat: 2 is a finger's width. A new section is shown
// no smaller than `smallestFit` (seats of about 20 px, still tappable) for a row to fit.
const zoomSteps = [0.6, 0.8, 1, 1.25, 1.5, 2];
const normalZoom = 2;
const smallestFit = 1;

export class SectionPanel {
  // levels: the event's PriceLevels, for each row's price and colour.
  // onSeats(section, grid) once a section's seats are drawn, onPaint(seat, shown) as each changes.
  constructor(root, { seatMap, currency, levels, availability, maxQuantity, onSeat, onBest, onStanding, onSeats, onPaint }) {
    Object.assign(this, { root, seatMap, currency, levels, availability, onSeats, onPaint });
    this.grid = null;
    this.section = null;
    this.waiting = null;
    this.mine = new Set();
    this.zoom = normalZoom;
    this.onSeat = onSeat;
    this.seatArea = root.querySelector('#seat-area');
    this.scroller = root.querySelector('#seat-scroll');
    this.scroller.addEventListener('scroll', () => this.showHidden());
    new ResizeObserver(() => this.showHidden()).observe(this.scroller);
    pinch(this.scroller, (bigger) => this.setZoom(this.zoom + (bigger ? 1 : -1)));
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
    const priceOf = (row) => {
      const total = this.levels.total(section.key, row);
      return total === null
        ? { text: 'no price set', colour: '' }
        : { text: `${money(total, this.currency)} incl. fees`, colour: this.levels.colour(total) };
    };
    this.grid = new SeatGrid(this.seatArea, { seats: list.seats, seq: list.seq, priceOf, mine: this.mine, onSeat: this.onSeat, onPaint: this.onPaint });
    this.onSeats(section, this.grid);
    this.fit();
    this.seatArea.setAttribute('aria-label', `Seats of ${section.name}`);
    this.seatArea.removeAttribute('aria-busy');
    for (const [seq, seats, at] of this.waiting) this.grid.apply(seq, seats, at);
    this.waiting = null;
  }

  updateCounts() {
    if (!this.section) return;
    const counts = this.availability.get(this.section.key);
    this.root.querySelector('#section-summary').textContent = describeSection(counts, this.currency, this.levels.ofSection(this.section));
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
    this.seatArea.dataset.zoom = zoomSteps[this.zoom];
    this.showHidden();
  }

  // A new section starts at the usual seat size, or smaller (down to smallestFit) until its widest
  // row fits the box; what still does not fit is announced by the hint.
  fit() {
    this.setZoom(normalZoom);
    while (this.zoom > smallestFit && this.scroller.scrollWidth > this.scroller.clientWidth + 1) this.setZoom(this.zoom - 1);
  }

  showHidden() {
    const { scrollWidth, clientWidth, scrollLeft, scrollHeight, clientHeight, scrollTop } = this.scroller;
    const across = scrollLeft + clientWidth < scrollWidth - 1 || scrollLeft > 1;
    const down = scrollTop + clientHeight < scrollHeight - 1;
    const hint = this.root.querySelector('#seats-hidden');
    hint.hidden = !across && !down;
    hint.textContent = across
      ? 'Some seats are off-screen: swipe sideways, or zoom out with −.'
      : 'More rows below: scroll down to see them.';
  }
}

// Two fingers spread or pinched on the seats: bigger or smaller seats, one step per 25 % change
// of the distance between them (the page itself is not zoomed, so nothing else moves).
function pinch(element, onStep) {
  const touches = new Map();
  let start = 0;
  const distance = () => {
    const [a, b] = [...touches.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  element.addEventListener('pointerdown', (event) => {
    touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (touches.size === 2) start = distance();
  });
  element.addEventListener('pointermove', (event) => {
    if (!touches.has(event.pointerId)) return;
    touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (touches.size !== 2 || !start) return;
    const ratio = distance() / start;
    if (ratio > 1.25 || ratio < 0.8) {
      onStep(ratio > 1);
      start = distance();
    }
  });
  for (const type of ['pointerup', 'pointercancel'])
    element.addEventListener(type, (event) => {
      touches.delete(event.pointerId);
      start = 0;
    });
}

function quantityForm(form, onSubmit) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(Number(form.elements.quantity.value));
  });
}
