// Words and badges for an event's state, shared by the events list, the form and the dashboard.
import { h } from '../dom.js';

const statusWords = {
  draft: 'Draft', on_sale: 'On sale', paused: 'Paused', closed: 'Closed', cancelled: 'Cancelled',
};

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, text: statusWords[status] || status });
}

export function visibilityText(event, when) {
  if (event.visibility === 'scheduled') return `Scheduled: public from ${when(event.public_at)}`;
  return event.visibility === 'hidden' ? 'Hidden (link only)' : 'Public';
}

// Whether buyers can buy now, and why not, as the API's `sales_open` and times say.
export function saleText(event, when) {
  if (event.sales_open) return `Selling until ${when(event.sales_close_at)}`;
  if (event.status === 'draft') return 'Not published';
  if (event.status === 'cancelled') return 'Cancelled';
  if (event.status === 'paused') return 'Sales paused';
  if (event.status === 'closed') return 'Sales closed';
  if (Date.parse(event.sales_open_at) > Date.now()) return `Opens ${when(event.sales_open_at)}`;
  return 'Sales over';
}
