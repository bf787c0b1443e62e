// Builds elements in one expression, so modules read as the markup they make, and never through
// innerHTML: names and descriptions typed by managers or buyers can never become markup.
// `attrs` keys: `class`, `text`, `on<event>` (listeners), `dataset`, booleans (set when true),
// anything else as an attribute. Children may be nodes, strings, or null/false (skipped).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

// A failure told in words: the API's message, or what went wrong on the way to it.
export function problem(error, lead = '') {
  const text = error?.message || 'Something went wrong.';
  return h('div', { class: 'form-errors', role: 'alert' }, h('p', { text: lead ? `${lead} ${text}` : text }));
}

// The query parameter a page needs, or null.
export function query(name) {
  return new URLSearchParams(location.search).get(name);
}

// The API's summary for bad fields speaks to programmers ("see error.fields"); the fields'
// own messages sit next to their inputs, so the summary only has to point there.
export function forPeople(error) {
  if (error?.code === 'validation_failed') error.message = 'Please correct the fields marked below.';
  return error;
}
