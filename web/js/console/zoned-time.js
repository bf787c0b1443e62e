// `datetime-local` values read as wall-clock time in a venue's zone, to and from RFC 3339 UTC.
// The browser's own zone never matters: the manager may sit in another country than the venue.
const formatters = new Map();

function partsIn(timeZone, ms) {
  if (!formatters.has(timeZone)) {
    formatters.set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }));
  }
  const parts = {};
  for (const { type, value } of formatters.get(timeZone).formatToParts(new Date(ms))) parts[type] = value;
  return parts;
}

// How far the zone's wall clock is ahead of UTC at the instant `ms`, in milliseconds.
export function zoneOffset(timeZone, ms) {
  const p = partsIn(timeZone, ms);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

// "2027-06-01T21:30" in `timeZone` → "2027-06-01T19:30:00Z"; "" or a malformed value → null.
// A wall time repeated by a clock change takes its first occurrence; one skipped by a change
// moves forward by the gap (02:30 on a spring-forward night becomes 03:30), as clocks do.
export function wallToUtc(local, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local || '');
  if (!match) return null;
  const [, y, mo, d, hh, mm, ss = '0'] = match;
  const wall = Date.UTC(+y, +mo - 1, +d, +hh, +mm, +ss);
  // Zones change offset at most once in a day or so: the offsets a day either side are the
  // only ones this wall time can have.
  const day = 86400000;
  const before = zoneOffset(timeZone, wall - day);
  const after = zoneOffset(timeZone, wall + day);
  const fits = [before, after].map((offset) => wall - offset)
    .filter((instant) => wall - zoneOffset(timeZone, instant) === instant);
  const instant = fits.length ? Math.min(...fits) : wall - before;
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

// "2027-06-01T19:30:00Z" → "2027-06-01T21:30" in `timeZone`, for a datetime-local input.
export function utcToWall(iso, timeZone) {
  if (!iso) return '';
  const p = partsIn(timeZone, Date.parse(iso));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
