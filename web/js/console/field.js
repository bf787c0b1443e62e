import { h } from '../dom.js';

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
