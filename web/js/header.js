// The header every page shows: the site's links and who is signed in.
// Pages include <header class="site-header" id="site-header"></header> and import this module.
import { account, isManager, signOut } from './api.js';

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  if (location.pathname === href) a.setAttribute('aria-current', 'page');
  return a;
}

export function signInUrl(next = location.pathname + location.search) {
  return `/signin.html?next=${encodeURIComponent(next)}`;
}

export function renderHeader() {
  const header = document.getElementById('site-header');
  if (!header) return;
  const brand = link('/', 'boxoffice');
  brand.className = 'brand';
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Site');
  nav.append(link('/', 'Events'));
  const who = account();
  if (who) {
    nav.append(link('/orders.html', 'My orders'));
    if (isManager(who)) nav.append(link('/manage/', 'Manage'));
    const name = document.createElement('span');
    name.className = 'muted';
    name.textContent = who.name;
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'secondary';
    out.textContent = 'Sign out';
    out.addEventListener('click', async () => {
      await signOut();
      location.href = '/';
    });
    nav.append(name, out);
  } else {
    nav.append(link(signInUrl(), 'Sign in'));
  }
  header.replaceChildren(brand, nav);
}

renderHeader();
