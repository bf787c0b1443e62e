// Accessibility checked by a tool, not by eye: axe-core on every buyer's page, each once it has
// drawn what it loads (the console's are in accessibility-console.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, apiClient, expectNoPageErrors, newBuyer, newPage, payForHold, signInWithApi, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();
const check = (page, path, ready) => expectAccessible(page, site.url, path, ready);

// A paid order of the buyer, for the confirmation and "My orders", and a seat held for checkout.
async function paidOrder(buyer, eventId) {
  const client = await apiAs(site.url, buyer.email, buyer.password);
  const hold = await client.post('/holds', { event_id: eventId, section: 'floor', quantity: 1 });
  const { ticket_types: types } = await client.get(`/events/${eventId}/ticket-types`);
  const order = await payForHold(site.url, client, hold, types.find((t) => t.sections.length === 0).id, buyer);
  await client.post('/holds', { event_id: eventId, seats: ['101/A/1'] });
  return order.id;
}

test('the buyer\'s pages have no serious or critical accessibility violations', async () => {
  const { events } = await apiClient(site.url).get('/events');
  const event = events.find((e) => e.sales_open);
  const buyer = await newBuyer(site.url, 'Axe Buyer');
  const orderId = await paidOrder(buyer, event.id);
  const page = await newPage(site.browser);
  await check(page, '/signin.html', (p) => p.getByRole('button', { name: 'Sign in' }).waitFor());
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await check(page, '/', (p) => p.locator('a[href^="/event.html?id="]').first().waitFor());
  await check(page, `/event.html?id=${event.id}`, (p) => p.getByRole('heading', { name: event.name }).waitFor());
  await check(page, `/select.html?event=${event.id}&section=101`, (p) => p.locator('#seat-area .seat').first().waitFor());
  await check(page, `/checkout.html?event=${event.id}`, (p) => p.locator('#places tbody tr').first().waitFor());
  await check(page, `/order.html?ids=${orderId}`, (p) => p.locator('canvas, svg, img').first().waitFor());
  await check(page, '/orders.html', (p) => p.locator(`a[href*="${orderId}"]`).first().waitFor());
  await check(page, `/queue.html?event=${event.id}`, (p) => p.locator('main h1').first().waitFor());
  expectNoPageErrors(page);
  await page.close();
});
