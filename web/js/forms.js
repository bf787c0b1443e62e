// Shows an ApiError's `fields` next to the inputs they name, and clears them again.
// An input is matched by its `name` (the API's field path, e.g. "ticket_types[0].price");
// a message for a field without an input goes to the form's summary.
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
    summary = document.createElement('div');
    summary.className = 'form-errors';
    summary.setAttribute('role', 'alert');
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
    const note = document.createElement('span');
    note.className = 'field-error';
    note.id = `${input.id || field.replace(/\W/g, '-')}-error`;
    note.textContent = message;
    input.setAttribute('aria-describedby', note.id);
    input.insertAdjacentElement('afterend', note);
    first ??= input;
  }
  const heading = document.createElement('p');
  heading.textContent = error.message;
  summary.append(heading);
  if (unplaced.length) {
    const list = document.createElement('ul');
    for (const text of unplaced) {
      const li = document.createElement('li');
      li.textContent = text;
      list.append(li);
    }
    summary.append(list);
  }
  summary.hidden = false;
  (first || summary).focus?.();
}
