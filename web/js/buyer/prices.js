import { money } from '../format.js';

// What a place costs under a ticket type, computed as the server does (domain/pricing.cpp):
// the first price level naming the section (and the row, when it lists rows) wins, and
// percent fees are basis points of that price, rounded half up.

// A place is a seat id "<section>/<row>/<seat>" or a standing section's key.
export function splitSeat(seatId) {
  const [section, row, seat] = seatId.split('/');
  return { section, row, seat };
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
