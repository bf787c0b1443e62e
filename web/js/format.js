// Money in minor units and RFC 3339 instants, written for people.
const digitsCache = new Map();

function minorDigits(currency) {
  if (!digitsCache.has(currency)) {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    digitsCache.set(currency, options.maximumFractionDigits);
  }
  return digitsCache.get(currency);
}

export function money(minor, currency) {
  const amount = minor / 10 ** minorDigits(currency);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

// Amount typed by a person ("59.90") to minor units, or null when it is not a number.
export function toMinor(text, currency) {
  const value = Number(String(text).trim().replace(',', '.'));
  if (!Number.isFinite(value) || String(text).trim() === '') return null;
  return Math.round(value * 10 ** minorDigits(currency));
}

export function fromMinor(minor, currency) {
  return (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));
}

// The date and time in the venue's zone, e.g. "Sat 1 Jun 2027, 21:30 CEST".
export function dateInZone(iso, timeZone) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

// A server message with the UTC instants it names ("Sales open at 2026-12-07T03:02:00Z.") put
// in the venue's zone, for people.
export function zoneTimes(text, timeZone) {
  return String(text).replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g,
    (iso) => (Number.isNaN(Date.parse(iso)) ? iso : dateInZone(iso, timeZone)));
}

// "12:05" for a number of seconds left.
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function duration(seconds) {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 6) / 10;
  return `about ${hours} hours`;
}
