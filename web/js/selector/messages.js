// The page's one aria-live message area: hold results and errors, in words, with a link when
// the person has something to do elsewhere (sign in, the waiting room).
import { signInUrl } from '../header.js';
import { h } from '../dom.js';
import { splitSeat } from '../prices.js';
import { zoneTimes } from '../format.js';

export function say(text, { kind = 'info', link } = {}) {
  const box = document.getElementById('selector-message');
  box.className = `selector-message ${kind}`;
  box.replaceChildren(text);
  if (link) box.append(' ', h('a', { href: link.href, text: link.text }));
}

// Why the server refused, and what the buyer can do about it.
export function sayError(error, eventId, timeZone) {
  switch (error.code) {
    case 'seats_unavailable':
      return say(takenText(error), { kind: 'error' });
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
      return say(error.message ? zoneTimes(error.message, timeZone) : 'Something went wrong. Please try again.', { kind: 'error' });
  }
}

// The server's "Some of these seats were just taken" is said of one seat too; its fields name
// the seats (by id), so the page says which, in the number they are. Without seats (a standing
// area that filled up), its own message is already exact.
function takenText(error) {
  const seats = Object.keys(error.fields || {}).map((id) => splitSeat(id)).filter((p) => p.row);
  if (seats.length === 0) return `${error.message} Someone was quicker: please pick other places.`;
  const names = seats.map((p, i) => `${i === 0 ? 'Row' : 'row'} ${p.row}, seat ${p.seat}`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join('; ')} and ${names.at(-1)}`;
  return seats.length === 1
    ? `${list} was just taken by someone else, so nothing was held. Please pick another seat.`
    : `${list} were just taken by someone else, so nothing was held. Please pick other seats.`;
}

export function askToSignIn() {
  say('Sign in to hold places: they are kept for you while you check out.', {
    kind: 'error',
    link: { href: signInUrl(), text: 'Sign in' },
  });
}
