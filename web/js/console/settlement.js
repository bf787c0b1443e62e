// A cancelled event's settlement: what the orders became and how much money each resolution
// covered, in the cancel dialog's answer and in the event page's "Settlement" panel, which
// follows a settlement still under way (buyers yet to choose, refunds the provider has not
// answered) until it is finished.
import { api } from '../api.js';
import { h, problem } from '../dom.js';
import { money } from '../format.js';
import { statusText } from '../order-status.js';
import { table } from './table.js';

// What buyers of a cancelled event may get: [value, label, hint for the cancel dialog].
export const settlements = [
  ['refund', 'Refund', 'Buyers get their money back.'],
  ['credit', 'Credit', 'Buyers get credit to spend on other events.'],
  ['voucher', 'Voucher for a rescheduled event', 'Buyers get a voucher for the event you choose below.'],
  ['buyer_choice', "Buyer's choice", 'Each buyer chooses how to be settled.'],
];

export const resolutionText = (value) => settlements.find(([v]) => v === value)?.[1] || value;

const ordersText = (n) => `${n} order${n === 1 ? '' : 's'}`;
const refreshMs = 4000;

// The settled orders by what they became, each with its count and amount, and the total.
export function settlementGroups(settlement, currency) {
  const rows = settlement.orders.map((group) => h('tr', { 'data-status': group.status },
    h('th', { scope: 'row', text: statusText(group.status) }),
    h('td', { class: 'num', text: String(group.orders) }),
    h('td', { class: 'num', text: money(group.amount, currency) })));
  rows.push(h('tr', { class: 'total-row', 'data-status': 'total' },
    h('th', { scope: 'row', text: 'Total settled' }),
    h('td', { class: 'num', text: String(settlement.orders_settled) }),
    h('td', { class: 'num', text: money(settlement.amount_settled, currency) })));
  return table({ columns: ['Orders became', ['Orders', 'num'], ['Amount', 'num']], rows, caption: 'Settled orders', class: 'settlement-groups' });
}

// One line on how far the settlement is: finished, or what it still waits for.
function progressText(settlement, when) {
  if (settlement.finished) return 'Finished: every order is settled.';
  const waiting = settlement.orders.find((g) => g.status === 'awaiting_choice');
  const choosing = waiting
    ? ` ${ordersText(waiting.orders)} await${waiting.orders === 1 ? 's' : ''} the buyer's choice${settlement.choice_deadline ? ` until ${when(settlement.choice_deadline)}` : ''}.`
    : '';
  return `Still in progress.${choosing} This panel refreshes every few seconds.`;
}

async function eventLink(id) {
  const href = `/manage/event.html?id=${encodeURIComponent(id)}`;
  const other = await api(`/events/${encodeURIComponent(id)}`).catch(() => null);
  return h('a', { href, text: other ? other.name : id });
}

function facts(settlement, when, rescheduled) {
  const fact = (term, ...value) => [h('dt', { text: term }), h('dd', {}, ...value)];
  return h('dl', { class: 'facts' },
    fact('Resolution', resolutionText(settlement.resolution)),
    fact('Started', when(settlement.started_at)),
    fact('Finished', settlement.finished ? when(settlement.finished_at || settlement.started_at) : 'Not yet'),
    rescheduled ? fact('Rescheduled event', rescheduled) : null,
    settlement.choice_deadline ? fact('Buyers choose until', when(settlement.choice_deadline)) : null);
}

let timer = null;
let shown = 0; // which call of showSettlement is current: an older one's answers are dropped

// Fills the event page's Settlement panel for a cancelled `event` (hides it for any other) and
// keeps it current until the settlement has finished. `when(iso)` writes a time in the venue's zone.
export async function showSettlement(event, when) {
  clearTimeout(timer);
  const panel = document.getElementById('settlement');
  const body = document.getElementById('settlement-body');
  const progress = document.getElementById('settlement-progress');
  const current = ++shown;
  panel.hidden = event.status !== 'cancelled';
  if (panel.hidden) return;
  let rescheduled = null;
  const refresh = async () => {
    try {
      const settlement = await api(`/events/${encodeURIComponent(event.id)}/settlement`);
      if (settlement.rescheduled_event_id && !rescheduled) rescheduled = await eventLink(settlement.rescheduled_event_id);
      if (current !== shown) return;
      body.replaceChildren(facts(settlement, when, rescheduled), settlementGroups(settlement, event.currency));
      // Only a changed sentence is announced, not every refresh.
      const text = progressText(settlement, when);
      if (progress.textContent !== text) progress.textContent = text;
      panel.dataset.finished = String(settlement.finished);
      if (!settlement.finished) timer = setTimeout(refresh, refreshMs);
    } catch (error) {
      if (current !== shown) return;
      body.replaceChildren(problem(error, 'Could not load the settlement:'));
      // A refusal stays a refusal; a server or network failure may pass.
      if (!(error.status >= 400 && error.status < 500)) timer = setTimeout(refresh, refreshMs);
    }
  };
  await refresh();
}
