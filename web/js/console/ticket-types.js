// An event's ticket types: add, change and remove them, with fees and price levels per section.
// Money is typed as people write it ("59.90") and sent in minor units; percent fees as "10" (%)
// and sent in basis points.
import { api } from '../api.js';
import { money, toMinor, fromMinor } from '../format.js';
import { showErrors, clearErrors } from '../forms.js';
import { h, problem } from '../dom.js';
import { describeFees } from '../prices.js';
import { field } from './field.js';
import { askInDialog } from './dialog.js';
import { showPlacedErrors } from './field-paths.js';

// "10" or "7,5" (percent) → basis points; null when it is not a number.
function basisPoints(text) {
  const value = Number(String(text).trim().replace(',', '.'));
  return String(text).trim() === '' || !Number.isFinite(value) ? null : Math.round(value * 100);
}

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

function removable(row, onRemove) {
  const button = h('button', { type: 'button', class: 'secondary small', text: 'Remove' });
  button.addEventListener('click', () => {
    row.remove();
    onRemove?.();
  });
  return button;
}

function feeRow(fee, currency) {
  const kind = h('select', { class: 'fee-kind' },
    h('option', { value: 'percent', text: 'Percent of the price', selected: fee?.kind === 'percent' }),
    h('option', { value: 'fixed', text: `Fixed (${currency})`, selected: fee?.kind === 'fixed' }));
  const amount = fee ? (fee.kind === 'percent' ? String(fee.amount / 100) : fromMinor(fee.amount, currency)) : '';
  const row = h('div', { class: 'sub-row fee-row' },
    field('Fee name', h('input', { class: 'fee-name', value: fee?.name || '', maxlength: 100 })),
    field('Kind', kind),
    field('Amount', h('input', { class: 'fee-amount', value: amount, inputmode: 'decimal' })));
  row.append(removable(row));
  return row;
}

function levelRow(level, currency) {
  const row = h('div', { class: 'sub-row level-row' },
    field('Sections', h('input', { class: 'level-sections', value: (level?.sections || []).join(', ') })),
    field('Rows (empty: all)', h('input', { class: 'level-rows', value: (level?.rows || []).join(', ') })),
    field(`Price (${currency})`, h('input', { class: 'level-price', value: level ? fromMinor(level.price, currency) : '', inputmode: 'decimal' })));
  row.append(removable(row));
  return row;
}

function describe(type) {
  const fees = describeFees(type);
  return [
    money(type.price, type.currency),
    type.price_levels.length ? `${type.price_levels.length} price level${type.price_levels.length === 1 ? '' : 's'}` : null,
    type.sections.length ? `in ${type.sections.join(', ')}` : 'every section',
    type.quota ? `at most ${type.quota}` : null,
    fees.length ? fees.join(', ') : null,
  ].filter(Boolean).join(' · ');
}

// One ticket type's form (or an empty one for a new type). `done()` reloads the list.
function typeForm(event, type, sectionKeys, done) {
  const currency = event.currency;
  const fees = h('div', { class: 'fees' }, (type?.fees || []).map((f) => feeRow(f, currency)));
  const levels = h('div', { class: 'levels' }, (type?.price_levels || []).map((l) => levelRow(l, currency)));
  const addFee = h('button', { type: 'button', class: 'secondary small', text: 'Add fee' });
  const addLevel = h('button', { type: 'button', class: 'secondary small', text: 'Add price level' });
  addFee.addEventListener('click', () => fees.append(feeRow(null, currency)));
  addLevel.addEventListener('click', () => levels.append(levelRow(null, currency)));
  const submit = h('button', { type: 'submit', text: type ? 'Save ticket type' : 'Add ticket type' });
  const remove = type && event.status === 'draft' ? h('button', { type: 'button', class: 'secondary danger-text', text: 'Remove ticket type' }) : null;
  const status = h('span', { role: 'status', class: 'muted' });
  const form = h('form', { class: 'type-form', novalidate: true },
    h('div', { class: 'grid-fields' },
      field('Ticket type name', h('input', { name: 'name', value: type?.name || '', maxlength: 100 })),
      field(`Price (${currency})`, h('input', { name: 'price', value: type ? fromMinor(type.price, currency) : '', inputmode: 'decimal', placeholder: '59.90' })),
      field('Valid in sections', h('input', { name: 'sections', value: (type?.sections || []).join(', ') }), `Empty: everywhere. Keys: ${sectionKeys.join(', ')}`),
      field('Most tickets of this type', h('input', { name: 'quota', type: 'number', min: 1, value: type?.quota ?? '', inputmode: 'numeric' }), 'Empty: no limit.')),
    h('fieldset', { class: 'sub-group' }, h('legend', { text: 'Fees' }), fees, addFee),
    h('fieldset', { class: 'sub-group' }, h('legend', { text: 'Price levels (the first that matches a place sets its price)' }), levels, addLevel),
    h('p', { class: 'button-row' }, submit, remove, status));

  // Names every repeated input by its API path, and reads the body; money that is not a
  // number is named like the API would name it.
  function read() {
    const fields = {};
    const body = { name: form.elements.name.value.trim(), sections: list(form.elements.sections.value) };
    body.price = toMinor(form.elements.price.value, currency);
    if (body.price === null) fields.price = 'Write a price such as 59.90.';
    const quota = form.elements.quota.value.trim();
    body.quota = quota === '' ? null : Number(quota);
    body.fees = [...fees.children].map((row, i) => {
      const [name, kind, amount] = [row.querySelector('.fee-name'), row.querySelector('.fee-kind'), row.querySelector('.fee-amount')];
      name.name = `fees[${i}].name`;
      kind.name = `fees[${i}].kind`;
      amount.name = `fees[${i}].amount`;
      const value = kind.value === 'percent' ? basisPoints(amount.value) : toMinor(amount.value, currency);
      if (value === null) fields[amount.name] = kind.value === 'percent' ? 'Write a percentage such as 10.' : 'Write an amount such as 1.50.';
      return { name: name.value.trim(), kind: kind.value, amount: value };
    });
    body.price_levels = [...levels.children].map((row, i) => {
      const [sections, rows, price] = [row.querySelector('.level-sections'), row.querySelector('.level-rows'), row.querySelector('.level-price')];
      sections.name = `price_levels[${i}].sections`;
      rows.name = `price_levels[${i}].rows`;
      price.name = `price_levels[${i}].price`;
      const value = toMinor(price.value, currency);
      if (value === null) fields[price.name] = 'Write a price such as 89.00.';
      return { sections: list(sections.value), rows: list(rows.value), price: value };
    });
    return { body, fields };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    status.textContent = '';
    const { body, fields } = read();
    if (Object.keys(fields).length) {
      showErrors(form, { message: 'Some amounts could not be read.', fields });
      return;
    }
    if (!type && body.quota === null) delete body.quota;
    submit.disabled = true;
    try {
      const base = `/events/${encodeURIComponent(event.id)}/ticket-types`;
      await (type
        ? api(`${base}/${encodeURIComponent(type.id)}`, { method: 'PATCH', body })
        : api(base, { method: 'POST', body }));
      done(type ? `Saved ${body.name}.` : `Added ${body.name}.`);
    } catch (error) {
      showPlacedErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  remove?.addEventListener('click', async () => {
    if (!(await askInDialog({ title: `Remove ${type.name}?`, text: 'The ticket type and its prices are removed.', confirmLabel: 'Remove', danger: true }))) return;
    try {
      await api(`/events/${encodeURIComponent(event.id)}/ticket-types/${encodeURIComponent(type.id)}`, { method: 'DELETE' });
      done(`Removed ${type.name}.`);
    } catch (error) {
      form.prepend(problem(error, 'Not removed:'));
    }
  });
  return form;
}

// Shows the event's ticket types, each editable, and a form for a new one.
export async function showTicketTypes(event, sectionKeys) {
  const target = document.getElementById('type-list');
  const adder = document.getElementById('new-type');
  const reload = (message) => showTicketTypes(event, sectionKeys).then(() => {
    if (message) target.prepend(h('p', { class: 'notice success', role: 'status', text: message }));
  });
  try {
    const { ticket_types: types } = await api(`/events/${encodeURIComponent(event.id)}/ticket-types`);
    const empty = h('p', { class: 'muted', text: 'No ticket types yet: an event needs one before it is published.' });
    target.replaceChildren(
      ...(types.length ? [] : [empty]),
      ...types.map((t) => h('details', { class: 'type card', dataset: { typeId: t.id } },
        h('summary', {}, h('strong', { text: t.name }), ' ', h('span', { class: 'muted', text: describe(t) })),
        typeForm(event, t, sectionKeys, reload))));
    if (event.status === 'cancelled') {
      adder.replaceChildren(h('p', { class: 'muted', text: 'A cancelled event takes no new ticket types.' }));
      return;
    }
    adder.replaceChildren(h('h3', { text: 'New ticket type' }), typeForm(event, null, sectionKeys, reload));
  } catch (error) {
    target.replaceChildren(problem(error, 'Could not load the ticket types:'));
  }
}
