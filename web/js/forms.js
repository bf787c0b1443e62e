// Shows an ApiError's `fields` next to the inputs they name, and clears them again.
// An input is matched by its `name` (the API's field path, e.g. "ticket_types[0].price");
// a message for a field without an input goes to the form's summary.
import { h } from './dom.js';

export function clearErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  const summary = form.querySelector('.form-errors');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

export function showErrors(form, error) {
  clearErrors(form);
  let summary = form.querySelector('.form-errors');
  if (!summary) {
    summary = h('div', { class: 'form-errors', role: 'alert' });
    form.prepend(summary);
  }
  const unplaced = [];
  let first = null;
  for (const [field, message] of Object.entries(error.fields || {})) {
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (!input) {
      unplaced.push(`${field}: ${message}`);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    const note = h('span', { class: 'field-error', id: `${input.id || field.replace(/\W/g, '-')}-error`, text: message });
    input.setAttribute('aria-describedby', note.id);
    input.insertAdjacentElement('afterend', note);
    first ??= input;
  }
  summary.append(h('p', { text: error.message }));
  if (unplaced.length) summary.append(h('ul', {}, unplaced.map((text) => h('li', { text }))));
  summary.hidden = false;
  (first || summary).focus?.();
}
