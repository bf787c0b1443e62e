// The buyer's pages: the listing, an event with live availability, checkout (field errors, a
// declined card, payment), the confirmation with QR codes, "My orders", the waiting room, and
// sign-in / registration. Each test buys as its own new account, so the per-buyer ticket limit of
// one test never touches another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiAs, apiClient, demo, expectNoPageErrors, newBuyer, newPage, screenshot, signInPage, signInWithApi, useSite,
} from './lib/index.mjs';

const site = useSite();

async function eventOnSale() {
  const { events } = await apiClient(site.url).get('/events');
  const event = events.find((e) => e.sales_open && !e.queue.enabled);
  assert.ok(event, 'the demo has an event on sale without a waiting room');
  return event;
}

// "20:00" for the event's start in the venue's zone; the browser runs in UTC, so this also
// checks that pages show venue time and not the browser's.
function venueClock(iso, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const availableCell = (page, section) =>
  page.locator('#availability tbody tr').filter({ has: page.getByRole('rowheader', { name: section, exact: true }) })
    .locator('.available');

// Through the seat selector's page, as a buyer does: two seats of Section 101, then Checkout.
async function holdTwoSeats(page, event) {
  await page.getByRole('link', { name: 'Choose seats' }).click();
  assert.equal(new URL(page.url()).search, `?event=${event.id}`);
  await page.locator('#venue-map [role="button"]').first().waitFor();
  await page.getByRole('button', { name: /^Section 101, / }).click();
  for (const number of [5, 6]) {
    const seat = page.getByRole('button', { name: new RegExp(`^Row C, seat ${number}, available`) });
    await seat.click();
    await page.getByRole('button', { name: new RegExp(`^Row C, seat ${number}, held by you`) }).waitFor();
  }
  await page.getByRole('link', { name: 'Checkout' }).first().click();
}

test('a buyer finds an event, watches it live, pays after an error and a decline, and finds the order', async () => {
  const event = await eventOnSale();
  const buyer = await newBuyer(site.url, 'Journey Buyer');
  const page = await newPage(site.browser);
  await signInPage(page, site.url, buyer.email, buyer.password, { next: '/' });

  // The listing.
  const card = page.locator('.event-card').filter({ hasText: event.name });
  await card.waitFor();
  const { venues } = await apiClient(site.url).get('/venues');
  const venue = venues.find((v) => v.id === event.venue_id);
  const cardText = await card.innerText();
  assert.match(cardText, new RegExp(venue.name));
  assert.ok(cardText.includes(venueClock(event.starts_at, venue.timezone)), `venue time in: ${cardText}`);
  assert.match(cardText, /from €\d+\.\d\d/);
  assert.match(cardText, /On sale/);
  await screenshot(page, 'listing');

  // The event page, with availability that follows other buyers live.
  await card.getByRole('link', { name: event.name }).click();
  await page.getByRole('heading', { level: 1, name: event.name }).waitFor();
  await page.getByText(`(${venue.timezone} time)`).waitFor();
  const floor = availableCell(page, 'Standing floor');
  await page.locator('#live-status').getByText(/^Live/).waitFor();
  const before = Number((await floor.innerText()).split(' of ')[0].replace(/\D/g, ''));
  const other = await apiAs(site.url, demo.buyer.email, demo.buyer.password);
  await other.post('/holds', { event_id: event.id, section: 'floor', quantity: 2 });
  await page.waitForFunction(
    ([cell, expected]) => cell.textContent.startsWith(expected),
    [await floor.elementHandle(), (before - 2).toLocaleString('en-GB')],
    { timeout: 5000 },
  );
  await screenshot(page, 'event');
  expectNoPageErrors(page);

  await holdTwoSeats(page, event);

  // Checkout: the places, then every error next to its input.
  await page.getByRole('heading', { name: 'Your places' }).waitFor();
  const places = page.locator('#places tbody tr');
  assert.equal(await places.count(), 2);
  assert.match(await places.nth(0).innerText(), /Section 101, row C, seat 5/);
  assert.match(await page.locator('#total').innerText(), /^€\d+\.\d\d$/);
  assert.match(await page.getByRole('timer', { name: 'Time left to pay for your places' }).innerText(), /^(29|30):\d\d$/);
  await page.getByLabel('Name').fill('');
  await page.getByLabel('Email').fill('ada@');
  await page.getByRole('button', { name: /^Pay / }).click();
  const nameError = page.locator('#buyer-name + .field-error');
  await nameError.waitFor();
  assert.equal(await nameError.innerText(), 'is required');
  assert.match(await page.locator('#buyer-email + .field-error').innerText(), /e-mail address/);
  assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Card number').fill('1234');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.locator('#card-number + .field-error').getByText(/test card 4242424242424242/).waitFor();
  assert.equal(await page.locator('#buyer-name + .field-error').count(), 0, 'the fixed name has no message left');
  await screenshot(page, 'checkout-errors');

  // A declined card: explained, and the places stay held.
  await page.getByLabel('Card number').fill('4000 0000 0000 0002');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByRole('alert').getByText(/declined.*nothing charged.*stay held/).waitFor();
  assert.equal(await page.locator('#card-number + .field-error').innerText(), 'this card was declined');
  assert.equal(await places.count(), 2);

  // Paid: the confirmation with a QR code for every ticket.
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL(/\/order\.html\?ids=ord_/);
  await page.getByRole('heading', { name: event.name }).waitFor();
  const tickets = page.locator('.ticket');
  await page.waitForFunction(() => document.querySelectorAll('.ticket img.qr').length === 2);
  assert.equal(await tickets.count(), 2);
  const seatFive = tickets.filter({ hasText: 'Row C, seat 5' });
  assert.match(await seatFive.innerText(), /Section 101\s+Row C, seat 5\s+Standard/);
  const qr = seatFive.getByRole('img', { name: /QR code for Section 101, Row C, seat 5/ });
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
  const paid = await page.locator('#total-paid').innerText();
  await screenshot(page, 'confirmation');
  // One basket: both clicks joined one hold, paid with one order.
  const orderIds = new URL(page.url()).searchParams.get('ids').split(',');
  assert.equal(orderIds.length, 1);

  // My orders: every order of the checkout, two tickets in all.
  await page.locator('#site-header').getByRole('link', { name: 'My orders' }).click();
  let ticketsListed = 0;
  for (const id of orderIds) {
    const mine = page.locator(`li[data-order-id="${id}"]`);
    await mine.waitFor();
    const [, count] = (await mine.innerText()).match(/(\d) tickets? · €[\d.]+ · Paid/);
    ticketsListed += Number(count);
    // The order's date is written as the event's date above it ("Mon 7 Dec 2026, 20:00 CET").
    const eventDate = await mine.locator('time').first().innerText();
    const [, orderedDate] = (await mine.innerText()).match(/Ordered (.+)/);
    const shape = (text) => text.replace(/\b[A-Z]{2,5}\b|GMT[+-]?\d*/g, 'Zone').replace(/\d+/g, '0').replace(/[A-Z][a-z]+/g, 'Aa');
    assert.equal(shape(orderedDate), shape(eventDate), `"${orderedDate}" is written as "${eventDate}"`);
  }
  assert.equal(ticketsListed, 2);
  if (orderIds.length === 1) assert.match(await page.locator('.order-list').innerText(), new RegExp(paid.replace('.', '\\.')));
  await screenshot(page, 'my-orders');
  await page.locator(`li[data-order-id="${orderIds[0]}"]`).getByRole('link', { name: event.name }).click();
  await page.waitForURL(new RegExp(`/order\\.html\\?ids=${orderIds[0]}$`));
  await page.locator('.ticket').first().waitFor();
  expectNoPageErrors(page);
  await page.close();
});

// A new show of the demo event, on sale now, so the waiting room switched on here stays out of
// the other tests' way (a room that was active stays active).
async function eventWithWaitingRoom(manager) {
  const source = await eventOnSale();
  const starts = new Date(Date.parse(source.starts_at) + 7 * 86_400_000).toISOString();
  const copy = await manager.post(`/events/${source.id}/duplicate`, {
    starts_at: starts,
    name: `${source.name} (waiting room)`,
    sales_open_at: new Date(Date.now() - 60_000).toISOString(),
  });
  await manager.post(`/events/${copy.id}/publish`);
  await manager.patch(`/events/${copy.id}`, { queue: { enabled: true, max_active: 1 } });
  return copy;
}

async function joinLine(page, event, buyer) {
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await page.goto(`${site.url}/event.html?id=${event.id}`);
  await page.getByRole('link', { name: 'Join the line' }).click();
  await page.waitForURL(/\/queue\.html\?event=/);
  await page.getByRole('button', { name: 'Join the line' }).click();
}

test('the waiting room lets one buyer in, shows the next their place, and its link works anywhere', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await eventWithWaitingRoom(manager);
  const first = await newPage(site.browser, { viewport: 'phone' });
  const second = await newPage(site.browser, { viewport: 'phone' });

  await joinLine(first, event, await newBuyer(site.url, 'First In Line'));
  await first.getByRole('heading', { name: 'It is your turn!' }).waitFor();
  // A turn is kept for ten minutes (the server's --queue-start-within) until the first seats are
  // chosen; they open the whole 30-minute checkout window.
  assert.match(await first.getByRole('timer', { name: 'Time left to choose your first seats' }).innerText(), /^(9|10):\d\d$/);
  assert.match(await first.locator('#place-message').innerText(), /Choose your first seats before the time below/);
  assert.equal(await first.getByRole('link', { name: 'Choose seats' }).getAttribute('href'), `/select.html?event=${event.id}`);

  // The second asks to be told by text message, first with a number that is not one.
  const secondBuyer = await newBuyer(site.url, 'Second In Line');
  await signInWithApi(second, site.url, secondBuyer.email, secondBuyer.password);
  await second.goto(`${site.url}/queue.html?event=${event.id}`);
  await second.getByLabel('By text message').check();
  await second.getByLabel('Mobile number').fill('0151 123');
  await second.getByRole('button', { name: 'Join the line' }).click();
  await second.locator('#notify-phone + .field-error').getByText(/international form/).waitFor();
  await second.getByLabel('Mobile number').fill('+4915112345678');
  await second.getByRole('button', { name: 'Join the line' }).click();
  await second.getByRole('heading', { name: 'You are in line' }).waitFor();
  assert.equal(await second.locator('#queue-position').innerText(), '1');
  assert.equal(await second.locator('#queue-ahead').innerText(), '0');
  assert.match(await second.locator('#queue-wait').innerText(), /minute|hour|not known/);
  assert.equal(await second.getByRole('link', { name: 'Choose seats' }).isVisible(), false);
  assert.equal(
    await second.getByRole('link', { name: 'Check the draw and its proof' }).getAttribute('href'),
    `/api/v1/events/${event.id}/queue`,
  );
  await screenshot(second, 'waiting-room');

  // The admission e-mail's link, opened in a fresh browser: the same place in line.
  const token = await second.evaluate((id) => localStorage.getItem(`boxoffice.queue.${id}`), event.id);
  assert.ok(token, 'the page kept the token');
  const elsewhere = await newPage(site.browser);
  await elsewhere.goto(`${site.url}/queue.html?token=${encodeURIComponent(token)}`);
  await elsewhere.getByRole('heading', { name: 'You are in line' }).waitFor();
  assert.equal(await elsewhere.locator('#queue-position').innerText(), '1');
  assert.match(await elsewhere.locator('#queue-event').innerText(), new RegExp(event.name.replace(/[()]/g, '\\$&')));

  // The first leaves (after saying yes); the second is let in without reloading.
  await first.getByRole('button', { name: 'Leave the line' }).click();
  await first.getByRole('button', { name: 'Yes, leave the line' }).click();
  await first.getByRole('heading', { name: 'You left the line' }).waitFor();
  await second.getByRole('heading', { name: 'It is your turn!' }).waitFor({ timeout: 5000 });
  await elsewhere.getByRole('heading', { name: 'It is your turn!' }).waitFor({ timeout: 5000 });
  for (const page of [first, second, elsewhere]) {
    expectNoPageErrors(page);
    await page.close();
  }
});

// Issue 15, item 10: before the draw every early joiner read "position 1". The page says the
// place is drawn when sales open (in the venue's time) and shows no position until then.
test('joining before sales open shows no position until the draw', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const source = await eventOnSale();
  const opensAt = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const early = await manager.post(`/events/${source.id}/duplicate`, {
    starts_at: new Date(Date.parse(source.starts_at) + 14 * 86_400_000).toISOString(),
    name: `${source.name} (before the draw)`,
    sales_open_at: opensAt,
  });
  await manager.post(`/events/${early.id}/publish`);
  await manager.patch(`/events/${early.id}`, { queue: { enabled: true } });
  const { venues } = await apiClient(site.url).get('/venues');
  const venue = venues.find((v) => v.id === early.venue_id);
  // The draw has one place per account: a visitor is asked to sign in, not offered a button the
  // server refuses.
  const visitor = await newPage(site.browser);
  await visitor.goto(`${site.url}/queue.html?event=${early.id}`);
  await visitor.locator('#draw-sign-in').getByRole('link', { name: 'sign in' }).waitFor();
  assert.equal(await visitor.getByRole('button', { name: 'Join the line' }).isVisible(), false);
  await visitor.close();

  const pages = [];
  for (const name of ['Early Bird', 'Earlier Bird']) {
    const page = await newPage(site.browser);
    const buyer = await newBuyer(site.url, name);
    await signInWithApi(page, site.url, buyer.email, buyer.password);
    await page.goto(`${site.url}/queue.html?event=${early.id}`);
    await page.getByRole('button', { name: 'Join the line' }).click();
    await page.getByRole('heading', { name: 'You are in line' }).waitFor();
    pages.push(page);
  }
  for (const page of pages) {
    assert.equal(await page.locator('#queue-position').innerText(), 'drawn when sales open');
    assert.equal(await page.locator('#queue-ahead').innerText(), 'not known yet');
    const said = await page.locator('#place-message').innerText();
    assert.match(said, /placed in line by a draw when they open/);
    assert.ok(said.includes(venueClock(opensAt, venue.timezone)), `venue time in: ${said}`);
    expectNoPageErrors(page);
    await page.close();
  }
});

test('sign-in names a wrong password, registration names a short password, and a new account goes on', async () => {
  const page = await newPage(site.browser, { viewport: 'phone' });
  await page.goto(`${site.url}/signin.html?next=${encodeURIComponent('/orders.html')}`);
  const signIn = page.locator('#signin-form');
  await signIn.getByLabel('Email').fill(demo.buyer.email);
  await signIn.getByLabel('Password').fill('not-the-password');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await signIn.getByRole('alert').getByText('E-mail or password is wrong.').waitFor();
  assert.match(page.url(), /signin\.html/);

  const register = page.locator('#register-form');
  await register.getByLabel('Name').fill('Newly Registered');
  await register.getByLabel('Email').fill(`new.${Date.now()}@example.com`);
  await register.getByLabel('Password').fill('short');
  await register.getByRole('button', { name: 'Create account' }).click();
  const field = register.getByLabel('Password');
  await register.locator('#register-password + .field-error').waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${describedBy}`).innerText(), /at least 10 characters/);

  await field.fill('long-enough-pass');
  await register.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/orders\.html$/);
  await page.getByText('You have no orders yet.').waitFor();
  expectNoPageErrors(page);
  await page.close();
});

test('sign-in only sends people on within the site', async () => {
  const page = await newPage(site.browser);
  await signInPage(page, site.url, demo.buyer.email, demo.buyer.password, { next: 'https://example.com/steal' });
  assert.equal(new URL(page.url()).pathname, '/');
  expectNoPageErrors(page);
  await page.close();
});

// A new buyer's hold made through the API, and a signed-in page for them (not yet at checkout).
async function checkoutWithHold(buyer, hold, viewport = 'desktop') {
  const event = await eventOnSale();
  const api = await apiAs(site.url, buyer.email, buyer.password);
  await api.post('/holds', { event_id: event.id, ...hold });
  const page = await newPage(site.browser, { viewport });
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  return { page, event, api };
}

test('two holds, a reduced ticket chosen, and a lost payment answer: each hold is paid exactly once', async () => {
  const buyer = await newBuyer(site.url, 'Flaky Network');
  const { page, event, api } = await checkoutWithHold(buyer, { section: 'floor', quantity: 2 }, 'phone');
  await api.post('/holds', { event_id: event.id, section: '201', quantity: 1 });
  // The first order reaches the server, but its answer never reaches the page.
  let lost = 0;
  await page.route('**/api/v1/orders', async (route) => {
    if (route.request().method() !== 'POST' || lost > 0) return route.continue();
    lost += 1;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.goto(`${site.url}/checkout.html?event=${event.id}`);
  const rows = page.locator('#places tbody tr');
  await rows.nth(1).waitFor();
  // Places are listed by name: Section 201 first, then the standing floor.
  assert.match(await rows.nth(1).innerText(), /Standing floor, standing × 2/);
  // Section 201 sells two ticket types: full price unless the buyer picks the reduced one.
  const type = page.getByLabel(/^Ticket type for Section 201, row /);
  assert.match(await type.inputValue(), /^tt_/);
  const total = page.locator('#total');
  const fullPrice = await total.innerText();
  await type.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(([cell, before]) => cell.textContent !== before, [await total.elementHandle(), fullPrice]);
  assert.match(await rows.nth(0).innerText(), /€39\.00/);
  const reduced = await total.innerText();

  await page.getByLabel('Card number').fill('4242424242424242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByRole('alert').getByText(/connection failed.*not be charged twice/).waitFor();
  await page.getByRole('button', { name: /^Pay / }).press('Enter');
  await page.waitForURL(/\/order\.html\?ids=ord_\w+,ord_\w+$/);
  await page.locator('.ticket').nth(2).waitFor();
  const { orders } = await api.get('/orders');
  assert.equal(orders.length, 2, 'one order per hold, each paid once');
  assert.deepEqual(new URL(page.url()).searchParams.get('ids').split(',').sort(), orders.map((o) => o.id).sort());
  assert.equal(await page.locator('#total-paid').innerText(), reduced);
  assert.match(await page.locator('.ticket').filter({ hasText: 'Section 201' }).innerText(), /Reduced \(students\)/);
  expectNoPageErrors(page, { allow: [/request failed \(net::ERR_CONNECTION_RESET\): POST .*\/api\/v1\/orders/] });
  await page.close();
});

test('when the hold runs out, checkout says the places were released and leads back to the seats', async () => {
  const { page, event } = await checkoutWithHold(await newBuyer(site.url, 'Slow Payer'), { section: '102', quantity: 1 });
  await page.clock.install();
  await page.goto(`${site.url}/checkout.html?event=${event.id}`);
  await page.getByRole('timer', { name: 'Time left to pay for your places' }).waitFor();
  await page.clock.fastForward('31:00');
  const released = page.getByRole('alert').filter({ hasText: 'your places were released' });
  await released.waitFor();
  assert.equal(await released.getByRole('link', { name: 'Choose seats again' }).getAttribute('href'), `/select.html?event=${event.id}`);
  assert.equal(await page.getByRole('button', { name: /^Pay / }).isVisible(), false);
  expectNoPageErrors(page);
  await page.close();
});
