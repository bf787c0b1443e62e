// What became of an order that is no longer simply paid, on the buyer's order page: its status
// said plainly, the refunds made (amount, where the money went, the provider's reference), and
// while its event's cancellation waits for the buyer, one button per way of being settled.
import { api } from '../api.js';
import { dateInZone, money } from '../format.js';
import { h, problem } from '../dom.js';
import { buyerStatus } from '../order-status.js';

const options = {
  refund: ['Get a refund', 'The money goes back the way you paid.'],
  credit: ['Take credit', 'The amount goes to your credit, to spend on other events.'],
  voucher: ['Take a voucher', 'One voucher per ticket for the rescheduled event.'],
};

// Until the server lists the options, the two that need no rescheduled event are offered.
const fallbackOptions = ['refund', 'credit'];

function refundList(order, when) {
  if (!order.refunds?.length) return null;
  return h('ul', { class: 'refunds', 'aria-label': 'Refunds' }, order.refunds.map((refund) => h('li', { 'data-refund-id': refund.id },
    h('strong', { text: money(refund.amount, refund.currency) }),
    refund.method === 'credit' ? ' to your credit' : ' to your card',
    ` · ${refund.status === 'pending' ? 'under way' : 'done'} · ${when(refund.created_at)}`,
    refund.reference ? [' · reference ', h('code', { text: refund.reference })] : null)));
}

// The buttons for an order awaiting its buyer's choice; `onChosen(order)` gets the settled order.
function choicePanel(order, when, onChosen) {
  const message = h('div', { class: 'choice-message', 'aria-live': 'polite' });
  const offered = (order.choice?.options || fallbackOptions).filter((option) => options[option]);
  const hintId = (option) => `choice-hint-${order.id}-${option}`;
  const buttons = offered.map((option) => h('button', { type: 'button', 'data-choice': option, text: options[option][0], 'aria-describedby': hintId(option) }));
  const choose = async (option) => {
    buttons.forEach((b) => { b.disabled = true; });
    message.replaceChildren(h('p', { text: 'Sending your choice…' }));
    try {
      onChosen(await api(`/orders/${encodeURIComponent(order.id)}/choice`, { method: 'POST', body: { resolution: option } }));
    } catch (error) {
      message.replaceChildren(problem(error, 'Your choice was not taken.'));
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  buttons.forEach((button, i) => button.addEventListener('click', () => choose(offered[i])));
  return h('div', { class: 'settlement-choice no-print', role: 'group', 'aria-label': 'How you want to be settled' },
    order.choice?.deadline ? h('p', {}, 'Choose by ', h('strong', { text: when(order.choice.deadline) }),
      '; after that you get a refund.') : null,
    h('ul', { class: 'choices' }, buttons.map((button, i) => h('li', {}, button, ' ',
      h('span', { class: 'muted', id: hintId(offered[i]), text: options[offered[i]][1] })))),
    message);
}

// The order's state and what goes with it, or null for a paid order without refunds.
export function orderSettlement(order, { cancelledEvent, timeZone, onChosen }) {
  const when = (iso) => dateInZone(iso, timeZone);
  const { label, meaning } = buyerStatus(order, cancelledEvent);
  const refunds = refundList(order, when);
  if (order.status === 'paid' && !refunds) return null;
  return h('div', { class: `notice order-settlement order-${order.status}`, 'data-status': order.status },
    h('p', { class: 'order-state' }, h('strong', { text: label })),
    meaning ? h('p', { class: 'order-meaning', text: meaning }) : null,
    refunds,
    order.status === 'awaiting_choice' ? choicePanel(order, when, onChosen) : null);
}
