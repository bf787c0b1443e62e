// After a cancellation, from the buyer's side: "My orders" says what became of each order, the
// order page shows its tickets void, and credit taken instead of money shows as a balance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, buyStanding, demo, expectNoPageErrors, freshEventOnSale, newBuyer, newPage, screenshot, signInWithApi, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();
const euros = (minor) => `€${(minor / 100).toFixed(2)}`;

// A buyer's order for a fresh event, then the event cancelled with `resolution`.
async function cancelledOrder(name, resolution) {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, `${name} show`);
  const buyer = await newBuyer(site.url, name);
  const { client, order } = await buyStanding(site.url, buyer, event.id, 2);
  await manager.post(`/events/${event.id}/cancel`, { resolution });
  return { buyer, client, order, event };
}

const orderCard = (page, order) => page.locator(`#order-list li[data-order-id="${order.id}"]`);

test('the buyer of a refunded order sees it refunded and its tickets void', async () => {
  const { buyer, order } = await cancelledOrder('Refunded Fan', 'refund');
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await page.goto(`${site.url}/orders.html`);
  const card = orderCard(page, order);
  await card.locator('.order-state').getByText('Cancelled: refunded', { exact: true }).waitFor();
  await card.getByText(`The event was cancelled: ${euros(order.total)} was paid back.`).waitFor();
  await page.locator('#credit-none').getByText('No credit and no vouchers.').waitFor();
  await screenshot(page, 'my-orders-refunded');

  await card.getByRole('link').click();
  const section = page.locator(`section[data-order-id="${order.id}"]`);
  await section.locator('.order-settlement[data-status="refunded"]').getByText('Cancelled: refunded').waitFor();
  const tickets = section.locator('li.ticket');
  await tickets.first().waitFor();
  assert.equal(await tickets.count(), order.tickets.length);
  assert.equal(await section.locator('li.ticket.void').count(), order.tickets.length, 'every ticket is void');
  assert.equal(await section.getByText('This ticket was cancelled with its event.').count(), order.tickets.length);
  assert.equal(await section.locator('img.qr, canvas, svg').count(), 0, 'no code that admits is shown');
  assert.equal(await section.getByText('Transfer this ticket').count(), 0);
  await screenshot(page, 'order-refunded');
  expectNoPageErrors(page);
  await page.close();
});

test('a buyer asked to choose sees it, and credit taken shows as their balance', async () => {
  const { buyer, client, order } = await cancelledOrder('Choosing Fan', 'buyer_choice');
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await expectAccessible(page, site.url, '/orders.html', (p) => orderCard(p, order).locator('.order-state').waitFor());
  await orderCard(page, order).getByText(/^Cancelled: choose (refund|credit|voucher)/).waitFor();

  await expectAccessible(page, site.url, `/order.html?ids=${order.id}`,
    (p) => p.getByRole('group', { name: 'How you want to be settled' }).waitFor());
  const choice = page.getByRole('group', { name: 'How you want to be settled' });
  await choice.getByRole('button', { name: 'Take credit' }).waitFor();
  await choice.getByRole('button', { name: 'Get a refund' }).waitFor();
  await screenshot(page, 'order-awaiting-choice');

  const settled = await client.post(`/orders/${order.id}/choice`, { resolution: 'credit' });
  assert.equal(settled.status, 'credited');
  await expectAccessible(page, site.url, '/orders.html', (p) => p.locator('#credit-balance').waitFor());
  const credit = page.getByRole('region', { name: 'Credit and vouchers' });
  assert.equal(await credit.locator('#credit-balance strong[data-currency="EUR"]').innerText(), euros(order.total));
  const movements = credit.getByRole('list', { name: 'Latest credit movements' });
  await movements.getByText(`+${euros(order.total)}`).waitFor();
  assert.equal(await movements.getByRole('link', { name: 'Choosing Fan show' }).getAttribute('href'), `/order.html?ids=${order.id}`);
  await credit.getByText('No vouchers.').waitFor();
  await orderCard(page, order).locator('.order-state').getByText('Cancelled: credited', { exact: true }).waitFor();
  await screenshot(page, 'my-orders-credit');
  expectNoPageErrors(page);
  await page.close();
});

test('a buyer asked to choose takes a refund on the order page', async () => {
  const { buyer, client, order } = await cancelledOrder('Refund Chooser', 'buyer_choice');
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await page.goto(`${site.url}/order.html?ids=${order.id}`);
  const choice = page.getByRole('group', { name: 'How you want to be settled' });
  await choice.getByRole('button', { name: 'Get a refund' }).click();
  const section = page.locator(`section[data-order-id="${order.id}"]`);
  await section.locator('.order-settlement[data-status="refunded"]').getByText('Cancelled: refunded').waitFor();
  assert.equal(await choice.count(), 0, 'nothing is left to choose');
  assert.equal((await client.get(`/orders/${order.id}`)).status, 'refunded');
  expectNoPageErrors(page);
  await page.close();
});

test('vouchers from a cancelled event show with the event where they pay', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const [event, rescheduled] = [await freshEventOnSale(manager, 'Moved show'), await freshEventOnSale(manager, 'Moved show, new date')];
  const buyer = await newBuyer(site.url, 'Voucher Fan');
  const { client, order } = await buyStanding(site.url, buyer, event.id, 2);
  await manager.post(`/events/${event.id}/cancel`, { resolution: 'voucher', rescheduled_event_id: rescheduled.id });
  const { vouchers } = await client.get('/accounts/me/vouchers');
  assert.equal(vouchers.length, order.tickets.length);

  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await expectAccessible(page, site.url, '/orders.html', (p) => p.getByRole('list', { name: 'Vouchers' }).waitFor());
  await orderCard(page, order).locator('.order-state').getByText('Cancelled: vouchers issued', { exact: true }).waitFor();
  const credit = page.getByRole('region', { name: 'Credit and vouchers' });
  await credit.getByText('No credit.').waitFor();
  for (const voucher of vouchers) {
    const line = credit.locator(`li[data-voucher="${voucher.code}"]`);
    await line.getByText(voucher.code).waitFor();
    await line.getByText(`${euros(voucher.value)} · Not used yet`).waitFor();
    assert.equal(await line.getByRole('link', { name: 'Moved show, new date' }).getAttribute('href'), `/event.html?id=${rescheduled.id}`);
  }
  await screenshot(page, 'my-orders-vouchers');
  expectNoPageErrors(page);
  await page.close();
});
