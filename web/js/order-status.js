// An order's status in words: short ones for lists and the console, and for the buyer's own pages
// what happened to their money and tickets.
import { money } from './format.js';

export const statusWords = {
  paid: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  credited: 'Credited',
  voucher_issued: 'Vouchers issued',
  awaiting_choice: 'Awaiting the buyer\'s choice',
  cancelled: 'Cancelled',
};

export const statusText = (status) => statusWords[status] || status;

// What the buyer's refunded tickets were worth: the server pays back their prices and fees.
const refundedAmount = (order) => order.tickets
  .filter((t) => t.void_reason === 'refunded')
  .reduce((sum, t) => sum + t.price + t.fees, 0);

// The ways the buyer may still choose, as the order lists them ("refund, credit or voucher").
function choices(order) {
  const options = order.choice?.options || ['refund', 'credit', 'voucher'];
  return options.length < 2 ? options.join('') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
}

// `{label, meaning}` for an order the buyer looks at; `meaning` is null for a plain paid order.
// `cancelledEvent`: the order's event was cancelled, which explains every settlement.
export function buyerStatus(order, cancelledEvent = false) {
  const total = money(order.total, order.currency);
  const lead = cancelledEvent || order.status !== 'refunded' ? 'The event was cancelled: ' : '';
  switch (order.status) {
    case 'paid':
      return { label: 'Paid', meaning: null };
    case 'partially_refunded':
      return { label: 'Partly refunded', meaning: `${money(refundedAmount(order), order.currency)} was refunded; the other tickets still admit.` };
    case 'refunded':
      return { label: cancelledEvent ? 'Cancelled: refunded' : 'Refunded', meaning: `${lead}${total} was paid back. The tickets no longer admit.` };
    case 'credited':
      return { label: 'Cancelled: credited', meaning: `${lead}${total} went to your credit, to spend on other events.` };
    case 'voucher_issued':
      return { label: 'Cancelled: vouchers issued', meaning: `${lead}you have a voucher per ticket for the rescheduled event.` };
    case 'awaiting_choice':
      return { label: `Cancelled: choose ${choices(order)}`, meaning: `${lead}choose how you get your ${total} back.` };
    case 'cancelled':
      return { label: 'Cancelled', meaning: 'This order was cancelled; its tickets no longer admit.' };
    default:
      return { label: order.status, meaning: null };
  }
}
