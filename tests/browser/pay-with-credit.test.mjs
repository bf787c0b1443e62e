// Money from a cancellation spent again at checkout: credit pays a whole order when it covers the
// total, and a voucher pays for a place of the rescheduled show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, buyStanding, demo, expectNoPageErrors, freshEventOnSale, newBuyer, newPage, screenshot, signInWithApi, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();
const euros = (minor) => `€${(minor / 100).toFixed(2)}`;

// A buyer whose order of two standing places for a fresh event was settled by `resolution`.
async function settledBuyer(name, resolution, rescheduled) {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, `${name} cancelled show`);
  const buyer = await newBuyer(site.url, name);
  const { client, order } = await buyStanding(site.url, buyer, event.id, 2);
  await manager.post(`/events/${event.id}/cancel`, { resolution, ...(rescheduled ? { rescheduled_event_id: rescheduled.id } : {}) });
  return { buyer, client, order };
}

test('a buyer pays with their credit when it covers the order', async () => {
  const { buyer, client, order: refunded } = await settledBuyer('Credit Spender', 'credit');
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const event = await freshEventOnSale(manager, 'Spent on this show');
  // Three places cost more than the credit: card only. One place is covered.
  const big = await client.post('/holds', { event_id: event.id, section: 'floor', quantity: 3 });
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await page.goto(`${site.url}/checkout.html?event=${event.id}`);
  await page.locator('#places tbody tr').first().waitFor();
  assert.equal(await page.getByRole('radio', { name: 'My credit' }).isVisible(), false, 'credit is not offered when it does not cover the total');
  await client.delete(`/holds/${big.id}`);
  await client.post('/holds', { event_id: event.id, section: 'floor', quantity: 1 });

  await expectAccessible(page, site.url, `/checkout.html?event=${event.id}`, (p) => p.getByRole('radio', { name: 'My credit' }).waitFor());
  await page.getByText(`You have ${euros(refunded.total)} of credit.`).waitFor();
  await page.getByRole('radio', { name: 'My credit' }).check();
  assert.equal(await page.getByLabel('Card number').isVisible(), false, 'no card is asked for');
  const price = await page.locator('#total').innerText();
  await screenshot(page, 'checkout-credit');
  await page.getByRole('button', { name: `Pay ${price}` }).click();
  await page.waitForURL(/\/order\.html\?ids=ord_\w+$/);
  await page.getByText(/paid €[\d.]+ from your credit/).waitFor();
  expectNoPageErrors(page);

  const orderId = new URL(page.url()).searchParams.get('ids');
  const bought = await client.get(`/orders/${orderId}`);
  assert.equal(bought.payment_method, 'credit');
  assert.equal(euros(bought.total), price);
  const { balances } = await client.get('/accounts/me/credit');
  assert.equal(balances.find((b) => b.currency === 'EUR').amount, refunded.total - bought.total);
  await page.goto(`${site.url}/orders.html`);
  assert.equal(await page.locator('#credit-balance strong[data-currency="EUR"]').innerText(), euros(refunded.total - bought.total));
  expectNoPageErrors(page);
  await page.close();

  // A manager's refund of that order goes back to the credit, and the console says so.
  const consolePage = await newPage(site.browser);
  await signInWithApi(consolePage, site.url, demo.manager.email, demo.manager.password);
  await consolePage.goto(`${site.url}/manage/order.html?id=${orderId}`);
  await consolePage.getByRole('button', { name: /^Refund / }).first().click();
  await consolePage.getByRole('dialog').getByText(`${price} goes back to the buyer's credit.`).waitFor();
  await consolePage.getByRole('dialog').getByRole('button', { name: `Refund ${price}` }).click();
  await consolePage.getByText(`Refunded ${price}. The order is now refunded.`).waitFor();
  assert.equal((await client.get('/accounts/me/credit')).balances.find((b) => b.currency === 'EUR').amount, refunded.total);
  expectNoPageErrors(consolePage);
  await consolePage.close();
});

test('a voucher pays for a place of the rescheduled show', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const rescheduled = await freshEventOnSale(manager, 'The new date');
  const { buyer, client } = await settledBuyer('Voucher Spender', 'voucher', rescheduled);
  const { vouchers } = await client.get('/accounts/me/vouchers');
  await client.post('/holds', { event_id: rescheduled.id, section: 'floor', quantity: 1 });

  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, buyer.email, buyer.password);
  await page.goto(`${site.url}/checkout.html?event=${rescheduled.id}`);
  const field = page.getByLabel(/^Voucher code for Standing floor/);
  // A code that is not theirs is named next to its field.
  await field.fill('vch_not_mine');
  await page.getByLabel('Card number').fill('4242424242424242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.locator('.field-error').first().waitFor();
  await field.fill(vouchers[0].code);
  await page.locator('#voucher-row').waitFor();
  assert.equal(await page.locator('#voucher-total').innerText(), `−${euros(vouchers[0].value)}`);
  await screenshot(page, 'checkout-voucher');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL(/\/order\.html\?ids=ord_\w+$/);
  await page.getByText(`paid with voucher ${vouchers[0].code}`, { exact: false }).waitFor();
  expectNoPageErrors(page);
  await page.close();

  const after = (await client.get('/accounts/me/vouchers')).vouchers.find((v) => v.code === vouchers[0].code);
  assert.equal(after.status, 'redeemed');
});
