// What every console page shares: the console's own navigation, the check that a manager is
// signed in, and a place to say in words what went wrong.
import { account, api, isManager, mayCheckIn } from '../api.js';
import { signInUrl } from '../header.js';
import { h, problem } from '../dom.js';

const sections = [
  ['/manage/', 'Events'],
  ['/manage/venues.html', 'Venues'],
  ['/manage/order.html', 'Orders'],
  ['/manage/door.html', 'Door'],
  ['/manage/accounts.html', 'Accounts'],
];

// A door account sees only the door page: the rest of the console is for managers, and the
// accounts for administrators.
function consoleNav(current, who) {
  const shown = who?.role === 'door'
    ? sections.filter(([href]) => href === '/manage/door.html')
    : sections.filter(([href]) => href !== '/manage/accounts.html' || who?.role === 'admin');
  const links = shown.map(([href, text]) =>
    h('a', { href, text, 'aria-current': href === current ? 'page' : null }));
  return h('nav', { class: 'console-nav', 'aria-label': 'Console' }, links);
}

// Puts the console nav above the page's content and answers whether the page may go on.
// Signed out, or signed in as a buyer, the page says so and links to signing in instead.
// `door`: the page is also for door accounts (the door page); `admin`: for administrators only.
export function openConsolePage(current, { door = false, admin = false } = {}) {
  const main = document.querySelector('main');
  const who = account();
  main.prepend(consoleNav(current, who));
  if (admin ? who?.role === 'admin' : isManager(who) || (door && mayCheckIn(who))) return true;
  const content = document.getElementById('console-content');
  const whom = admin ? 'an administrator' : 'a manager';
  content.replaceChildren(h('div', { class: 'notice', role: 'alert', id: 'access-notice' },
    h('h1', { text: admin ? 'Administrators only' : 'Managers only' }),
    h('p', {
      text: who
        ? `You are signed in as ${who.name}, who is not ${whom}. ${admin ? 'Accounts are for administrators.' : 'The console is for event managers.'}`
        : `You are signed out. ${admin ? 'Accounts are for administrators.' : 'The console is for event managers.'}`,
    }),
    h('p', {}, h('a', { href: signInUrl(), class: 'button', text: `Sign in as ${whom}` }))));
  return false;
}

// Fills `target` with a load failure, so a page never stays blank.
export function showLoadFailure(target, error, what) {
  target.replaceChildren(problem(error, `Could not load ${what}:`));
}

// Every event the signed-in account may read, soonest first, page by page.
export async function allEvents() {
  const events = [];
  for (;;) {
    const page = await api(`/events?limit=100&offset=${events.length}`);
    events.push(...page.events);
    if (!page.events.length || events.length >= page.total) return events;
  }
}
