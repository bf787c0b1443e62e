// The API names a bad field by its full path (`performers[2]`, `sections[0].rows[7].to`), but a
// console form sometimes edits several of those in one input (performers one per line, rows as
// "A-M"). This finds the input each message belongs to, so showErrors can put it there.
import { showErrors } from '../forms.js';
import { forPeople } from '../dom.js';

function hasInput(form, name) {
  return Boolean(form.querySelector(`[name="${CSS.escape(name)}"]`));
}

// "[2].amount" → "item 3 amount": the part of a path the input does not show by itself.
function words(rest) {
  return rest.replace(/\[(\d+)\]/g, (_, n) => ` item ${Number(n) + 1} `).replace(/\./g, ' ').replace(/\s+/g, ' ').trim();
}

// `alias(path)` may name the input for a path; otherwise the path is shortened from the end
// (`fees[1].amount` → `fees[1]` → `fees`) until an input has that name, and the message says
// which part it was about.
export function placeFields(form, fields, alias = () => null) {
  const placed = {};
  for (const [path, message] of Object.entries(fields || {})) {
    let target = hasInput(form, path) ? path : alias(path);
    let rest = '';
    if (!target) {
      let shorter = path;
      while (!target && /[.[]/.test(shorter)) {
        shorter = shorter.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
        if (hasInput(form, shorter)) target = shorter;
      }
      rest = target ? words(path.slice(target.length)) : '';
    }
    const key = target || path;
    const text = rest ? `${rest}: ${message}` : message;
    placed[key] = placed[key] ? `${placed[key]} ${text}` : text;
  }
  return placed;
}

// showErrors, after placing each field message on the input that edits it, in people's words.
export function showPlacedErrors(form, error, alias, options) {
  showErrors(form, { message: forPeople(error).message, fields: placeFields(form, error.fields, alias) }, options);
}
