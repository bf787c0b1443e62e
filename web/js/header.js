// The header every page shows: the site's links and who is signed in.
// Pages include <header class="site-header" id="site-header"></header> and import this module.
import { account, isManager, mayCheckIn, signOut } from './api.js';
import { h } from './dom.js';

function link(href, text, className) {
  return h('a', { href, class: className, 'aria-current': location.pathname === href && 'page', text });
}

export function signInUrl(next = location.pathname + location.search) {
  return `/signin.html?next=${encodeURIComponent(next)}`;
}

export function renderHeader() {
  const header = document.getElementById('site-header');
  if (!header) return;
  const who = account();
  const signOutButton = () =>
    h('button', {
      type: 'button',
      class: 'secondary',
      text: 'Sign out',
      onclick: async () => {
        await signOut();
        location.href = '/';
      },
    });
  const nav = h(
    'nav',
    { 'aria-label': 'Site' },
    link('/', 'Events'),
    who
      ? [
          link('/orders.html', 'My orders'),
          isManager(who) && link('/manage/', 'Manage'),
          !isManager(who) && mayCheckIn(who) && link('/manage/door.html', 'Door'),
          h('span', { class: 'muted', text: who.name }),
          signOutButton(),
        ]
      : link(signInUrl(), 'Sign in'),
  );
  header.replaceChildren(link('/', 'boxoffice', 'brand'), nav);
}

renderHeader();
