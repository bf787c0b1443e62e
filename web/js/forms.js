// Shows an ApiError's `fields` next to the inputs they name, and clears them again.
// An input is matched by its `name` (the API's field path, e.g. "ticket_types[0].price");
// a message for a field without an input goes to the form's summary.
import { h } from './dom.js';
import { emptyOptional, fieldName, inWords, labelOf } from './field-words.js';

export function clearErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  const summary = form.querySelector('.form-errors');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

// `timeZone`: the zone the form's times are typed in, for instants the messages name.
export function showErrors(form, error, { timeZone } = {}) {
  clearErrors(form);
  let summary = form.querySelector('.form-errors');
  if (!summary) {
    summary = h('div', { class: 'form-errors', role: 'alert', tabindex: '-1' });
    form.prepend(summary);
  }
  const unplaced = [];
  for (const [field, message] of Object.entries(error.fields || {})) {
    const text = inWords(form, message, timeZone);
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (!input) {
      unplaced.push(`${fieldName(field)}: ${text}`);
      continue;
    }
    // Left empty, an optional field is not what is wrong: the message goes to the summary.
    if (emptyOptional(form, input)) {
      unplaced.push(`${labelOf(form, input)} (left empty): ${text}`);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    const note = h('span', { class: 'field-error', id: `${input.id || field.replace(/\W/g, '-')}-error`, text });
    input.setAttribute('aria-describedby', note.id);
    input.insertAdjacentElement('afterend', note);
  }
  summary.append(h('p', { text: inWords(form, error.message || '', timeZone) }));
  if (unplaced.length) summary.append(h('ul', {}, unplaced.map((text) => h('li', { text }))));
  summary.hidden = false;
  // The first field to correct is the first on the page, whatever order the API named them in.
  (form.querySelector('[aria-invalid="true"]') || summary).focus();
}
