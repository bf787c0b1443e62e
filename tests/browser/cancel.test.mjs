// A manager cancels an event on sale with refunds from the console: the dialog's answer and the
// event page's Settlement panel tell how many orders were refunded and for how much.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, buyStanding, demo, expectNoPageErrors, freshEventOnSale, newBuyer, newPage, screenshot, signInWithApi, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();
const euros = (minor) => `€${(minor / 100).toFixed(2)}`;

// The cells of a settlement table's row (the status in words, orders, amount).
const row = (scope, status) => scope.locator(`tr[data-status="${status}"]`);
async function expectRow(scope, status, words, orders, amount) {
  await row(scope, status).waitFor();
  assert.deepEqual(await row(scope, status).locator('th, td').allInnerTexts(), [words, String(orders), euros(amount)]);
}

test('a manager cancels an event with refunds and sees what was refunded', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, 'Cancelled with refunds');
  const [first, second] = [await newBuyer(site.url, 'First Refunded'), await newBuyer(site.url, 'Second Refunded')];
  const { order: one } = await buyStanding(site.url, first, event.id, 2);
  const { order: two } = await buyStanding(site.url, second, event.id, 1);
  const total = one.total + two.total;

  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, demo.manager.email, demo.manager.password);
  await page.goto(`${site.url}/manage/event.html?id=${event.id}`);
  assert.equal(await page.locator('#settlement').isHidden(), true, 'no settlement before the cancellation');
  await page.getByRole('button', { name: 'Cancel event…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /^Refund/ }).check();
  await dialog.getByRole('button', { name: 'Cancel the event' }).click();

  const result = page.locator('#cancel-result');
  await result.getByText('Orders settled by: Refund.').waitFor();
  await expectRow(result, 'refunded', 'Refunded', 2, total);
  await expectRow(result, 'total', 'Total settled', 2, total);
  await page.locator('#settlement[data-finished="true"]').waitFor();
  await screenshot(page, 'console-cancel-refund');

  // Opened again, the page shows the settlement as the server keeps it.
  await expectAccessible(page, site.url, `/manage/event.html?id=${event.id}`,
    (p) => p.locator('#settlement[data-finished="true"]').waitFor());
  const panel = page.getByRole('region', { name: 'Settlement' });
  await panel.getByText('Finished: every order is settled.').waitFor();
  await expectRow(panel, 'refunded', 'Refunded', 2, total);
  await expectRow(panel, 'total', 'Total settled', 2, total);
  assert.equal(await panel.locator('dt:has-text("Resolution") + dd').innerText(), 'Refund');
  await screenshot(page, 'console-settlement-panel');
  expectNoPageErrors(page);
  await page.close();

  for (const [buyer, order] of [[first, one], [second, two]]) {
    const stored = await (await apiAs(site.url, buyer.email, buyer.password)).get(`/orders/${order.id}`);
    assert.equal(stored.status, 'refunded');
  }
});

test('with the buyers\' choice, the Settlement panel follows the settlement until every buyer has chosen', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, 'Cancelled with a choice');
  const buyer = await newBuyer(site.url, 'Choosing Buyer');
  const { client, order } = await buyStanding(site.url, buyer, event.id, 2);

  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, demo.manager.email, demo.manager.password);
  await page.goto(`${site.url}/manage/event.html?id=${event.id}`);
  await page.getByRole('button', { name: 'Cancel event…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /^Buyer's choice/ }).check();
  await dialog.getByRole('button', { name: 'Cancel the event' }).click();
  const result = page.locator('#cancel-result');
  await expectRow(result, 'awaiting_choice', 'Awaiting the buyer\'s choice', 1, order.total);
  await result.getByText('Not finished yet').waitFor();

  const panel = page.getByRole('region', { name: 'Settlement' });
  await panel.getByText(/^Still in progress\. 1 order awaits the buyer's choice until .+\. This panel refreshes every few seconds\.$/).waitFor();
  assert.equal(await panel.locator('dt:has-text("Finished") + dd').innerText(), 'Not yet');
  await panel.locator('dt:has-text("Buyers choose until") + dd').waitFor();
  await screenshot(page, 'console-settlement-in-progress');

  // The buyer's choice settles the last order; the open panel catches up by itself.
  await client.post(`/orders/${order.id}/choice`, { resolution: 'credit' });
  await page.locator('#settlement[data-finished="true"]').waitFor({ timeout: 20_000 });
  await panel.getByText('Finished: every order is settled.').waitFor();
  await expectRow(panel, 'credited', 'Credited', 1, order.total);
  assert.equal(await panel.locator('tr[data-status="awaiting_choice"]').count(), 0);
  expectNoPageErrors(page);
  await page.close();
});
