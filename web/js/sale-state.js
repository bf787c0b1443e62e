// Where an event's sales stand, in the words a buyer needs on the listing and the event page.
import { dateInZone } from './format.js';

// `availability` may be null when it could not be read; "sold out" then cannot be told.
export function saleState(event, availability, timeZone) {
  const now = Date.now();
  if (event.status === 'cancelled') return { key: 'cancelled', text: 'Cancelled' };
  if (event.status === 'closed' || now >= Date.parse(event.sales_close_at)) {
    return { key: 'closed', text: 'Sales closed' };
  }
  if (event.status === 'paused') return { key: 'paused', text: 'Sales paused' };
  if (!event.sales_open && now < Date.parse(event.sales_open_at)) {
    return { key: 'opens', text: `Sales open ${dateInZone(event.sales_open_at, timeZone)}` };
  }
  if (availability && availability.sections.every((s) => s.available === 0)) {
    return { key: 'sold_out', text: 'Sold out' };
  }
  if (event.sales_open) return { key: 'on_sale', text: 'On sale' };
  return { key: 'closed', text: 'Not on sale' };
}

// Why places cannot be held right now, in a sentence for the pages where a buyer holds or pays;
// empty while on sale (or sold out, which the counts show).
export function salesNotice(event, timeZone) {
  const state = saleState(event, null, timeZone);
  switch (state.key) {
    case 'cancelled':
      return 'This event has been cancelled.';
    case 'paused':
      return 'Sales paused: places cannot be held or paid for until they resume.';
    case 'closed':
      return 'Sales for this event have closed.';
    case 'opens':
      return `Sales have not opened yet: they open ${dateInZone(event.sales_open_at, timeZone)}.`;
    default:
      return '';
  }
}

// The cheapest place still on sale, before fees, or null when none is.
export function lowestPrice(availability) {
  const prices = availability.sections.filter((s) => s.available > 0).flatMap((s) => s.prices);
  return prices.length ? Math.min(...prices) : null;
}
