// A manager refunds one ticket of an order from the console, then the rest, each confirmed with
// the amount that goes back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, apiClient, demo, expectNoPageErrors, newBuyer, newPage, payForHold, screenshot, signInWithApi, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();

test('a manager refunds one ticket and then the rest from the order view', async () => {
  const { events } = await apiClient(site.url).get('/events');
  const event = events.find((e) => e.sales_open);
  const buyer = await newBuyer(site.url, 'Refunded Buyer');
  const client = await apiAs(site.url, buyer.email, buyer.password);
  const hold = await client.post('/holds', { event_id: event.id, section: 'floor', quantity: 3 });
  const { ticket_types: types } = await client.get(`/events/${event.id}/ticket-types`);
  const order = await payForHold(site.url, client, hold, types.find((t) => t.sections.length === 0).id, buyer);
  const each = order.tickets[0].price + order.tickets[0].fees;
  const euros = (minor) => `€${(minor / 100).toFixed(2)}`;

  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, demo.manager.email, demo.manager.password);
  await expectAccessible(page, site.url, `/manage/order.html?id=${order.id}`,
    (p) => p.getByRole('button', { name: /Refund all 3 valid tickets/ }).waitFor());
  await page.locator(`tr[data-ticket-id="${order.tickets[0].id}"]`).getByRole('button', { name: /Refund/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`${euros(each)} goes back to the buyer's card`).waitFor();
  await screenshot(page, 'console-refund-dialog');
  await dialog.getByRole('button', { name: `Refund ${euros(each)}` }).click();
  await page.getByText(`Refunded ${euros(each)}. The order is now partly refunded.`).waitFor();
  await page.locator(`tr[data-ticket-id="${order.tickets[0].id}"]`).getByText('Void (refunded)').waitFor();

  await page.getByRole('button', { name: 'Refund all 2 valid tickets' }).click();
  await dialog.getByRole('button', { name: `Refund ${euros(2 * each)}` }).click();
  await page.getByText(`Refunded ${euros(2 * each)}. The order is now refunded.`).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Refund/ }).count(), 0);
  expectNoPageErrors(page);
  await page.close();

  const stored = await client.get(`/orders/${order.id}`);
  assert.equal(stored.status, 'refunded');
  assert.ok(stored.tickets.every((t) => t.status === 'void'));
});
