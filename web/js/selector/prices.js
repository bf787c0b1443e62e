import { money } from '../format.js';

// What one place costs, from the event's ticket types: a type counts where it is valid (its
// `sections`, or everywhere when empty), at its first price level naming the section and row,
// else at its own price. The buyer picks the ticket type at checkout, so a place shows the
// lowest of them ("from") when several apply.
function typePrice(type, section, row) {
  if (type.sections.length > 0 && !type.sections.includes(section)) return null;
  const level = type.price_levels.find(
    (l) => l.sections.includes(section) && (l.rows.length === 0 || (row !== undefined && l.rows.includes(row))),
  );
  return level ? level.price : type.price;
}

export function placePrices(ticketTypes, section, row) {
  const prices = ticketTypes.map((t) => typePrice(t, section, row)).filter((p) => p !== null);
  return [...new Set(prices)].sort((a, b) => a - b);
}

export function priceText(prices, currency) {
  if (prices.length === 0) return 'no price set';
  return `${prices.length > 1 ? 'from ' : ''}${money(prices[0], currency)}`;
}
