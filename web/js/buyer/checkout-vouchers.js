// Vouchers at checkout: a code field per place, offering the buyer's own unused vouchers for this
// event (only those are accepted), and what the known ones take off the amount to pay. The server
// decides in the end: a code it refuses is named next to its field.
import { api } from '../api.js';
import { h } from '../dom.js';

const listId = 'my-vouchers';

// The buyer's unused vouchers for the event, by code; none when they cannot be read.
export async function vouchersFor(eventId) {
  const { vouchers } = await api('/accounts/me/vouchers').catch(() => ({ vouchers: [] }));
  return new Map(vouchers.filter((v) => v.event_id === eventId && v.status === 'issued').map((v) => [v.code, v]));
}

// The codes to pick from, for every voucher field of the page.
export function voucherChoices(vouchers) {
  return h('datalist', { id: listId }, [...vouchers.values()].map((v) => h('option', { value: v.code })));
}

// The field for `place` (its `voucher` is what the order item sends); `onChange` after each edit.
export function voucherCell(place, name, onChange) {
  const id = name.replace(/\W+/g, '-');
  const input = h('input', { id, name, list: listId, autocomplete: 'off', spellcheck: 'false', size: 14, placeholder: 'Voucher code', value: place.voucher || '' });
  input.addEventListener('input', () => {
    place.voucher = input.value.trim();
    onChange();
  });
  return h('td', { class: 'voucher' }, h('label', { class: 'visually-hidden', for: id, text: `Voucher code for ${place.label}` }), input);
}

// What a known voucher pays of the line's first ticket, costing `ticketCost` (one voucher pays
// for one ticket, up to its value, once: `counted` holds the codes already taken off). An unknown
// or repeated code takes nothing off; the server names it when the buyer pays.
export function voucherOff(place, vouchers, ticketCost, counted) {
  const voucher = place.voucher && !counted.has(place.voucher) && vouchers.get(place.voucher);
  if (!voucher) return 0;
  counted.add(voucher.code);
  return Math.min(voucher.value, ticketCost);
}
