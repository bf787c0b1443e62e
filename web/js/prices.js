import { money } from './format.js';

// What a place costs under a ticket type, computed as the server does (domain/pricing.cpp):
// a type is valid in its `sections` (everywhere when empty), the first price level naming the
// section (and the row, when it lists rows) wins, and percent fees are basis points of that
// price, rounded half up. The one copy of these rules in the pages.

// A place is a seat id "<section>/<row>/<seat>" or a standing section's key. Split as the
// server does (domain/order.cpp): section up to the first '/', seat after the last.
export function splitSeat(seatId) {
  const first = seatId.indexOf('/');
  const last = seatId.lastIndexOf('/');
  return { section: seatId.slice(0, first), row: seatId.slice(first + 1, last), seat: seatId.slice(last + 1) };
}

// "Section 101, row C, seat 5": a seat as the basket and checkout name it.
export function seatName(sectionName, seatId) {
  const { row, seat } = splitSeat(seatId);
  return `${sectionName}, row ${row}, seat ${seat}`;
}

export function validFor(type, section) {
  return type.sections.length === 0 || type.sections.includes(section);
}

export function priceFor(type, section, row = '') {
  const level = type.price_levels.find(
    (l) => l.sections.includes(section) && (l.rows.length === 0 || l.rows.includes(row)),
  );
  return level ? level.price : type.price;
}

export function feesOn(type, price) {
  return type.fees.reduce(
    (sum, fee) => sum + (fee.kind === 'fixed' ? fee.amount : Math.floor((price * fee.amount + 5000) / 10000)),
    0,
  );
}

// "10 % Service fee", "€1.50 Booking fee": the fees as a buyer reads them.
export function describeFees(type) {
  return type.fees.map((fee) =>
    fee.kind === 'fixed'
      ? `+ ${money(fee.amount, type.currency)} ${fee.name.toLowerCase()}`
      : `+ ${fee.amount / 100} % ${fee.name.toLowerCase()}`,
  );
}

// The ticket types a place can be bought under, each with its price, full price first: checkout
// starts every place on the first (a reduced ticket is the buyer's choice), and the basket shows
// that same price, so both ask the same total.
export function placeChoices(ticketTypes, section, row = '') {
  return ticketTypes
    .filter((t) => validFor(t, section))
    .map((t) => ({ type: t, price: priceFor(t, section, row) }))
    .sort((a, b) => b.price - a.price);
}

// What `quantity` places cost under a choice: the prices, and the fees on each place.
export function costOf(choice, quantity = 1) {
  if (!choice) return { price: 0, fees: 0 };
  return { price: choice.price * quantity, fees: feesOn(choice.type, choice.price) * quantity };
}

// Every price a place can cost under the event's ticket types, lowest first: the buyer picks the
// type at checkout, so the seat map shows the lowest ("from") when several apply.
export function placePrices(ticketTypes, section, row = '') {
  const prices = ticketTypes.filter((t) => validFor(t, section)).map((t) => priceFor(t, section, row));
  return [...new Set(prices)].sort((a, b) => a - b);
}

// "from €45.00" for `quantity` places at the lowest of `prices`.
export function priceText(prices, currency, quantity = 1) {
  if (prices.length === 0) return 'no price set';
  return `${prices.length > 1 ? 'from ' : ''}${money(prices[0] * quantity, currency)}`;
}
