// /manage/dashboard.html?id=EVT: the live sales dashboard. Section counts follow the updates
// stream; revenue and the chart come from the sales figures, refreshed every 10 s and soon after
// the number sold changes.
import { api } from '../api.js';
import { dateInZone, money } from '../format.js';
import { h, problem, query } from '../dom.js';
import { openConsolePage, showLoadFailure } from './page.js';
import { statusBadge, saleText } from './event-labels.js';
import { venuesById, fullLayout } from './venues-cache.js';
import { watchUpdates } from './live-updates.js';
import { drawMap } from './layout-map.js';
import { drawSalesChart, evenBuckets, bucketWords } from './sales-chart.js';

const eventId = query('id');
const sections = new Map();
let event = null;
let venue = null;
let layoutSections = [];
let sales = null;
let lastSold = null;
let salesTimer = 0;
let busiest = 0;
let repaintMap = () => {};
const rows = new Map();

const byId = (id) => document.getElementById(id);
// One decimal below 10 %, so the first sales of a big venue do not read as 0 %.
function pct(part, whole) {
  const share = whole ? (part / whole) * 100 : 0;
  return `${share > 0 && share < 10 ? share.toFixed(1) : Math.round(share)}%`;
}

function totals() {
  const t = { capacity: 0, sold: 0, held: 0, available: 0 };
  for (const s of sections.values()) for (const k of Object.keys(t)) t[k] += s[k];
  return t;
}

function bar(s) {
  const off = Math.max(0, s.capacity - s.sold - s.held - s.available);
  const part = (cls, n) => h('span', { class: `bar-part ${cls}`, style: `width:${s.capacity ? (n / s.capacity) * 100 : 0}%` });
  return h('div', { class: 'stacked-bar', role: 'img', 'aria-label': `${pct(s.sold, s.capacity)} sold, ${pct(s.held, s.capacity)} held` },
    part('sold', s.sold), part('held', s.held), part('free', s.available), part('off', off));
}

function sectionRow(s) {
  return h('tr', { dataset: { section: s.key } },
    h('th', { scope: 'row', text: s.name }),
    h('td', { class: 'num cell-sold', text: s.sold.toLocaleString() }),
    h('td', { class: 'num cell-held', text: s.held.toLocaleString() }),
    h('td', { class: 'num cell-available', text: s.available.toLocaleString() }),
    h('td', { class: 'bar-col' }, bar(s), h('span', { class: 'muted small', text: `${pct(s.sold + s.held, s.capacity)} of ${s.capacity.toLocaleString()}` })));
}

const taken = (s) => (s && s.capacity ? (s.sold + s.held) / s.capacity : 0);

// Darker blue the more of a section is taken, against the busiest section, so the first sales
// of a big venue already show where demand is.
function heat(s, busiest) {
  const share = busiest ? taken(s) / busiest : 0;
  return `hsl(218 ${40 + share * 50}% ${93 - share * 55}%)`;
}

// The rows of the sections named by `keys` (every section at first), drawn again.
function showRows(keys) {
  const body = byId('section-table').tBodies[0];
  for (const key of keys) {
    const row = sectionRow(sections.get(key));
    if (rows.has(key)) rows.get(key).replaceWith(row);
    else body.append(row);
    rows.set(key, row);
  }
}

function mapStyle(s) {
  const c = sections.get(s.key);
  const dark = busiest && taken(c) / busiest > 0.55;
  return { fill: heat(c, busiest), ink: dark ? '#fff' : null, label: c ? `${c.name}: ${c.sold} sold, ${c.held} held, ${c.available} available` : s.name };
}

// The totals, and the map coloured again; the rows are shown by showRows.
function showCounts() {
  const t = totals();
  byId('total-sold').textContent = t.sold.toLocaleString();
  byId('sold-share').textContent = `${pct(t.sold, t.capacity)} of ${t.capacity.toLocaleString()}`;
  byId('total-held').textContent = t.held.toLocaleString();
  byId('total-available').textContent = t.available.toLocaleString();
  byId('total-places').textContent = `of ${t.capacity.toLocaleString()} places`;
  busiest = Math.max(...[...sections.values()].map(taken), 0);
  repaintMap();
  if (lastSold !== null && t.sold !== lastSold) {
    clearTimeout(salesTimer);
    salesTimer = setTimeout(loadSales, 300);
  }
  lastSold = t.sold;
}

function merge(counts) {
  for (const c of counts) {
    const known = sections.get(c.key);
    sections.set(c.key, { name: known?.name || c.key, ...c });
  }
}

function drawChart() {
  const svg = byId('sales-chart');
  const caption = byId('chart-caption');
  if (!sales) return;
  const bucketSeconds = sales.bucket_seconds;
  const buckets = evenBuckets(sales.buckets, bucketSeconds);
  drawSalesChart(svg, {
    buckets, bucketSeconds, measure: byId('measure').value, currency: sales.currency, total: sales[byId('measure').value],
    timeZone: venue.timezone, width: Math.max(320, Math.round(svg.getBoundingClientRect().width) || 720),
  });
  caption.textContent = sales.orders
    ? `${sales.tickets.toLocaleString()} tickets in ${sales.orders.toLocaleString()} orders, ${money(sales.revenue, sales.currency)} in all. Bars: sold in each ${bucketWords(bucketSeconds)}; green line: running total (right axis).`
    : 'No tickets sold yet.';
}

async function loadSales() {
  clearTimeout(salesTimer);
  try {
    sales = await api(`/events/${encodeURIComponent(eventId)}/sales?bucket_seconds=${byId('bucket').value}`);
    byId('total-revenue').textContent = money(sales.revenue, sales.currency);
    byId('total-orders').textContent = `${sales.orders.toLocaleString()} order${sales.orders === 1 ? '' : 's'}, ${sales.tickets.toLocaleString()} tickets`;
    drawChart();
  } catch (error) {
    byId('chart-caption').replaceChildren(problem(error, 'Could not load the sales figures:'));
  }
  salesTimer = setTimeout(loadSales, 10000);
}

function showLive(state, detail) {
  const el = byId('live-state');
  el.className = `live-state ${state}`;
  el.textContent = state === 'live' ? 'Live' : detail;
  if (state === 'failed') byId('dash-status').replaceChildren(problem({ message: detail }, 'Live counts stopped:'));
}

async function load() {
  try {
    event = await api(`/events/${encodeURIComponent(eventId)}`);
    venue = (await venuesById()).get(event.venue_id);
    const [layout, capacity] = await Promise.all([
      fullLayout(event.venue_id, event.layout_id),
      api(`/events/${encodeURIComponent(eventId)}/capacity`),
    ]);
    layoutSections = layout.versions.find((v) => v.version === event.layout_version)?.sections || [];
    for (const s of capacity.sections) {
      sections.set(s.key, { key: s.key, name: s.name, kind: s.kind, capacity: s.places, available: s.available, held: s.held, sold: s.sold });
    }
    const when = (iso) => dateInZone(iso, venue.timezone);
    document.title = `${event.name}: sales · boxoffice console`;
    byId('dash-title').textContent = event.name;
    byId('dash-subtitle').replaceChildren(`${venue.name} · ${when(event.starts_at)} · `, statusBadge(event.status), ` ${saleText(event, when)}`);
    byId('edit-link').href = `/manage/event.html?id=${encodeURIComponent(eventId)}`;
    byId('dashboard').hidden = false;
    showRows(sections.keys());
    showCounts();
    repaintMap = drawMap(byId('dash-map'), layoutSections, mapStyle);
    watchUpdates(eventId, {
      onMessage: (type, data) => {
        if (type !== 'snapshot' && type !== 'update') return;
        merge(data.sections);
        showRows(data.sections.map((c) => c.key));
        showCounts();
      },
      onState: showLive,
    });
    byId('bucket').addEventListener('change', loadSales);
    byId('measure').addEventListener('change', drawChart);
    new ResizeObserver(() => drawChart()).observe(byId('sales-chart').parentElement);
    loadSales();
  } catch (error) {
    showLoadFailure(byId('dash-status'), error, 'the event');
    byId('live-state').hidden = true;
  }
}

if (openConsolePage('/manage/')) load();
