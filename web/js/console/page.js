// What every console page shares: the console's own navigation, the check that a manager is
// signed in, and a place to say in words what went wrong.
import { account, isManager } from '../api.js';
import { signInUrl } from '../header.js';
import { h, problem } from '../dom.js';

const sections = [
  ['/manage/', 'Events'],
  ['/manage/venues.html', 'Venues'],
  ['/manage/order.html', 'Orders'],
];

function consoleNav(current) {
  const links = sections.map(([href, text]) =>
    h('a', { href, text, 'aria-current': href === current ? 'page' : null }));
  return h('nav', { class: 'console-nav', 'aria-label': 'Console' }, links);
}

// Puts the console nav above the page's content and answers whether the page may go on.
// Signed out, or signed in as a buyer, the page says so and links to signing in instead.
export function openConsolePage(current) {
  const main = document.querySelector('main');
  main.prepend(consoleNav(current));
  const who = account();
  if (isManager(who)) return true;
  const content = document.getElementById('console-content');
  content.replaceChildren(h('div', { class: 'notice', role: 'alert', id: 'access-notice' },
    h('h1', { text: 'Managers only' }),
    h('p', {
      text: who
        ? `You are signed in as ${who.name}, who is not a manager. The console is for event managers.`
        : 'You are signed out. The console is for event managers.',
    }),
    h('p', {}, h('a', { href: signInUrl(), class: 'button', text: 'Sign in as a manager' }))));
  return false;
}

// Fills `target` with a load failure, so a page never stays blank.
export function showLoadFailure(target, error, what) {
  target.replaceChildren(problem(error, `Could not load ${what}:`));
}
