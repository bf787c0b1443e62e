// The page's one aria-live message area: hold results and errors, in words, with a link when
// the person has something to do elsewhere (sign in, the waiting room).
import { signInUrl } from '../header.js';
import { h } from '../dom.js';

export function say(text, { kind = 'info', link } = {}) {
  const box = document.getElementById('selector-message');
  box.className = `selector-message ${kind}`;
  box.replaceChildren(text);
  if (link) box.append(' ', h('a', { href: link.href, text: link.text }));
}

// Why the server refused, and what the buyer can do about it.
export function sayError(error, eventId) {
  switch (error.code) {
    case 'seats_unavailable':
      return say(`${error.message} Someone was quicker: please pick other places.`, { kind: 'error' });
    case 'queue_required':
      // The server's message speaks to programs (headers); the buyer needs the way in.
      return say('The waiting room is open for this event: join the line, and you can pick places when it is your turn.', {
        kind: 'error',
        link: { href: `/queue.html?event=${encodeURIComponent(eventId)}`, text: 'Go to the waiting room' },
      });
    case 'unauthorized':
      return askToSignIn();
    default:
      if (error.status === 401) return askToSignIn();
      return say(error.message || 'Something went wrong. Please try again.', { kind: 'error' });
  }
}

export function askToSignIn() {
  say('Sign in to hold places: they are kept for you while you check out.', {
    kind: 'error',
    link: { href: signInUrl(), text: 'Sign in' },
  });
}
