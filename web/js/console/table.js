// The console's tables: a box that scrolls sideways on a phone (`tall`: and down, for long
// ones), a header row, and the body rows as given. `attrs` go on the <table>.
import { h } from '../dom.js';

// `columns`: each a heading, or [heading, class] ('num' right-aligns a column of numbers).
// A tall box scrolls on any screen, so it is a Tab stop of its own, named by the caption:
// keyboard users scroll it with the arrow keys.
export function table({ columns, rows, caption, tall = false, ...attrs }) {
  const box = tall ? { class: 'table-scroll tall', tabindex: '0', role: 'region', 'aria-label': caption || 'Table' } : { class: 'table-scroll' };
  return h('div', box,
    h('table', attrs,
      caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
      h('thead', {}, h('tr', {}, columns.map((column) => {
        const [text, className] = [].concat(column);
        return h('th', { scope: 'col', class: className, text });
      }))),
      h('tbody', {}, rows)));
}
