// The buyer's waiting-room token per event, kept for the tab's life: the waiting room page
// saves it, the seat selector sends it with every hold as X-Queue-Token.
const key = (eventId) => `boxoffice.queue.${eventId}`;

export function queueToken(eventId) {
  return sessionStorage.getItem(key(eventId)) || localStorage.getItem(key(eventId));
}

// Kept in localStorage too, so the link in the admission e-mail (a new tab) finds it.
export function saveQueueToken(eventId, token) {
  sessionStorage.setItem(key(eventId), token);
  localStorage.setItem(key(eventId), token);
}

export function forgetQueueToken(eventId) {
  sessionStorage.removeItem(key(eventId));
  localStorage.removeItem(key(eventId));
}
