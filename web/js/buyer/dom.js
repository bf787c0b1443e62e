// Building page elements from data without innerHTML, so names and descriptions typed by
// managers or buyers can never become markup.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

// A failure told in words: the API's message, or what went wrong on the way to it.
export function problem(error, lead = '') {
  const text = error?.message || 'Something went wrong.';
  return el('div', { className: 'form-errors', role: 'alert' }, el('p', { text: lead ? `${lead} ${text}` : text }));
}

// The query parameter a page needs, or null.
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

// The API's summary for bad fields speaks to programmers ("see error.fields"); the fields'
// own messages sit next to their inputs, so the summary only has to point there.
export function forPeople(error) {
  if (error?.code === 'validation_failed') error.message = 'Please correct the fields marked below.';
  return error;
}
