// Builds elements in one expression, so the console's modules read as the markup they make.
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

// A labelled input: the label's `for` points at the input, whose `name` is the API's field path.
let fieldCount = 0;
export function field(labelText, input, hint) {
  if (!input.id) input.id = `f${++fieldCount}`;
  const parts = [h('label', { for: input.id, text: labelText }), input];
  if (hint) {
    const note = h('span', { class: 'hint muted', id: `${input.id}-hint`, text: hint });
    input.setAttribute('aria-describedby', note.id);
    parts.push(note);
  }
  return h('div', { class: 'field' }, parts);
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}
