// "My orders": the signed-in account's orders, newest first, each linking to its tickets.
import { api, session } from '../api.js';
import { dateInZone, money } from '../format.js';
import { signInUrl } from '../header.js';
import { el, problem } from './dom.js';
import { venues } from './venues.js';

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
  return el(
    'li',
    { className: 'card', 'data-order-id': order.id },
    el('h2', {}, el('a', { href: `/order.html?ids=${encodeURIComponent(order.id)}`, text: event ? event.name : `Event ${order.event_id}` })),
    event ? el('p', {}, el('time', { datetime: event.starts_at, text: dateInZone(event.starts_at, zone) })) : null,
    el('p', { text: `${count} ticket${count === 1 ? '' : 's'} · ${money(order.total, order.currency)} · ${statusWords[order.status] || order.status}` }),
    el('p', { className: 'muted', text: `Ordered ${new Date(order.created_at).toLocaleString()}` }),
  );
}

async function load() {
  if (!session()) {
    status.replaceChildren(el('a', { href: signInUrl(), text: 'Sign in' }), ' to see your orders.');
    return;
  }
  try {
    const { orders } = await api('/orders');
    if (!orders.length) {
      status.replaceChildren('You have no orders yet. ', el('a', { href: '/', text: 'Find an event' }));
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
