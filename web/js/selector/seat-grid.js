// The seats of one section as buttons, row by row. Built once per section; afterwards the stream's
// changes are looked up by seat id in a Map and written in one batch per animation frame, so a
// 2,000-seat section repaints only the seats that changed. One seat at a time is a tab stop
// (roving tabindex); arrow keys move between seats, Home/End along a row.
import { h } from '../dom.js';

const words = {
  available: 'available',
  mine: 'held by you',
  held: 'taken',
  sold: 'sold',
  blocked: 'not for sale',
};

export class SeatGrid {
  // seats: the SeatList's seats in order; priceOf(row) → {text, colour} (fees included, the
  // colour of its price level); mine: Set of my seat ids;
  // onSeat(seat) on a click or Enter; onPaint(seat, shown) after a seat is painted.
  constructor(container, { seats, seq, priceOf, mine, onSeat, onPaint = () => {} }) {
    this.onPaint = onPaint;
    this.seq = seq;
    this.mine = mine;
    this.byId = new Map();
    this.rows = [];
    this.pending = new Map();
    this.frame = 0;
    this.firstReceived = null;

    const rowsByLabel = new Map();
    for (const s of seats) {
      if (!rowsByLabel.has(s.row)) rowsByLabel.set(s.row, []);
      rowsByLabel.get(s.row).push(s);
    }
    const fragment = document.createDocumentFragment();
    for (const [label, rowSeats] of rowsByLabel) {
      const line = document.createElement('div');
      line.className = 'seat-row';
      line.setAttribute('role', 'group');
      line.setAttribute('aria-label', `Row ${label}`);
      const buttons = [];
      const { text: price, colour } = priceOf(label);
      if (colour) line.style.setProperty('--price-colour', colour);
      for (const s of rowSeats) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'seat';
        button.tabIndex = -1;
        button.textContent = s.seat;
        button.dataset.seat = s.id;
        const seat = { ...s, price, button, rowIndex: this.rows.length, index: buttons.length };
        this.byId.set(s.id, seat);
        buttons.push(seat);
        this.paint(seat);
      }
      line.append(rowLabel(label), ...buttons.map((b) => b.button), rowLabel(label));
      this.rows.push(buttons);
      fragment.append(line);
    }
    container.replaceChildren(fragment);
    const first = [...this.byId.values()].find((s) => s.state === 'available') || this.byId.values().next().value;
    if (first) first.button.tabIndex = 0;
    this.current = first;

    container.onclick = (event) => {
      const seat = this.byId.get(event.target.closest('.seat')?.dataset.seat);
      if (seat) {
        this.rove(seat);
        onSeat(seat);
      }
    };
    container.onkeydown = (event) => this.key(event);
  }

  shown(seat) {
    return seat.state === 'held' && this.mine.has(seat.id) ? 'mine' : seat.state;
  }

  paint(seat) {
    const shown = this.shown(seat);
    seat.button.dataset.state = shown;
    // Taken seats stay focusable (arrow keys walk over them) but say they cannot be used.
    seat.button.setAttribute('aria-disabled', String(shown !== 'available' && shown !== 'mine'));
    const price = shown === 'available' || shown === 'mine' ? `, ${seat.price}` : '';
    const name = `Row ${seat.row}, seat ${seat.seat}, ${words[shown]}${price}`;
    seat.button.setAttribute('aria-label', name);
    seat.button.title = name;
    this.onPaint(seat, shown);
  }

  // changes: [{id, state}] of an update message with this seq, received at `receivedAt` (ms).
  apply(seq, changes, receivedAt = performance.now()) {
    if (seq <= this.seq) return;
    this.seq = seq;
    for (const change of changes) if (this.byId.has(change.id)) this.pending.set(change.id, change.state);
    if (this.pending.size === 0) return;
    this.firstReceived ??= receivedAt;
    this.frame ||= requestAnimationFrame(() => this.flush());
  }

  flush() {
    for (const [id, state] of this.pending) {
      const seat = this.byId.get(id);
      seat.state = state;
      this.paint(seat);
    }
    this.pending.clear();
    this.frame = 0;
    const received = this.firstReceived;
    this.firstReceived = null;
    // The next frame starts after this one was painted: message-to-screen time, for measuring.
    requestAnimationFrame(() => {
      if (performance.getEntriesByName('seat-update').length > 500) performance.clearMeasures('seat-update');
      performance.measure('seat-update', { start: received, end: performance.now() });
    });
  }

  // While a hold is being asked for, the seat shows it is busy and is counted as mine, so the
  // stream's "held" (which may come before the answer) does not paint it as someone else's.
  asking(seat, on) {
    if (on) {
      seat.button.setAttribute('aria-busy', 'true');
      this.mine.add(seat.id);
    } else {
      seat.button.removeAttribute('aria-busy');
    }
  }

  setMine(mine) {
    const changed = new Set([...mine, ...this.mine]);
    this.mine = mine;
    for (const id of changed) {
      const seat = this.byId.get(id);
      if (seat) this.paint(seat);
    }
  }

  rove(seat, focus = false) {
    if (!seat) return;
    if (this.current) this.current.button.tabIndex = -1;
    seat.button.tabIndex = 0;
    this.current = seat;
    if (focus) {
      seat.button.focus();
      seat.button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  key(event) {
    const seat = this.current;
    if (!seat) return;
    const row = this.rows[seat.rowIndex];
    const near = (rowIndex) => {
      const other = this.rows[rowIndex];
      return other && other[Math.min(seat.index, other.length - 1)];
    };
    const moves = {
      ArrowLeft: row[seat.index - 1],
      ArrowRight: row[seat.index + 1],
      ArrowUp: near(seat.rowIndex - 1),
      ArrowDown: near(seat.rowIndex + 1),
      Home: row[0],
      End: row[row.length - 1],
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.rove(moves[event.key], true);
  }
}

function rowLabel(label) {
  return h('span', { class: 'row-label', 'aria-hidden': 'true', text: label });
}
