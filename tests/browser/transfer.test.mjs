// A buyer gives a ticket to a friend from the order page: the ticket shows as given away, and the
// friend finds it among their orders with a code of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, apiClient, expectNoPageErrors, newBuyer, newPage, payForHold, screenshot, signInWithApi, useSite } from './lib/index.mjs';

const site = useSite();

test('a buyer transfers a ticket from the order page and the receiver has it', async () => {
  const { events } = await apiClient(site.url).get('/events');
  const event = events.find((e) => e.sales_open);
  const giver = await newBuyer(site.url, 'Giver');
  const friend = await newBuyer(site.url, 'Friend');
  const client = await apiAs(site.url, giver.email, giver.password);
  const hold = await client.post('/holds', { event_id: event.id, section: 'floor', quantity: 2 });
  const { ticket_types: types } = await client.get(`/events/${event.id}/ticket-types`);
  const order = await payForHold(site.url, client, hold, types.find((t) => t.sections.length === 0).id, giver);

  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, giver.email, giver.password);
  await page.goto(`${site.url}/order.html?ids=${order.id}`);
  const first = page.locator(`li[data-ticket-id="${order.tickets[0].id}"]`);
  await first.getByText('Transfer this ticket').click();
  // An unknown e-mail is named next to the field; nothing changes.
  await first.getByRole('textbox').fill('nobody.here@example.com');
  await first.getByRole('button', { name: 'Transfer' }).click();
  await first.getByText(/no account has this e-mail/).waitFor();
  await first.getByRole('textbox').fill(friend.email);
  await first.getByRole('button', { name: 'Transfer' }).click();
  await first.getByText(`Transferred to ${friend.email}`).waitFor();
  await first.getByText('given to someone else').waitFor();
  assert.equal(await first.locator('img.qr').count(), 0);
  await screenshot(page, 'order-transferred');

  await page.reload();
  await page.locator(`li[data-ticket-id="${order.tickets[0].id}"]`).getByText('given to someone else').waitFor();
  assert.equal(await page.locator(`li[data-ticket-id="${order.tickets[1].id}"]`).getByText('Transfer this ticket').count(), 1);
  expectNoPageErrors(page);
  await page.close();

  const theirs = await (await apiAs(site.url, friend.email, friend.password)).get('/orders');
  assert.equal(theirs.orders.length, 1);
  assert.equal(theirs.orders[0].payment_method, 'transfer');
  assert.notEqual(theirs.orders[0].tickets[0].code, order.tickets[0].code);
  const received = await newPage(site.browser);
  await signInWithApi(received, site.url, friend.email, friend.password);
  await received.goto(`${site.url}/order.html?ids=${theirs.orders[0].id}`);
  await received.locator(`li[data-ticket-id="${theirs.orders[0].tickets[0].id}"]`).getByText('Transfer this ticket').waitFor();
  expectNoPageErrors(received);
  await received.close();
});
