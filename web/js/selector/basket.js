// The buyer's places on this event (every active hold), their total and the time left until the
// earliest hold runs out. Each place is priced as checkout first asks for it (full price, fees
// included: prices.js placeChoices), so the basket's total is the total checkout asks.
import { money } from '../format.js';
import { startCountdown } from '../countdown.js';
import { costOf, placeChoices, seatName, splitSeat } from '../prices.js';
import { h } from '../dom.js';

export class Basket {
  constructor(root, { eventId, currency, ticketTypes, sectionName, onReleaseSeat, onReleaseStanding, onExpired, onWarning }) {
    this.root = root;
    this.currency = currency;
    this.ticketTypes = ticketTypes;
    this.sectionName = sectionName;
    this.onReleaseSeat = onReleaseSeat;
    this.onReleaseStanding = onReleaseStanding;
    this.onExpired = onExpired;
    this.onWarning = onWarning;
    this.stopCountdown = () => {};
    this.bar = document.getElementById('basket-bar');
    this.list = root.querySelector('#basket-items');
    this.total = root.querySelector('#basket-total');
    this.timer = root.querySelector('#hold-timer');
    const checkout = `/checkout.html?event=${encodeURIComponent(eventId)}`;
    root.querySelector('#checkout-link').href = checkout;
    this.bar.querySelector('.checkout').href = checkout;
  }

  render(holds) {
    const lines = [];
    let total = 0;
    const standing = new Map();
    const items = holds.list.flatMap((h) => h.items);
    items.sort((a, b) => (a.seat || a.section).localeCompare(b.seat || b.section, undefined, { numeric: true }));
    for (const item of items) {
      if (item.seat) {
        const cost = this.cost(item.section, splitSeat(item.seat).row, 1);
        total += cost ?? 0;
        lines.push(this.seatLine(item, cost));
      } else {
        standing.set(item.section, (standing.get(item.section) || 0) + item.quantity);
      }
    }
    for (const [section, quantity] of standing) {
      const cost = this.cost(section, '', quantity);
      total += cost ?? 0;
      lines.push(this.standingLine(section, quantity, cost));
    }
    this.list.replaceChildren(...lines);
    const empty = lines.length === 0;
    this.root.classList.toggle('empty', empty);
    this.total.textContent = money(total, this.currency);
    const places = holds.list.reduce((n, h) => n + h.places, 0);
    const count = `${places} ${places === 1 ? 'place' : 'places'}`;
    this.root.querySelector('#basket-count').textContent = empty
      ? 'You hold no places yet: pick a section on the map.'
      : `${count} held for you.`;
    this.bar.hidden = empty;
    this.bar.querySelector('.bar-count').textContent = count;
    this.restartCountdown(holds.earliestExpiry());
  }

  // The basket's timer, the phone bar's copy of it, and a spoken warning 5 and 1 minutes before
  // the end (a role="timer" is not read out as it ticks).
  restartCountdown(expiresAt) {
    this.stopCountdown();
    this.stopCountdown = () => {};
    this.timer.textContent = '';
    if (!expiresAt) return;
    const stops = [
      startCountdown(this.timer, expiresAt, () => this.onExpired()),
      startCountdown(this.bar.querySelector('.bar-timer'), expiresAt),
    ];
    const left = Date.parse(expiresAt) - Date.now();
    for (const minutes of [5, 1]) {
      const at = left - minutes * 60_000;
      if (at > 0) {
        const warning = setTimeout(() => this.onWarning(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left to check out.`), at);
        stops.push(() => clearTimeout(warning));
      }
    }
    this.stopCountdown = () => stops.forEach((stop) => stop());
  }

  // What `quantity` places of a section (and row) cost with their fees; null when no ticket type
  // sells them.
  cost(section, row, quantity) {
    const [first] = placeChoices(this.ticketTypes, section, row);
    if (!first) return null;
    const { price, fees } = costOf(first, quantity);
    return price + fees;
  }

  priceText(cost) {
    return cost === null ? '' : money(cost, this.currency);
  }

  seatLine(item, cost) {
    const what = seatName(this.sectionName(item.section), item.seat);
    return h(
      'li',
      {},
      h('span', { class: 'what', text: what }),
      h('span', { class: 'price', text: this.priceText(cost) }),
      h('button', {
        type: 'button',
        class: 'secondary small',
        'aria-label': `Release ${what}`,
        text: 'Release',
        onclick: () => this.onReleaseSeat(item.seat),
      }),
    );
  }

  standingLine(section, quantity, cost) {
    const name = this.sectionName(section);
    const id = `give-back-${section}`;
    const input = h('input', { id, type: 'number', min: 1, max: quantity, value: quantity, required: true });
    const form = h(
      'form',
      {
        class: 'give-back',
        onsubmit: (event) => {
          event.preventDefault();
          this.onReleaseStanding(section, Number(input.value));
        },
      },
      h('label', { for: id, text: 'Give back' }),
      input,
      h('button', { class: 'secondary small', 'aria-label': `Give back places of ${name}`, text: 'Give back' }),
    );
    return h(
      'li',
      {},
      h('span', { class: 'what', text: `${name} × ${quantity}` }),
      h('span', { class: 'price', text: this.priceText(cost) }),
      form,
    );
  }
}
