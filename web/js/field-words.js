// The API's field messages in the form's own words: a field path it names ("must be before
// sales_close_at") becomes the label of the input that edits it, and an instant
// ("2026-12-07T03:02:00Z") the date and time in the zone the form is typed in (the venue's).
import { dateInZone } from './format.js';

const instant = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g;
const optionalMark = /\s*\(optional\)\s*$/i;

function labelElement(form, input) {
  return input.id ? form.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
}

// "Sales close" for the input labelled "Sales close (optional)"; null when it has no label.
export function labelOf(form, input) {
  const label = labelElement(form, input);
  return label ? label.textContent.replace(optionalMark, '').trim() : null;
}

// An optional input left empty: a message about it is about the value the server filled in.
export function emptyOptional(form, input) {
  return input.value === '' && optionalMark.test(labelElement(form, input)?.textContent || '');
}

// "layout_id" → "Layout", "queue.max_active" → "Queue max active": a field no input edits.
export function fieldName(path) {
  const words = path.replace(/_id\b/g, '').replace(/\[(\d+)\]/g, (_, n) => ` ${Number(n) + 1}`).replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function inWords(form, text, timeZone) {
  let out = text.replace(instant, (iso) => dateInZone(iso, timeZone));
  // Only names no English word has (with "_" or "."), longest first: "sales_close_at" before "close_at".
  const named = [...form.querySelectorAll('[name]')]
    .filter((input) => /[_.]/.test(input.name))
    .map((input) => [input.name, labelOf(form, input)])
    .filter(([, label]) => label)
    .sort((a, b) => b[0].length - a[0].length);
  for (const [name, label] of named) out = out.replace(new RegExp(`\\b${name.replace(/[.[\]]/g, '\\$&')}\\b`, 'g'), `"${label}"`);
  return out;
}
