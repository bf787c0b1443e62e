// "Credit and vouchers" on My orders: the buyer's credit balance in each currency with its latest
// movements, and the vouchers from cancelled events with the event where each one pays.
import { money } from '../format.js';
import { h } from '../dom.js';

const shownEntries = 5;

const reasonWords = {
  event_cancelled: 'Cancelled event',
  order_payment: 'Paid for an order',
};

// The reason's own words when it is one this page does not know yet ("some_reason" → "Some reason").
const reasonText = (reason) => reasonWords[reason] || reason.charAt(0).toUpperCase() + reason.slice(1).replaceAll('_', ' ');

const signed = (amount, currency) => (amount > 0 ? `+${money(amount, currency)}` : money(amount, currency));

// An entry's day in the browser's zone (credit belongs to no venue), short: the list stays compact.
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const when = (iso) => h('time', { datetime: iso, text: day.format(new Date(iso)) });

// `orderNames`: the name of each of the buyer's orders' events, by order id, for the entries' links.
function creditPart({ balances, entries }, orderNames) {
  const held = balances.filter((b) => b.amount !== 0);
  if (!held.length) return h('p', { id: 'credit-balance', text: 'No credit.' });
  const latest = [...entries].sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, shownEntries);
  return h('div', {},
    h('p', { id: 'credit-balance' }, 'Credit: ',
      held.flatMap((b, i) => [i ? ', ' : '', h('strong', { 'data-currency': b.currency, text: money(b.amount, b.currency) })])),
    latest.length ? h('ul', { class: 'credit-entries', 'aria-label': 'Latest credit movements' }, latest.map((entry) => h('li', {},
      when(entry.created_at), ` · ${reasonText(entry.reason)} · `,
      h('span', { class: 'amount', text: signed(entry.amount, entry.currency) }),
      entry.order_id ? [' · ', h('a', { href: `/order.html?ids=${encodeURIComponent(entry.order_id)}`, text: orderNames.get(entry.order_id) || `order ${entry.order_id}` })] : null)))
      : null);
}

// `events`: the events by id, for the name of the one where a voucher pays (null when unknown).
function voucherPart(vouchers, events) {
  if (!vouchers.length) return h('p', { id: 'vouchers-none', text: 'No vouchers.' });
  return h('ul', { class: 'vouchers', 'aria-label': 'Vouchers' }, vouchers.map((voucher) => {
    const event = events.get(voucher.event_id);
    const usable = voucher.status === 'issued';
    return h('li', { 'data-voucher': voucher.code },
      h('code', { class: 'voucher-code', text: voucher.code }),
      ` · ${money(voucher.value, voucher.currency)} · ${usable ? 'Not used yet' : 'Used'} · for `,
      h('a', { href: `/event.html?id=${encodeURIComponent(voucher.event_id)}`, text: event ? event.name : 'the rescheduled event' }));
  }));
}

// The section's content from the answers of /accounts/me/credit and /accounts/me/vouchers.
export function creditAndVouchers(credit, vouchers, { events, orderNames }) {
  if (!credit.balances.some((b) => b.amount !== 0) && !vouchers.length) {
    return [h('p', { id: 'credit-none', class: 'muted', text: 'No credit and no vouchers.' })];
  }
  return [creditPart(credit, orderNames), voucherPart(vouchers, events)];
}
