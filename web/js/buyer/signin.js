// Sign in or create an account, then go back where the person came from.
import { register, signIn } from '../api.js';
import { clearErrors, showErrors } from '../forms.js';
import { forPeople, query } from '../dom.js';

// Only a path on this site: a `next` pointing elsewhere would make the page an open redirect.
function nextPath() {
  const next = query('next');
  if (!next) return '/';
  try {
    const url = new URL(next, location.origin);
    if (url.origin === location.origin) return url.pathname + url.search + url.hash;
  } catch {
    // An unreadable `next` goes home.
  }
  return '/';
}

function handle(form, action) {
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    clearErrors(form);
    button.disabled = true;
    try {
      await action(new FormData(form));
      location.assign(nextPath());
    } catch (error) {
      showErrors(form, forPeople(error));
      button.disabled = false;
    }
  });
}

handle(document.getElementById('signin-form'), (data) => signIn(data.get('email'), data.get('password')));
handle(document.getElementById('register-form'), (data) =>
  register(data.get('name'), data.get('email'), data.get('password')),
);
