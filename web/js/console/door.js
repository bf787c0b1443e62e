// /manage/door.html: check tickets in at the door. Pick the event, then type, paste or scan a
// ticket's code (a scanner types it and presses Enter; the camera reads QR codes where the
// browser has BarcodeDetector). The answer is big and plain: green "Admitted" with the place and
// the time, or red "Not admitted" with the reason in words; the input is cleared for the next one.
import { api, ApiError } from '../api.js';
import { h, query } from '../dom.js';
import { allEvents, openConsolePage, showLoadFailure } from './page.js';
import { venuesById } from './venues-cache.js';

const select = document.getElementById('door-event');
const counts = document.getElementById('door-counts');
const form = document.getElementById('door-form');
const input = document.getElementById('door-code');
const result = document.getElementById('door-result');
const cameraButton = document.getElementById('door-camera');
const video = document.getElementById('door-video');

let events = new Map();  // id -> event
let venues = new Map();  // id -> venue

function zoneOf(eventId) {
  return venues.get(events.get(eventId)?.venue_id)?.timezone || 'UTC';
}

// "19:42" in the venue's zone.
function timeAt(iso, eventId) {
  return new Intl.DateTimeFormat(undefined, { timeZone: zoneOf(eventId), hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso));
}

function place(admission) {
  if (!admission.seat) return `Standing, ${admission.section}`;
  const [section, row, seat] = admission.seat.split('/');
  return `Section ${section}, row ${row}, seat ${seat}`;
}

const voidWords = {
  refunded: 'This ticket was refunded.',
  cancelled: 'This ticket was cancelled.',
  transferred: 'This ticket was passed on to someone else; their new ticket is the valid one.',
};

// The refusal in plain words.
function reason(error, eventId) {
  switch (error.code) {
    case 'already_checked_in':
      return `Already checked in at ${timeAt(error.fields.checked_in_at, eventId)}.`;
    case 'ticket_void':
      return voidWords[error.fields.void_reason] || 'This ticket is no longer valid.';
    case 'wrong_event':
      return 'This ticket is for another event.';
    case 'invalid_code':
    case 'validation_failed':
      return 'This is not a valid ticket code.';
    default:
      return error.message;
  }
}

function showCounts(c) {
  counts.textContent = `${c.checked_in.toLocaleString()} of ${c.valid.toLocaleString()} tickets checked in.`;
}

function answer(ok, headline, ...lines) {
  result.replaceChildren(h('div', { class: `door-answer ${ok ? 'admitted' : 'refused'}`, id: 'door-answer' },
    h('p', { class: 'door-headline' },
      h('span', { class: 'door-mark', 'aria-hidden': 'true', text: ok ? '✓' : '✗' }), ` ${headline}`),
    lines.map((text) => h('p', { class: 'door-detail', text }))));
}

let busy = false;
async function checkIn(code) {
  const eventId = select.value;
  if (!code.trim() || !eventId || busy) return;
  busy = true;
  try {
    const admitted = await api(`/events/${encodeURIComponent(eventId)}/check-ins`, { method: 'POST', body: { code } });
    answer(true, 'Admitted', place(admitted), `Checked in at ${timeAt(admitted.checked_in_at, eventId)}.`);
    showCounts(admitted.counts);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500 && error.status !== 401 && error.status !== 403) {
      answer(false, 'Not admitted', reason(error, eventId));
    } else {
      answer(false, 'Could not check in', error.message);
    }
  } finally {
    busy = false;
    input.value = '';
    input.focus();
  }
}

async function loadCounts() {
  counts.textContent = '';
  if (!select.value) return;
  try {
    showCounts(await api(`/events/${encodeURIComponent(select.value)}/check-ins`));
  } catch (error) {
    counts.textContent = `Could not load the counts: ${error.message}`;
  }
}

// Events with tickets to check, soonest first; the one in ?event=, else the next to start.
async function loadEvents() {
  const [list, byId] = await Promise.all([allEvents(), venuesById()]);
  venues = byId;
  const usable = list.filter((e) => e.status !== 'draft' && e.status !== 'cancelled');
  events = new Map(usable.map((e) => [e.id, e]));
  if (!usable.length) {
    select.replaceChildren(h('option', { value: '', text: 'No event to check in' }));
    return;
  }
  const wanted = query('event');
  const now = Date.now();
  const next = usable.find((e) => Date.parse(e.starts_at) + 6 * 3600 * 1000 > now) || usable[usable.length - 1];
  select.replaceChildren(...usable.map((e) => h('option', {
    value: e.id,
    text: `${e.name} · ${new Intl.DateTimeFormat(undefined, { timeZone: zoneOf(e.id), dateStyle: 'medium', timeStyle: 'short' }).format(new Date(e.starts_at))}`,
  })));
  select.value = events.has(wanted) ? wanted : next.id;
  select.disabled = false;
  await loadCounts();
}

// The camera, where the browser reads QR codes itself. One code is sent once, then ignored for a
// few seconds, so that a ticket held in front of the camera is not checked in again and again.
async function startCamera() {
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  cameraButton.textContent = 'Stop camera';
  let last = '';
  let lastAt = 0;
  const stop = () => {
    stream.getTracks().forEach((t) => t.stop());
    video.hidden = true;
    cameraButton.textContent = 'Scan with camera';
    cameraButton.onclick = () => startCamera().catch(cameraFailed);
  };
  cameraButton.onclick = stop;
  const look = async () => {
    if (video.hidden) return;
    try {
      const [code] = await detector.detect(video);
      if (code?.rawValue && (code.rawValue !== last || Date.now() - lastAt > 4000)) {
        last = code.rawValue;
        lastAt = Date.now();
        await checkIn(code.rawValue);
      }
    } catch {
      // A frame that cannot be read: try the next one.
    }
    setTimeout(look, 250);
  };
  look();
}

function cameraFailed(error) {
  answer(false, 'Camera unavailable', error.message || 'The camera could not be started.');
}

async function show() {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    checkIn(input.value);
  });
  select.addEventListener('change', () => {
    result.replaceChildren();
    loadCounts();
    input.focus();
  });
  if ('BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
    cameraButton.hidden = false;
    cameraButton.onclick = () => startCamera().catch(cameraFailed);
  }
  try {
    await loadEvents();
  } catch (error) {
    showLoadFailure(result, error, 'the events');
  }
  input.focus();
}

if (openConsolePage('/manage/door.html', { door: true })) show();
