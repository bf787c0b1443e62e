// A manager's view of one order (/manage/order.html?id=): its tickets and their status, and a
// refund of one ticket or of every valid one, each confirmed with the amount that goes back.
import { api } from '../api.js';
import { h, problem, query } from '../dom.js';
import { money } from '../format.js';
import { statusText } from '../order-status.js';
import { askInDialog } from './dialog.js';
import { openConsolePage } from './page.js';

const view = document.getElementById('order-view');
const status = document.getElementById('order-status');

const refundable = (order) => ['paid', 'partially_refunded'].includes(order.status) && order.payment_method !== 'transfer';
const place = (t) => t.seat || `${t.section} (standing)`;

// What a refund of `tickets` gives back: what was paid for them (the server decides the same).
const amountOf = (tickets) => tickets.reduce((sum, t) => sum + t.price + t.fees, 0);

async function refund(order, tickets) {
  const amount = money(amountOf(tickets), order.currency);
  const named = tickets.length === 1 ? place(tickets[0]) : `${tickets.length} tickets`;
  const done = await askInDialog({
    title: `Refund ${named}?`,
    text: `${amount} goes back to the buyer's card. ${tickets.length === 1
      ? 'The ticket stops admitting and its place goes back on sale.'
      : 'The tickets stop admitting and their places go back on sale.'}`,
    confirmLabel: `Refund ${amount}`,
    danger: true,
    send: () => api(`/orders/${encodeURIComponent(order.id)}/refund`, {
      method: 'POST', body: { tickets: tickets.map((t) => t.id) },
    }),
  });
  if (!done) return;
  status.textContent = `Refunded ${amount}. The order is now ${statusText(done.status).toLowerCase()}.`;
  show(done);
}

function show(order) {
  document.getElementById('order-title').textContent = `Order ${order.id}`;
  const valid = order.tickets.filter((t) => t.status === 'valid' && !t.checked_in_at);
  const rows = order.tickets.map((t) => h('tr', { 'data-ticket-id': t.id },
    h('td', { text: place(t) }),
    h('td', { class: 'num', text: money(t.price + t.fees, order.currency) }),
    h('td', { text: t.status === 'void' ? `Void (${t.void_reason})` : (t.checked_in_at ? 'Admitted' : 'Valid') }),
    h('td', { class: 'actions' }, refundable(order) && valid.includes(t)
      ? h('button', { type: 'button', class: 'secondary', text: 'Refund', 'aria-label': `Refund ${place(t)}`, onclick: () => refund(order, [t]) })
      : null)));
  view.replaceChildren(
    h('section', { class: 'card', 'aria-label': 'Order' },
      h('p', {}, h('strong', { text: statusText(order.status) }),
        ` · ${money(order.total, order.currency)} · ${order.buyer.name} <${order.buyer.email}> · event `,
        h('a', { href: `/manage/event.html?id=${encodeURIComponent(order.event_id)}`, text: order.event_id })),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Tickets' },
        h('table', { class: 'order-tickets' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Place' }), h('th', { scope: 'col', class: 'num', text: 'Paid' }),
            h('th', { scope: 'col', text: 'Status' }), h('th', { scope: 'col', text: 'Actions' }))),
          h('tbody', {}, rows))),
      refundable(order) && valid.length > 1
        ? h('p', { class: 'button-row' }, h('button', { type: 'button', class: 'danger', text: `Refund all ${valid.length} valid tickets`, onclick: () => refund(order, valid) }))
        : null,
      order.payment_method === 'transfer' ? h('p', { class: 'muted', text: 'Received by transfer: the money was paid with the giver\'s order.' }) : null));
}

async function load(id) {
  document.getElementById('order-id').value = id;
  try {
    show(await api(`/orders/${encodeURIComponent(id)}`));
  } catch (error) {
    view.replaceChildren(problem(error, 'Could not load the order:'));
  }
}

if (openConsolePage('/manage/order.html')) {
  document.getElementById('order-find').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = document.getElementById('order-id').value.trim();
    history.replaceState(null, '', `?id=${encodeURIComponent(id)}`);
    load(id);
  });
  const id = query('id');
  if (id) load(id);
}
