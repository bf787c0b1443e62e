// Sales over time as an SVG bar chart with axes, drawn from the buckets of
// GET /events/{id}/sales: gaps are filled with zero so time runs evenly along the x axis.
import { money } from '../format.js';

const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

// Every bucket from the first sale to the one holding `now` (at most `limit`, the newest kept).
export function evenBuckets(buckets, bucketSeconds, now = Date.now(), limit = 120) {
  const step = bucketSeconds * 1000;
  const byStart = new Map(buckets.map((b) => [Date.parse(b.start), b]));
  const last = Math.floor(now / step) * step;
  const firstSale = buckets.length ? Date.parse(buckets[0].start) : last;
  const first = Math.max(Math.min(firstSale, last - step * 11), last - step * (limit - 1));
  const out = [];
  for (let t = first; t <= Math.max(last, Date.parse(buckets.at(-1)?.start ?? 0)); t += step) {
    out.push(byStart.get(t) || { start: new Date(t).toISOString(), orders: 0, tickets: 0, revenue: 0 });
  }
  return out;
}

// 0, then steps of 1, 2 or 5 × 10^n, so the axis reads in round numbers.
function niceStep(max, ticks = 4) {
  const raw = Math.max(max, 1) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

function timeLabel(iso, bucketSeconds, timeZone) {
  const options = bucketSeconds >= 86400
    ? { day: 'numeric', month: 'short' }
    : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(undefined, { timeZone, ...options }).format(new Date(iso));
}

// Draws into `target` (<svg>): `measure` is 'tickets' or 'revenue'; bars per bucket on the left
// axis, and the running total (ending at `total`, earlier sales included) as a line on the right.
export function drawSalesChart(target, { buckets, bucketSeconds, measure, currency, timeZone, total, width = 720 }) {
  const height = 260;
  const wide = measure === 'revenue' ? 78 : 44;
  const pad = { left: wide, right: wide, top: 14, bottom: 38 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  target.setAttribute('viewBox', `0 0 ${width} ${height}`);
  target.replaceChildren();
  const value = (b) => b[measure];
  const label = (n) => (measure === 'revenue' ? money(n, currency) : n.toLocaleString());
  const max = Math.max(...buckets.map(value), 0);
  const step = niceStep(measure === 'revenue' ? max : Math.max(max, 4));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const y = (n) => pad.top + plotH - (n / top) * plotH;

  const grid = svg('g', { class: 'chart-grid' });
  for (let n = 0; n <= top + step / 2; n += step) {
    grid.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(n), y2: y(n) }));
    grid.append(svg('text', { x: pad.left - 6, y: y(n), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, label(n)));
  }
  target.append(grid);

  const slot = plotW / Math.max(buckets.length, 1);
  const bars = svg('g', { class: 'chart-bars' });
  const labelEvery = Math.ceil(buckets.length / Math.max(2, Math.floor(plotW / 64)));
  buckets.forEach((b, i) => {
    const x = pad.left + i * slot;
    const h = y(0) - y(value(b));
    const bar = svg('rect', { x: x + slot * 0.12, y: y(value(b)), width: Math.max(1, slot * 0.76), height: Math.max(0, h), rx: Math.min(3, slot * 0.2) });
    bar.append(svg('title', {}, `${timeLabel(b.start, bucketSeconds, timeZone)}: ${b.tickets} tickets, ${b.orders} orders, ${money(b.revenue, currency)}`));
    bars.append(bar);
    if (i % labelEvery === 0) {
      bars.append(svg('text', { x: x + slot / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'chart-x' }, timeLabel(b.start, bucketSeconds, timeZone)));
    }
  });
  target.append(bars);

  // The running total has its own scale: it is always at least as high as any bar.
  let running = total - buckets.reduce((sum, b) => sum + value(b), 0);
  const points = buckets.map((b, i) => {
    running += value(b);
    return [pad.left + (i + 1) * slot, running];
  });
  const lineStep = niceStep(Math.max(total, measure === 'revenue' ? 1 : 4));
  const lineTop = Math.max(lineStep, Math.ceil(total / lineStep) * lineStep);
  const ly = (n) => pad.top + plotH - (n / lineTop) * plotH;
  const line = svg('g', { class: 'chart-line' });
  for (let n = 0; n <= lineTop + lineStep / 2; n += lineStep) {
    line.append(svg('text', { x: width - pad.right + 6, y: ly(n), 'dominant-baseline': 'middle' }, label(n)));
  }
  const start = [pad.left, ly(points.length ? total - buckets.reduce((sum, b) => sum + value(b), 0) : 0)];
  line.append(svg('polyline', { points: [start, ...points.map(([x, n]) => [x, ly(n)])].map((p) => p.join(',')).join(' ') }));
  target.append(line);
  target.append(svg('line', { class: 'chart-axis', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0) }));
  target.append(svg('text', { class: 'chart-axis-title', x: pad.left, y: height - 4 }, `Time (${timeZone})`));
}

export function bucketWords(seconds) {
  if (seconds % 86400 === 0) return seconds === 86400 ? 'day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'minute' : `${minutes} minutes`;
}
