// "My orders": the signed-in account's orders, newest first, each linking to its tickets.
import { api, session } from '../api.js';
import { dateInZone, money } from '../format.js';
import { signInUrl } from '../header.js';
import { h, problem } from '../dom.js';
import { venues } from '../venues.js';

const status = document.getElementById('orders-status');
const list = document.getElementById('order-list');

// Orders name their event by id; each event is read once however many orders it has.
async function eventsOf(orders) {
  const ids = [...new Set(orders.map((o) => o.event_id))];
  const events = await Promise.all(
    ids.map((id) => api(`/events/${encodeURIComponent(id)}`).catch(() => null)),
  );
  return new Map(ids.map((id, i) => [id, events[i]]));
}

const statusWords = { paid: 'Paid', refunded: 'Refunded', credited: 'Credited', voucher_issued: 'Voucher issued', cancelled: 'Cancelled' };

function item(order, event, byVenue) {
  const zone = event ? byVenue.get(event.venue_id)?.timezone || 'UTC' : 'UTC';
  const count = order.tickets.length;
  return h(
    'li',
    { class: 'card', 'data-order-id': order.id },
    h('h2', {}, h('a', { href: `/order.html?ids=${encodeURIComponent(order.id)}`, text: event ? event.name : `Event ${order.event_id}` })),
    event ? h('p', {}, h('time', { datetime: event.starts_at, text: dateInZone(event.starts_at, zone) })) : null,
    h('p', { text: `${count} ticket${count === 1 ? '' : 's'} · ${money(order.total, order.currency)} · ${statusWords[order.status] || order.status}` }),
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
    const { orders } = await api('/orders');
    if (!orders.length) {
      status.replaceChildren('You have no orders yet. ', h('a', { href: '/', text: 'Find an event' }));
      return;
    }
    const [events, byVenue] = await Promise.all([eventsOf(orders), venues()]);
    list.replaceChildren(...orders.map((o) => item(o, events.get(o.event_id), byVenue)));
    list.hidden = false;
    status.textContent = `${orders.length} order${orders.length === 1 ? '' : 's'}, newest first.`;
  } catch (error) {
    status.replaceWith(problem(error, 'Your orders could not be loaded.'));
  }
}

load();
