// Rows of a seated section typed the way managers talk about them: rows "A-M" with seats "1-30".
// A group of rows expands to the API's rows (`RowRange` when the seats are one numbered run,
// else `RowWithSeats`), and stored rows fold back into as few groups as they allow.
export class ShorthandError extends Error {}

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function run(text, what) {
  const [first, last, extra] = text.split('-').map((s) => s.trim());
  if (extra !== undefined || !first || !last) throw new ShorthandError(`"${text}" is not a ${what} range like A-M or 1-30.`);
  if (/^\d+$/.test(first) && /^\d+$/.test(last)) {
    const [from, to] = [Number(first), Number(last)];
    if (to < from) throw new ShorthandError(`"${text}" runs backwards.`);
    if (to - from >= 1000) throw new ShorthandError(`"${text}" has more than 1000 ${what}s.`);
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  }
  const [a, b] = [letters.indexOf(first.toUpperCase()), letters.indexOf(last.toUpperCase())];
  if (first.length === 1 && last.length === 1 && a >= 0 && b >= 0) {
    if (b < a) throw new ShorthandError(`"${text}" runs backwards.`);
    return letters.slice(a, b + 1).split('');
  }
  throw new ShorthandError(`"${text}" is not a ${what} range: use letters (A-M) or numbers (1-30).`);
}

// "A-C, F" → ["A", "B", "C", "F"]. Each comma-separated part is one label or a range.
export function expandLabels(text, what = 'row') {
  const parts = String(text).split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) throw new ShorthandError(`Give the ${what}s, e.g. ${what === 'row' ? 'A-M' : '1-30'}.`);
  const labels = parts.flatMap((part) => (/^[^-]+-[^-]+$/.test(part) && !part.includes('/') ? run(part, what) : [part]));
  const seen = new Set();
  for (const label of labels) {
    if (label.includes('/')) throw new ShorthandError(`"${label}" may not contain "/".`);
    if (label.length > 16) throw new ShorthandError(`"${label}" is longer than 16 characters.`);
    if (seen.has(label)) throw new ShorthandError(`"${label}" appears twice.`);
    seen.add(label);
  }
  return labels;
}

// One group {rows: "A-M", seats: "1-30"} → the API's rows.
export function expandGroup({ rows, seats }) {
  const labels = expandLabels(rows, 'row');
  const seatLabels = expandLabels(seats, 'seat');
  const numbered = /^\s*\d+\s*-\s*\d+\s*$/.test(seats);
  return labels.map((label) => (numbered
    ? { label, from: Number(seatLabels[0]), to: Number(seatLabels.at(-1)) }
    : { label, seats: seatLabels }));
}

export function seatCount(row) {
  return row.seats ? row.seats.length : row.to - row.from + 1;
}

function seatText(seats) {
  const numbers = seats.map(Number);
  const consecutive = seats.every((s, i) => /^\d+$/.test(s) && numbers[i] === numbers[0] + i);
  return consecutive && seats.length > 1 ? `${seats[0]}-${seats.at(-1)}` : seats.join(', ');
}

function nextLabel(label) {
  if (/^\d+$/.test(label)) return String(Number(label) + 1);
  const i = letters.indexOf(label);
  return label.length === 1 && i >= 0 && i < 25 ? letters[i + 1] : null;
}

// Stored rows (every seat listed) → groups of neighbouring rows with the same seats.
export function foldRows(rows) {
  const groups = [];
  for (const row of rows) {
    const seats = seatText(row.seats);
    const last = groups.at(-1);
    if (last && last.seats === seats && nextLabel(last.lastLabel) === row.label) {
      last.lastLabel = row.label;
    } else {
      groups.push({ firstLabel: row.label, lastLabel: row.label, seats });
    }
  }
  return groups.map(({ firstLabel, lastLabel, seats }) => ({
    rows: firstLabel === lastLabel ? firstLabel : `${firstLabel}-${lastLabel}`,
    seats,
  }));
}
