// "My orders": the signed-in account's credit and vouchers, then its orders, newest first, each
// linking to its tickets and saying what became of it when it is no longer simply paid.
import { api, session } from '../api.js';
import { dateInZone, money } from '../format.js';
import { signInUrl } from '../header.js';
import { h, problem } from '../dom.js';
import { venues } from '../venues.js';
import { buyerStatus } from '../order-status.js';
import { creditAndVouchers } from './credit.js';

const status = document.getElementById('orders-status');
const list = document.getElementById('order-list');

// Orders and vouchers name their event by id; each event is read once however often it is named.
async function eventsOf(ids) {
  const unique = [...new Set(ids)];
  const events = await Promise.all(
    unique.map((id) => api(`/events/${encodeURIComponent(id)}`).catch(() => null)),
  );
  return new Map(unique.map((id, i) => [id, events[i]]));
}

function item(order, event, byVenue) {
  const zone = event ? byVenue.get(event.venue_id)?.timezone || 'UTC' : 'UTC';
  const count = order.tickets.length;
  const { label, meaning } = buyerStatus(order, event?.status === 'cancelled');
  return h(
    'li',
    { class: `card order-${order.status}`, 'data-order-id': order.id },
    h('h2', {}, h('a', { href: `/order.html?ids=${encodeURIComponent(order.id)}`, text: event ? event.name : `Event ${order.event_id}` })),
    event ? h('p', {}, h('time', { datetime: event.starts_at, text: dateInZone(event.starts_at, zone) })) : null,
    h('p', {}, `${count} ticket${count === 1 ? '' : 's'} · ${money(order.total, order.currency)} · `,
      h('strong', { class: 'order-state', text: label })),
    meaning ? h('p', { class: 'order-meaning', text: meaning }) : null,
    // In the event's format and clock, as the date above it: one way of writing dates on the page.
    h('p', { class: 'muted' }, 'Ordered ', h('time', { datetime: order.created_at, text: dateInZone(order.created_at, zone) })),
  );
}

async function load() {
  if (!session()) {
    status.replaceChildren(h('a', { href: signInUrl(), text: 'Sign in' }), ' to see your orders.');
    return;
  }
  try {
    const [{ orders }, credit, { vouchers }] = await Promise.all(
      [api('/orders'), api('/accounts/me/credit'), api('/accounts/me/vouchers')]);
    const [events, byVenue] = await Promise.all([
      eventsOf([...orders.map((o) => o.event_id), ...vouchers.map((v) => v.event_id)]), venues()]);
    const orderNames = new Map(orders.map((o) => [o.id, events.get(o.event_id)?.name]));
    document.getElementById('credit-body').replaceChildren(...creditAndVouchers(credit, vouchers, { events, orderNames }));
    document.getElementById('credit').hidden = false;
    if (!orders.length) {
      status.replaceChildren('You have no orders yet. ', h('a', { href: '/', text: 'Find an event' }));
      return;
    }
    list.replaceChildren(...orders.map((o) => item(o, events.get(o.event_id), byVenue)));
    list.hidden = false;
    status.textContent = `${orders.length} order${orders.length === 1 ? '' : 's'}, newest first.`;
  } catch (error) {
    status.replaceWith(problem(error, 'Your orders could not be loaded.'));
  }
}

load();
