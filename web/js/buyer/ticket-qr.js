// A ticket's QR code. The image needs the bearer token, which an <img src> cannot send, so it
// is fetched and shown from a blob URL; without it the ticket's code is shown as text.
import { session } from '../api.js';
import { h } from '../dom.js';

export async function ticketQr(orderId, ticket, label) {
  const url = `/api/v1/orders/${encodeURIComponent(orderId)}/tickets/${encodeURIComponent(ticket.id)}/qr.svg`;
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${session()?.token}` } });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const image = h('img', { class: 'qr', alt: `QR code for ${label}` });
    image.src = URL.createObjectURL(await response.blob());
    return image;
  } catch {
    return h(
      'div',
      { class: 'qr-missing' },
      h('p', { class: 'muted', text: 'The QR code could not be loaded; show this code at the door:' }),
      h('p', { class: 'ticket-code', text: ticket.code }),
    );
  }
}
