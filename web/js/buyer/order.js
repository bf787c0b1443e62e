// The confirmation after checkout (/order.html?ids=ORD1,ORD2): every ticket with its QR code, and
// for an order no longer simply paid, what became of it.
import { api, session } from '../api.js';
import { dateInZone, money } from '../format.js';
import { signInUrl } from '../header.js';
import { h, problem, query } from '../dom.js';
import { splitSeat } from '../prices.js';
import { ticketQr } from './ticket-qr.js';
import { eventDetails } from '../venues.js';
import { orderSettlement } from './order-settlement.js';

const status = document.getElementById('order-status');

async function details(eventId) {
  const { event, venue, ticketTypes, availability } = await eventDetails(eventId);
  return {
    event,
    venue,
    typeNames: new Map(ticketTypes.map((t) => [t.id, t.name])),
    sectionNames: new Map(availability.sections.map((s) => [s.key, s.name])),
  };
}

function where(ticket, sectionNames) {
  const section = sectionNames.get(ticket.section) || ticket.section;
  if (!ticket.seat) return { title: section, place: 'Standing' };
  const { row, seat } = splitSeat(ticket.seat);
  return { title: section, place: `Row ${row}, seat ${seat}` };
}

const voidWords = {
  refunded: 'This ticket was refunded; its code no longer admits.',
  cancelled: 'This ticket was cancelled with its event.',
  transferred: 'This ticket was given to someone else; its code no longer admits.',
};

// "Transfer": the ticket goes to another account by its e-mail, with a new code; this one is void.
function transferForm(order, ticket, label) {
  const message = h('p', { class: 'transfer-message', role: 'status' });
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off',
    'aria-label': `E-mail of the account to give ${label} to` });
  const form = h('form', { class: 'transfer no-print' },
    h('label', {}, 'Their account\'s e-mail ', email),
    h('button', { type: 'submit', text: 'Transfer' }),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = 'Transferring…';
    try {
      await api(`/orders/${encodeURIComponent(order.id)}/tickets/${encodeURIComponent(ticket.id)}/transfer`,
        { method: 'POST', body: { email: email.value } });
      // The code shown here no longer admits: it goes, and the card says why.
      const card = form.closest('li');
      card.classList.add('void');
      card.querySelector('.qr, .qr-missing')?.replaceWith(h('p', { class: 'ticket-void', text: voidWords.transferred }));
      form.closest('details').replaceWith(h('p', { class: 'transfer-message', role: 'status',
        text: `Transferred to ${email.value}: they find the ticket under their orders.` }));
    } catch (error) {
      message.textContent = error.fields?.email || error.message;
    }
  });
  return h('details', { class: 'transfer no-print' }, h('summary', { text: 'Transfer this ticket' }), form);
}

const paidWith = { test_card: ' by card', credit: ' from your credit' };

// How the order's total was paid: the method, and what vouchers took off (`charged` is what the
// method paid; an order from before vouchers has none). A transfer was paid by the giver.
function paidHow(order) {
  if (order.payment_method === 'transfer') return 'received from another buyer';
  const byVouchers = order.charged === undefined ? 0 : order.total - order.charged;
  return h('span', {}, 'paid ', h('strong', { class: 'order-total', text: money(order.total, order.currency) }),
    paidWith[order.payment_method] || '',
    byVouchers > 0 ? ` (${money(byVouchers, order.currency)} of it with vouchers)` : '');
}

async function ticketCard(order, ticket, info) {
  const { title, place } = where(ticket, info.sectionNames);
  const type = info.typeNames.get(ticket.ticket_type_id) || 'Ticket';
  const valid = ticket.status !== 'void';
  return h(
    'li',
    { class: `card ticket${valid ? '' : ' void'}`, 'data-ticket-id': ticket.id },
    // Each ticket names its event and date, so a printed ticket cut from the page stands alone.
    h('p', { class: 'ticket-event muted', text: `${info.event.name} · ${dateInZone(info.event.starts_at, info.venue.timezone)}` }),
    h('h3', { text: title }),
    h('p', { text: place }),
    h('p', { text: `${type} · ${money(ticket.price + ticket.fees, order.currency)}` +
      (ticket.fees ? ` (incl. ${money(ticket.fees, order.currency)} fees)` : '') }),
    ticket.voucher_code ? h('p', { class: 'muted', text: `${money(ticket.voucher_amount ?? 0, order.currency)} paid with voucher ${ticket.voucher_code}` }) : null,
    valid ? await ticketQr(order.id, ticket, `${title}, ${place}`)
      : h('p', { class: 'ticket-void', text: voidWords[ticket.void_reason] || 'This ticket is void.' }),
    valid && !ticket.checked_in_at ? transferForm(order, ticket, `${title}, ${place}`) : null,
  );
}

async function orderSection(order, info) {
  const tickets = await Promise.all(order.tickets.map((t) => ticketCard(order, t, info)));
  const section = h(
    'section',
    { class: 'order', 'aria-label': `Order ${order.id}`, 'data-order-id': order.id },
    h('p', {}, `Order ${order.id} · ${order.tickets.length} ticket${order.tickets.length === 1 ? '' : 's'} · `, paidHow(order)),
    orderSettlement(order, {
      cancelledEvent: info.event.status === 'cancelled',
      timeZone: info.venue.timezone,
      onChosen: async (settled) => section.replaceWith(await orderSection(settled, info)),
    }),
    h('ul', { class: 'tickets', 'aria-label': 'Tickets' }, tickets),
  );
  return section;
}

async function load() {
  const ids = (query('ids') || '').split(',').filter(Boolean);
  if (!ids.length) {
    status.replaceChildren('No order was named. ', h('a', { href: '/orders.html', text: 'See my orders' }));
    return;
  }
  if (!session()) {
    status.replaceChildren(h('a', { href: signInUrl(), text: 'Sign in' }), ' to see your tickets.');
    return;
  }
  try {
    const orders = await Promise.all(ids.map((id) => api(`/orders/${encodeURIComponent(id)}`)));
    const info = await details(orders[0].event_id);
    const { event, venue } = info;
    const total = orders.reduce((sum, o) => sum + o.total, 0);
    const summary = h(
      'div',
      { class: 'card order-summary' },
      h('h2', { text: event.name }),
      h('p', {}, h('time', { datetime: event.starts_at, text: dateInZone(event.starts_at, venue.timezone) }),
        ` · ${venue.name}${venue.address ? `, ${venue.address}` : ''}`),
      event.doors_at ? h('p', { text: `Doors open ${dateInZone(event.doors_at, venue.timezone)}` }) : null,
      h('p', {}, 'Total paid: ', h('strong', { id: 'total-paid', text: money(total, orders[0].currency) })),
      h('p', { class: 'muted', text: `Tickets for ${orders[0].buyer.name}, sent to ${orders[0].buyer.email}.` }),
    );
    const sections = await Promise.all(orders.map((o) => orderSection(o, info)));
    document.getElementById('orders').replaceChildren(summary, ...sections);
    status.textContent = orders.every((o) => o.status === 'paid')
      ? 'Thank you: your order is paid and your tickets are below.'
      : 'Your tickets and what became of your order are below.';
    document.getElementById('order-actions').hidden = false;
  } catch (error) {
    status.replaceWith(problem(error, 'Your order could not be shown.'));
  }
}

document.getElementById('print').addEventListener('click', () => window.print());
load();
