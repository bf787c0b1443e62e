// Checkout: every place the buyer holds on the event (the seat selector puts every pick into one
// hold, the basket), a ticket type for each, the buyer's details and a test card or their credit,
// then one order and one payment for that hold. Holds placed apart (another tab, an older page)
// are each still paid with an order of their own.
import { account, api, ApiError, session } from '../api.js';
import { startCountdown } from '../countdown.js';
import { dateInZone, money, zoneTimes } from '../format.js';
import { clearErrors, showErrors } from '../forms.js';
import { signInUrl } from '../header.js';
import { forPeople, h, problem, query } from '../dom.js';
import { activeHolds, earliestExpiry } from '../holds.js';
import { orderKey } from './order-keys.js';
import { costOf, placeChoices, seatName, splitSeat } from '../prices.js';
import { eventDetails } from '../venues.js';
import { watchEvent } from '../live.js';
import { salesNotice } from '../sale-state.js';
import { payWithCredit } from './pay-with-credit.js';
import { voucherCell, voucherChoices, voucherOff, vouchersFor } from './checkout-vouchers.js';

const $ = (id) => document.getElementById(id);
const eventId = query('event');
const form = $('checkout-form');
const status = $('checkout-status');
const selector = `/select.html?event=${encodeURIComponent(eventId || '')}`;

let event = null;
let types = [];
let sectionNames = new Map();
let holds = []; // [{hold, places: [{seat?, section, row?, label, choices, typeId, voucher?}]}]
const paid = new Map(); // hold id → order id, so a second press never pays a hold again
let stopTimer = null;
let paying = null; // how the buyer pays: see pay-with-credit.js
let vouchers = new Map(); // the buyer's unused vouchers for this event, by code
let timeZone; // the venue's

function placeLabel(item) {
  const name = sectionNames.get(item.section) || item.section;
  return item.seat ? seatName(name, item.seat) : `${name}, standing × ${item.quantity}`;
}

// One line per order item: a seat, or a standing area with all its places in this hold (the
// server takes a standing section once per hold, whatever the quantity, although the OpenAPI
// text says once per place). Full price first: a reduced ticket is the buyer's choice.
function placesOf(hold) {
  return hold.items.map((item) => {
    const choices = placeChoices(types, item.section, item.seat ? splitSeat(item.seat).row : '');
    return {
      seat: item.seat,
      section: item.section,
      quantity: item.quantity,
      label: placeLabel(item),
      choices,
      typeId: choices[0]?.type.id,
    };
  });
}

// What the line costs: every place of it at its type's price, and the fees on each.
function lineCost(place) {
  return costOf(place.choices.find((c) => c.type.id === place.typeId), place.quantity);
}

// What one place of the line costs, which is the most a voucher can pay of it.
function placeCost(place) {
  const { price, fees } = costOf(place.choices.find((c) => c.type.id === place.typeId));
  return price + fees;
}

function showTotal() {
  let total = 0;
  let byVouchers = 0;
  const counted = new Set();
  for (const { places } of holds) for (const place of places) {
    const { price, fees } = lineCost(place);
    total += price + fees;
    byVouchers += voucherOff(place, vouchers, placeCost(place), counted);
  }
  const toPay = total - byVouchers;
  $('voucher-row').hidden = byVouchers === 0;
  $('voucher-total').textContent = `−${money(byVouchers, event.currency)}`;
  $('total').textContent = money(toPay, event.currency);
  $('pay').textContent = `Pay ${money(toPay, event.currency)}`;
  paying.offer(toPay);
}

function typeCell(place, name) {
  if (place.choices.length === 0) return h('td', { text: 'Not sold for this place' });
  if (place.choices.length === 1) return h('td', { text: place.choices[0].type.name });
  const id = name.replace(/\W+/g, '-');
  const select = h(
    'select',
    { id, name, onchange: () => {
      place.typeId = select.value;
      const row = select.closest('tr');
      const { price, fees } = lineCost(place);
      row.querySelector('.price').textContent = money(price, event.currency);
      row.querySelector('.fees').textContent = money(fees, event.currency);
      showTotal();
    } },
    place.choices.map((c) => h('option', { value: c.type.id, text: `${c.type.name} (${money(c.price, event.currency)})` })),
  );
  return h('td', {}, h('label', { class: 'visually-hidden', for: id, text: `Ticket type for ${place.label}` }), select);
}

function showPlaces() {
  const rows = holds.flatMap(({ places }, k) =>
    places.map((place, i) => {
      const { price, fees } = lineCost(place);
      return h(
        'tr',
        {},
        h('th', { scope: 'row', text: place.label }),
        typeCell(place, `holds[${k}].items[${i}].ticket_type_id`),
        h('td', { class: 'num price', text: money(price, event.currency) }),
        h('td', { class: 'num fees', text: money(fees, event.currency) }),
        vouchers.size ? voucherCell(place, `holds[${k}].items[${i}].voucher`, showTotal) : null,
      );
    }),
  );
  // Seat order, not the order the places were picked in.
  const byPlace = (a, b) => a.firstChild.textContent.localeCompare(b.firstChild.textContent, 'en', { numeric: true });
  document.querySelector('#places tbody').replaceChildren(...rows.sort(byPlace));
  showTotal();
}

function released() {
  form.hidden = true;
  $('released').hidden = false;
  $('choose-again').href = selector;
}

function startTimer() {
  stopTimer?.();
  stopTimer = startCountdown($('hold-timer'), earliestExpiry(holds.map(({ hold }) => hold)), released);
}

async function loadHolds() {
  holds = (await activeHolds(eventId))
    .filter((hold) => !paid.has(hold.id))
    .map((hold) => ({ hold, places: placesOf(hold) }));
}

function noPlaces() {
  form.hidden = true;
  status.replaceChildren('You hold no places for this event. ', h('a', { href: selector, text: 'Choose seats' }));
  status.hidden = false;
}

// The API names an order's items from 0 within its hold; the form names them per hold. A
// message for a place without a ticket type choice, or for a ticket type (quota), is told by
// the place's or the type's name in the summary.
function scoped(error, k) {
  const fields = {};
  for (const [field, text] of Object.entries(error.fields)) {
    const item = field.match(/^items\[(\d+)\]/);
    const type = types.find((t) => t.id === field);
    if (item) {
      const path = `holds[${k}].${field}`;
      const named = form.querySelector(`[name="${CSS.escape(path)}"]`);
      fields[named ? path : holds[k].places[Number(item[1])]?.label || field] = text;
    } else if (type) {
      fields[`Ticket type "${type.name}"`] = text;
    } else {
      fields[field] = text;
    }
  }
  return Object.assign(forPeople(error), { fields });
}

function orderBody(data, { hold, places }) {
  return {
    hold_id: hold.id,
    buyer: { name: data.get('buyer.name').trim(), email: data.get('buyer.email').trim() },
    items: places.map((p) => ({
      ...(p.seat ? { seat: p.seat } : { section: p.section }),
      ticket_type_id: p.typeId || '',
      ...(p.voucher ? { voucher: p.voucher } : {}),
    })),
    payment: paying.payment(data),
  };
}

function explain(error, k) {
  if (error instanceof ApiError === false) {
    // A network failure: the order may or may not have been placed. The same Idempotency-Key
    // on the next press makes that safe.
    return new ApiError(0, { message: `The connection failed (${error.message}). Press Pay again: you will not be charged twice.` });
  }
  if (error.code === 'payment_declined') {
    return new ApiError(402, {
      message: 'Your card was declined, so nothing was bought and nothing charged. Your places stay held until the timer ends: check the card number and try again.',
      fields: { 'payment.card_number': 'this card was declined' },
    });
  }
  if (error.code === 'insufficient_credit') {
    return new ApiError(409, { message: 'Your credit no longer covers this order, so nothing was bought and nothing charged. Pay by card instead.' });
  }
  // The server writes times in UTC ("Sales open at ...Z"); the buyer reads the venue's clock.
  const told = scoped(error, k);
  told.message = zoneTimes(told.message, timeZone);
  return told;
}

// Paying is refused while sales are paused, closed or not open: say so and turn the button off,
// following the event live.
function showSales() {
  const notice = salesNotice(event, timeZone);
  $('sales-notice').hidden = !notice;
  $('sales-notice').textContent = notice;
  $('pay').disabled = Boolean(notice);
}

async function pay(submitted) {
  submitted.preventDefault();
  clearErrors(form);
  const data = new FormData(form);
  const button = $('pay');
  button.disabled = true;
  $('pay-status').textContent = 'Paying…';
  for (const [k, entry] of holds.entries()) {
    if (paid.has(entry.hold.id)) continue;
    try {
      const order = await api('/orders', {
        method: 'POST',
        body: orderBody(data, entry),
        headers: { 'Idempotency-Key': orderKey(entry.hold.id) },
      });
      paid.set(entry.hold.id, order.id);
    } catch (error) {
      $('pay-status').textContent = paid.size
        ? `${paid.size} of ${holds.length} payments went through; the rest did not.`
        : '';
      showErrors(form, explain(error, k));
      button.disabled = Boolean(salesNotice(event, timeZone));
      if (['hold_expired', 'hold_changed'].includes(error.code)) await reloadAfterChange();
      return;
    }
  }
  $('pay-status').textContent = 'Paid. Opening your tickets…';
  location.assign(`/order.html?ids=${[...paid.values()].map(encodeURIComponent).join(',')}`);
}

// A hold ended or shrank meanwhile: show what is still held, keeping the error on screen.
async function reloadAfterChange() {
  try {
    await loadHolds();
    if (!holds.length) return released();
    showPlaces();
    startTimer();
  } catch (error) {
    form.prepend(problem(error, 'Your places could not be read again.'));
  }
}

async function start() {
  if (!eventId) {
    status.replaceWith(problem({ message: 'No event was named in the address. Choose an event from the events list.' }));
    return;
  }
  if (!session()) {
    status.replaceChildren(h('a', { href: signInUrl(), text: 'Sign in' }), ' to see your places and pay.');
    return;
  }
  try {
    const details = await eventDetails(eventId);
    const { venue, availability } = details;
    ({ event, ticketTypes: types } = details);
    timeZone = venue.timezone;
    showSales();
    watchEvent(eventId, {
      onSales(sales) {
        Object.assign(event, sales);
        showSales();
      },
    });
    sectionNames = new Map(availability.sections.map((s) => [s.key, s.name]));
    $('checkout-event').replaceChildren(
      h('a', { href: `/event.html?id=${encodeURIComponent(eventId)}`, text: event.name }),
      ` · ${dateInZone(event.starts_at, venue.timezone)} · ${venue.name}`,
    );
    [paying, vouchers] = await Promise.all([payWithCredit(event.currency), vouchersFor(eventId), loadHolds()]);
  } catch (error) {
    status.replaceWith(problem(error, 'Your places could not be loaded.'));
    return;
  }
  if (!holds.length) return noPlaces();
  const who = account();
  $('buyer-name').value = who?.name || '';
  $('buyer-email').value = who?.email || '';
  if (vouchers.size) {
    form.append(voucherChoices(vouchers));
    $('voucher-column').hidden = false;
  }
  showPlaces();
  startTimer();
  status.hidden = true;
  form.hidden = false;
}

form.addEventListener('submit', pay);
start();
