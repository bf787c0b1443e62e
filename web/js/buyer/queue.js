// The waiting room: join an event's line (optionally asking to be told by e-mail or text), then
// watch the place in line live until admitted. Opened from the admission e-mail as
// /queue.html?token=..., it needs nothing but the token.
import { account, api, ApiError } from '../api.js';
import { startCountdown } from '../countdown.js';
import { dateInZone, duration } from '../format.js';
import { clearErrors, showErrors } from '../forms.js';
import { forgetQueueToken, queueToken, saveQueueToken } from '../queue-pass.js';
import { forPeople, h, problem, query } from '../dom.js';
import { signInUrl } from '../header.js';
import { watchEvent } from '../live.js';
import { venue as readVenue } from '../venues.js';
import { saleState, salesNotice } from '../sale-state.js';
import { OddsBox } from './queue-odds.js';

const POLL_MS = 4000;
const $ = (id) => document.getElementById(id);
const status = $('queue-status');
const joinForm = $('join-form');
const place = $('place');
const oddsBox = new OddsBox($('queue-odds'));

let eventId = null;
let token = null;
let stopStream = null;
let pollTimer = 0;
let stopCountdown = null;
let lastState = null;
// When sales open (the moment of the draw), as a time and as the venue's clock reads it.
let opening = null;
let drawTimer = 0;
// The event and its venue's zone, for the sales notice; null until read.
let sale = null;

// A pause, a close or a cancellation, said above the place in line as soon as the stream tells
// it. Before opening the place's own message says when the draw is.
function showSales() {
  const notice = sale && saleState(sale.event, null, sale.zone).key !== 'opens' ? salesNotice(sale.event, sale.zone) : '';
  $('sales-notice').hidden = !notice;
  $('sales-notice').textContent = notice;
}

// Whoever joins before sales open is placed by the draw at that moment; until then every early
// entry would read "position 1" (nobody is ahead yet by the draw), which is true of no one.
function beforeDraw(entry) {
  return entry.drawn && entry.state === 'waiting' && opening !== null && Date.now() < opening.at;
}

const headings = {
  waiting: 'You are in line',
  sold_out: 'You are in line',
  closed: 'Sales are over',
  admitted: 'It is your turn!',
  expired: 'Your checkout window ended',
  left: 'You left the line',
  completed: 'You bought tickets',
};

function message(entry) {
  switch (entry.state) {
    case 'waiting':
      if (beforeDraw(entry)) {
        return `Everyone who joins before sales open is placed in line by a draw when they open (${opening.text}), so arriving early gives no edge. This page shows your place then, by itself.`;
      }
      return entry.drawn
        ? 'You joined before sales opened, so your place was set by the draw. This page updates by itself.'
        : 'This page updates by itself. If you asked to be told, you may also close it and come back through the link we send you.';
    case 'sold_out':
      return 'Every place is held or sold right now. You stay in line: places that come back go to the line in order.';
    case 'closed':
      return 'Sales for this event are over, so the line no longer moves.';
    case 'admitted':
      // Until the first hold the server gives a short time to start, so that turns nobody takes
      // pass on quickly; the first hold opens the whole checkout window.
      return entry.started === false
        ? 'You may now choose seats and pay. Choose your first seats before the time below, or your turn passes to the next in line; your first seats give you the whole checkout window.'
        : 'You may now choose seats and pay. Your place is kept until the checkout window ends.';
    case 'expired':
      return 'You were let in, but your time ended before you bought. Join the line again if you still want tickets.';
    case 'left':
      return 'You gave up your place. You can join the line again at the back.';
    case 'completed':
      return 'You bought tickets with this place in line.';
    default:
      return `Your place reads "${entry.state}".`;
  }
}

function setFigures(entry) {
  const waiting = entry.state === 'waiting' || entry.state === 'sold_out';
  $('queue-figures').hidden = !waiting;
  if (!waiting) return;
  if (beforeDraw(entry)) {
    $('queue-position').textContent = 'drawn when sales open';
    $('queue-ahead').textContent = 'not known yet';
    $('queue-wait').textContent = 'not known yet';
    // The draw changes no entry, so nothing is pushed at that moment: ask then.
    clearTimeout(drawTimer);
    drawTimer = setTimeout(refresh, Math.min(opening.at - Date.now() + 1000, 86_400_000));
    return;
  }
  $('queue-position').textContent = entry.position ?? '—';
  $('queue-ahead').textContent = entry.ahead ?? (entry.position ? entry.position - 1 : '—');
  $('queue-wait').textContent =
    entry.estimated_wait_seconds === null ? 'not known yet' : duration(entry.estimated_wait_seconds);
}

function setWindow(entry) {
  stopCountdown?.();
  stopCountdown = null;
  const admitted = entry.state === 'admitted' && entry.admitted_until;
  $('admitted-until').hidden = !admitted;
  if (!admitted) return;
  const starting = entry.started === false;
  $('window-lead').textContent = starting ? 'Choose your first seats within' : 'Your checkout window ends in';
  $('window-timer').setAttribute(
    'aria-label',
    starting ? 'Time left to choose your first seats' : 'Time left to choose seats and pay',
  );
  const end = $('window-end');
  end.dateTime = entry.admitted_until;
  end.textContent = new Date(entry.admitted_until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  // At the end the server marks the entry expired; ask for it rather than guessing.
  stopCountdown = startCountdown($('window-timer'), entry.admitted_until, refresh);
}

function render(entry) {
  status.hidden = true;
  place.hidden = false;
  place.classList.toggle('admitted', entry.state === 'admitted');
  place.dataset.state = entry.state;
  $('place-heading').textContent = headings[entry.state] || 'Your place in line';
  const body = [h('p', { text: message(entry) })];
  if (entry.state === 'completed') body.push(h('p', {}, h('a', { href: '/orders.html', text: 'See my orders' })));
  $('place-message').replaceChildren(...body);
  setFigures(entry);
  oddsBox.show(entry, sale?.event ?? null, beforeDraw(entry));
  setWindow(entry);
  const live = ['waiting', 'sold_out', 'admitted'].includes(entry.state);
  $('choose-seats').hidden = entry.state !== 'admitted';
  $('leave').hidden = !live;
  if (!live) $('leave-confirm').hidden = true;
  // A place that has ended can be replaced by a new one.
  joinForm.hidden = !['expired', 'left'].includes(entry.state);
  if (entry.state === 'admitted' && lastState !== 'admitted') $('place-heading').focus();
  if (!live) stopWatching();
  lastState = entry.state;
}

function stopWatching() {
  stopStream?.();
  stopStream = null;
  clearInterval(pollTimer);
  pollTimer = 0;
}

async function refresh() {
  try {
    render(await api(`/queue/${encodeURIComponent(token)}`));
    $('live-note').textContent = '';
  } catch (error) {
    $('live-note').textContent = `Could not check your place just now (${error.message}); trying again.`;
  }
}

// The stream pushes every change; while it is down, polling keeps the page true.
function watch() {
  stopWatching();
  stopStream = watchEvent(eventId, {
    queueToken: token,
    onQueue: render,
    onSales(sales) {
      if (!sale) return;
      Object.assign(sale.event, sales);
      showSales();
    },
    onStatus(status) {
      if (status === 'live') {
        clearInterval(pollTimer);
        pollTimer = 0;
      } else if (!pollTimer) {
        pollTimer = setInterval(refresh, POLL_MS);
      }
    },
  });
}

function follow(entry) {
  token = entry.token;
  eventId = entry.event_id;
  saveQueueToken(eventId, token);
  render(entry);
  if (['waiting', 'sold_out', 'admitted'].includes(entry.state)) watch();
}

async function showEvent() {
  const seats = `/select.html?event=${encodeURIComponent(eventId)}`;
  $('choose-seats').href = seats;
  $('choose-seats').textContent = 'Choose seats';
  $('draw-link').href = `/api/v1/events/${encodeURIComponent(eventId)}/queue`;
  $('fairness').hidden = false;
  try {
    const event = await api(`/events/${encodeURIComponent(eventId)}`);
    const venue = await readVenue(event.venue_id);
    opening = { at: Date.parse(event.sales_open_at), text: dateInZone(event.sales_open_at, venue.timezone) };
    sale = { event, zone: venue.timezone };
    showSales();
    $('queue-event').replaceChildren(
      h('a', { href: `/event.html?id=${encodeURIComponent(eventId)}`, text: event.name }),
      ` · ${dateInZone(event.starts_at, venue.timezone)} · ${venue.name}`,
    );
  } catch (error) {
    $('queue-event').textContent = `The event's details could not be loaded: ${error.message}`;
  }
}

function toggleField(box, fieldId) {
  const field = $(fieldId);
  box.addEventListener('change', () => {
    field.hidden = !box.checked;
    const input = field.querySelector('input');
    if (box.checked) {
      if (input.type === 'email' && !input.value) input.value = account()?.email || '';
      input.focus();
    }
  });
}

function notifyChoice() {
  const notify = {};
  const missing = {};
  if ($('notify-by-email').checked) {
    notify.email = $('notify-email').value.trim();
    if (!notify.email) missing['notify.email'] = 'enter the e-mail address to tell you at, or untick "By e-mail"';
  }
  if ($('notify-by-phone').checked) {
    notify.phone = $('notify-phone').value.replace(/[\s()-]/g, '');
    if (!notify.phone) missing['notify.phone'] = 'enter the mobile number to text, or untick "By text message"';
  }
  if (Object.keys(missing).length) {
    throw new ApiError(422, { message: 'Check how we should tell you.', fields: missing });
  }
  return Object.keys(notify).length ? { notify } : {};
}

joinForm.addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  clearErrors(joinForm);
  const button = joinForm.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const body = notifyChoice();
    const entry = await api(`/events/${encodeURIComponent(eventId)}/queue`, { method: 'POST', body });
    joinForm.hidden = true;
    follow(entry);
    $('place-heading').focus();
  } catch (error) {
    showErrors(joinForm, forPeople(error));
  } finally {
    button.disabled = false;
  }
});

$('leave').addEventListener('click', () => {
  $('leave-confirm').hidden = false;
  $('leave-no').focus();
});
$('leave-no').addEventListener('click', () => {
  $('leave-confirm').hidden = true;
  $('leave').focus();
});
$('leave-yes').addEventListener('click', async () => {
  try {
    await api(`/queue/${encodeURIComponent(token)}`, { method: 'DELETE' });
  } catch (error) {
    // 409 queue_entry_ended: it ended meanwhile; the refresh below shows how.
    $('place-message').append(problem(error));
  }
  forgetQueueToken(eventId);
  $('leave-confirm').hidden = true;
  await refresh();
  $('place-heading').focus();
});

toggleField($('notify-by-email'), 'notify-email-field');
toggleField($('notify-by-phone'), 'notify-phone-field');
// Messages are for signed-in buyers only (the server refuses them otherwise): others are offered
// to sign in and come back here.
if (!account()) {
  $('notify-choice').hidden = true;
  $('notify-sign-in').hidden = false;
  $('notify-sign-in-link').href = signInUrl();
}

// The draw before sales open takes signed-in buyers only (one place per account); others are
// asked to sign in instead of being offered a button the server refuses.
function offerDrawSignIn() {
  const needed = !account() && opening !== null && Date.now() < opening.at;
  $('draw-sign-in').hidden = !needed;
  $('draw-sign-in-link').href = signInUrl();
  joinForm.querySelector('button[type="submit"]').hidden = needed;
}

async function start() {
  const fromLink = query('token');
  eventId = query('event');
  if (!fromLink && !eventId) {
    status.replaceWith(problem({ message: 'No event was named. Choose an event from the events list to join its line.' }));
    return;
  }
  token = fromLink || queueToken(eventId);
  if (!token) {
    await showEvent();
    status.hidden = true;
    joinForm.hidden = false;
    offerDrawSignIn();
    return;
  }
  try {
    const entry = await api(`/queue/${encodeURIComponent(token)}`);
    eventId = entry.event_id;
    await showEvent();
    follow(entry);
  } catch (error) {
    if (!fromLink && error.status === 404) {
      // A saved token the server no longer knows (e.g. a reset room): join afresh.
      forgetQueueToken(eventId);
      await showEvent();
      status.hidden = true;
      joinForm.hidden = false;
      offerDrawSignIn();
      return;
    }
    status.replaceWith(problem(error, 'Your place in line could not be read.'));
  }
}

start();
