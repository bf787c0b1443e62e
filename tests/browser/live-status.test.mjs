// The event's sales followed live (issue 15, item 4): a manager's pause, resume and cancellation
// and sales opening by the clock reach the open event page, seat selector, checkout and waiting
// room through the updates stream's `status` message, without a reload; times are the venue's.
// Each test works on its own copy of the demo's event, so pausing or cancelling it touches no other.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiAs, demo, expectNoPageErrors, freshEventOnSale, newBuyer, newPage, signInWithApi, useSite,
} from './lib/index.mjs';
import { selectorHelpers } from './lib/selector.mjs';

const site = useSite();
const { openSelector, chooseSection, seat, waitForName } = selectorHelpers(site);
const venueZone = 'Europe/Berlin'; // the demo's Harbour Arena

// What format.js dateInZone writes for the browser's en-GB: "Mon 7 Dec 2026, 19:30 CET".
function inVenueZone(iso) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: venueZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

const badge = (page) => page.locator('#buy-body .sale-state');
const bestButton = (page) => page.getByRole('button', { name: 'Find best seats' });

test('a pause, a resume and a cancellation reach the open event page, selector, checkout and waiting room', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, 'Live Status Night');
  const buyer = await newBuyer(site.url, 'Live Watcher');
  const buyerApi = await apiAs(site.url, buyer.email, buyer.password);
  await buyerApi.post('/holds', { event_id: event.id, seats: ['101/C/5'] });

  const about = await newPage(site.browser);
  await signInWithApi(about, site.url, buyer.email, buyer.password);
  await about.goto(`${site.url}/event.html?id=${event.id}`);
  await badge(about).getByText('On sale', { exact: true }).waitFor();

  const selector = await newPage(site.browser);
  await openSelector(selector, event.id, buyer);
  await chooseSection(selector, 'Section 109');
  assert.equal(await bestButton(selector).isEnabled(), true);

  const checkout = await newPage(site.browser);
  await signInWithApi(checkout, site.url, buyer.email, buyer.password);
  await checkout.goto(`${site.url}/checkout.html?event=${event.id}`);
  await checkout.locator('#checkout-form:not([hidden])').waitFor();
  assert.equal(await checkout.getByRole('button', { name: 'Pay' }).isEnabled(), true);

  // A place in the event's line, followed in the waiting room.
  const entry = await (await apiAs(site.url, buyer.email, buyer.password)).post(`/events/${event.id}/queue`, {});
  const room = await newPage(site.browser);
  await room.goto(`${site.url}/queue.html?token=${encodeURIComponent(entry.token)}`);
  await room.locator('#place:not([hidden])').waitFor();
  assert.equal(await room.locator('#sales-notice').isHidden(), true);

  await manager.post(`/events/${event.id}/pause-sales`);
  const pausedBy = { timeout: 5000 };
  await badge(about).getByText('Sales paused', { exact: true }).waitFor(pausedBy);
  await selector.locator('#sales-notice').getByText(/^Sales paused/).waitFor(pausedBy);
  await selector.waitForFunction(() => document.querySelector('#best-form button[type="submit"]').disabled, null, pausedBy);
  await checkout.locator('#sales-notice').getByText(/^Sales paused/).waitFor(pausedBy);
  assert.equal(await checkout.getByRole('button', { name: 'Pay' }).isDisabled(), true);
  await room.locator('#sales-notice').getByText(/^Sales paused/).waitFor(pausedBy);
  // A seat clicked meanwhile is not asked for: the page says why instead.
  await seat(selector, 'K', 10).click();
  await selector.locator('#selector-message').getByText(/^Sales paused/).waitFor();
  await waitForName(seat(selector, 'K', 10), /, available, /);

  await manager.post(`/events/${event.id}/resume-sales`);
  await badge(about).getByText('On sale', { exact: true }).waitFor(pausedBy);
  await selector.locator('#sales-notice').waitFor({ state: 'hidden', ...pausedBy });
  assert.equal(await bestButton(selector).isEnabled(), true);
  await checkout.getByRole('button', { name: 'Pay' }).and(checkout.locator(':enabled')).waitFor(pausedBy);

  await manager.post(`/events/${event.id}/cancel`, { resolution: 'refund' });
  await badge(about).getByText('Cancelled', { exact: true }).waitFor(pausedBy);
  await selector.locator('#sales-notice').getByText('This event has been cancelled.').waitFor(pausedBy);
  assert.equal(await bestButton(selector).isDisabled(), true);
  await checkout.locator('#sales-notice').getByText('This event has been cancelled.').waitFor(pausedBy);
  assert.equal(await checkout.getByRole('button', { name: 'Pay' }).isDisabled(), true);
  await room.locator('#sales-notice').getByText('This event has been cancelled.').waitFor(pausedBy);
  for (const page of [about, selector, checkout, room]) {
    expectNoPageErrors(page);
    await page.close();
  }
});

test('sales opening by the clock turn the open pages to "On sale" at that moment, told in the venue\'s time', { timeout: 120_000 }, async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, 'Opening Night');
  // Whole seconds: the server's clock reads them so. Far enough ahead for both pages to load
  // first on a busy machine.
  const opensAt = new Date(Math.ceil((Date.now() + 25_000) / 1000) * 1000).toISOString().replace('.000', '');
  await manager.patch(`/events/${event.id}`, { sales_open_at: opensAt });
  const buyer = await newBuyer(site.url, 'Early Bird');

  const about = await newPage(site.browser);
  await about.goto(`${site.url}/event.html?id=${event.id}`);
  await badge(about).getByText('Not on sale yet', { exact: true }).waitFor();
  const when = await about.locator('#buy-body time').textContent();
  assert.equal(when, inVenueZone(opensAt));
  assert.doesNotMatch(await about.locator('#buy-body').textContent(), /\d{4}-\d\d-\d\dT/);

  const selector = await newPage(site.browser);
  await openSelector(selector, event.id, buyer);
  await selector.locator('#sales-notice').getByText(`Sales have not opened yet: they open ${inVenueZone(opensAt)}.`).waitFor();
  await chooseSection(selector, 'Section 109');
  assert.equal(await bestButton(selector).isDisabled(), true);
  assert.ok(Date.now() < Date.parse(opensAt), 'the pages were ready before the opening moment');

  // The moment passes with both pages open: the stream's status turns them, no reload.
  const flip = { timeout: Date.parse(opensAt) - Date.now() + 4000 };
  await badge(about).getByText('On sale', { exact: true }).waitFor(flip);
  assert.ok(Date.now() >= Date.parse(opensAt), 'not before the opening moment');
  await selector.locator('#sales-notice').waitFor({ state: 'hidden', ...flip });
  assert.equal(await bestButton(selector).isEnabled(), true);
  await seat(selector, 'K', 10).click();
  await waitForName(seat(selector, 'K', 10), /held by you/);
  for (const page of [about, selector]) {
    expectNoPageErrors(page);
    await page.close();
  }
});

test('a refusal that names a time says it in the venue\'s zone, not as a raw UTC timestamp', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, 'Moved Opening');
  const buyer = await newBuyer(site.url, 'Stale Page');
  // The page never hears the stream (a connection that cannot get through), so it still believes
  // sales are open; the server's own refusal is what the buyer sees.
  const selector = await newPage(site.browser);
  await selector.route(/\/updates(\?|$)/, (route) => route.abort());
  await signInWithApi(selector, site.url, buyer.email, buyer.password);
  await selector.goto(`${site.url}/select.html?event=${event.id}`);
  await chooseSection(selector, 'Section 109');
  const opensAt = new Date(Date.now() + 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await manager.patch(`/events/${event.id}`, { sales_open_at: opensAt });
  await seat(selector, 'K', 10).click();
  const message = selector.locator('#selector-message');
  await message.getByText(inVenueZone(opensAt), { exact: false }).waitFor();
  assert.doesNotMatch(await message.textContent(), /\d{4}-\d\d-\d\dT\d\d:\d\d/);
  expectNoPageErrors(selector, { allow: [/updates/, /ERR_FAILED/, /EventSource/] });
  await selector.close();
});
