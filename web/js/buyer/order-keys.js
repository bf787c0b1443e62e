// One Idempotency-Key per hold, kept for the tab's life: a retry after a network error (or a
// decline) sends the same key, so the server answers the order it already placed instead of
// charging again.
const key = (holdId) => `boxoffice.order-key.${holdId}`;

export function orderKey(holdId) {
  let value = sessionStorage.getItem(key(holdId));
  if (!value) {
    // getRandomValues, unlike randomUUID, also works on a plain-HTTP site.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    value = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(key(holdId), value);
  }
  return value;
}
