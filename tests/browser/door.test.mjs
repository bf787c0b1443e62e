// The door page (/manage/door.html): a door account picks the event, types a ticket's code and
// gets a big green answer once, then a red "already checked in" for the same code; made-up codes
// are refused in words. A door account sees the door page and nothing else of the console; an
// administrator makes one on the accounts page (/manage/accounts.html).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiAs, demo, expectNoPageErrors, newBuyer, newPage, payForHold, screenshot, signInWithApi, useSite,
} from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();

async function doorAccount() {
  const admin = await apiAs(site.url, demo.admin.email, demo.admin.password);
  const door = { name: 'Dora Door', email: `door.${Date.now()}@example.test`, password: 'door-pass-123' };
  const account = await admin.post('/accounts', { ...door, role: 'door' });
  assert.equal(account.role, 'door');
  return door;
}

// One paid ticket of the demo's event on sale: { event, ticket }.
async function ticketOnSale() {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const { events } = await manager.get('/events?limit=100');
  const event = events.find((e) => e.status === 'on_sale');
  const { ticket_types: types } = await manager.get(`/events/${event.id}/ticket-types`);
  const buyer = await newBuyer(site.url, 'Door Buyer');
  const client = await apiAs(site.url, buyer.email, buyer.password);
  const hold = await client.post('/holds', { event_id: event.id, section: '101', quantity: 1 });
  const standard = types.find((t) => t.name === 'Standard') || types[0];
  const order = await payForHold(site.url, client, hold, standard.id);
  return { event, ticket: order.tickets[0] };
}

test('the door page admits a ticket once, then says when it came in', async () => {
  const door = await doorAccount();
  const { event, ticket } = await ticketOnSale();
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, door.email, door.password);
  await page.goto(`${site.url}/manage/door.html?event=${encodeURIComponent(event.id)}`);
  await page.locator('#door-event:not([disabled])').waitFor();
  assert.equal(await page.locator('#door-event').inputValue(), event.id);
  await page.getByText(/tickets checked in\./).waitFor();
  // A door account's console is the door page alone.
  const nav = page.getByRole('navigation', { name: 'Console' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Door']);
  // No camera in headless chromium without BarcodeDetector: the button stays hidden.
  const hasDetector = await page.evaluate(() => 'BarcodeDetector' in window);
  assert.equal(await page.locator('#door-camera').isVisible(), hasDetector);

  const code = page.getByLabel('Ticket code');
  await code.fill(ticket.code);
  await code.press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'Admitted' });
  await status.waitFor();
  const admitted = page.locator('.door-answer.admitted');
  assert.match(await admitted.textContent(), /Section 101, row \w+, seat \w+/);
  assert.match(await admitted.textContent(), /Checked in at \d\d:\d\d/);
  assert.equal(await code.inputValue(), '');
  assert.ok(await code.evaluate((el) => el === document.activeElement), 'the input is ready for the next scan');
  await page.getByText(/^\d+ of \d+ tickets checked in\.$/).waitFor();
  await screenshot(page, 'door-admitted');

  await code.fill(ticket.code);
  await code.press('Enter');
  const refused = page.locator('.door-answer.refused');
  await refused.waitFor();
  assert.match(await refused.textContent(), /Not admitted/);
  assert.match(await refused.textContent(), /Already checked in at \d\d:\d\d\./);
  assert.equal(await page.locator('.door-answer.admitted').count(), 0);
  await screenshot(page, 'door-refused');

  await code.fill('not-a-ticket');
  await code.press('Enter');
  await page.getByText('This is not a valid ticket code.').waitFor();
  expectNoPageErrors(page);
  await page.close();
});

test('the door page has no serious or critical accessibility violations; buyers are kept out', async () => {
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, demo.manager.email, demo.manager.password);
  await expectAccessible(page, site.url, '/manage/door.html', (p) => p.locator('#door-event:not([disabled])').waitFor());
  expectNoPageErrors(page);
  await page.close();

  const buyerPage = await newPage(site.browser);
  await signInWithApi(buyerPage, site.url, demo.buyer.email, demo.buyer.password);
  await buyerPage.goto(`${site.url}/manage/door.html`);
  await buyerPage.getByRole('heading', { name: 'Managers only' }).waitFor();
  await buyerPage.close();
});

test('an administrator makes a door account in the console, which then sees the door page alone', async () => {
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, demo.admin.email, demo.admin.password);
  await expectAccessible(page, site.url, '/manage/accounts.html', (p) => p.locator('#accounts-table').waitFor());
  const email = `dan.door.${Date.now()}@example.test`;
  await page.getByLabel('Name').fill('Dan Door');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('door-pass-456');
  await page.getByLabel('Role').selectOption('door');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Dan Door can now sign in as door.').waitFor();
  const row = page.locator('#accounts-table tr').filter({ hasText: email });
  assert.match(await row.textContent(), /Door/);
  expectNoPageErrors(page);
  await page.close();

  const door = await newPage(site.browser);
  await signInWithApi(door, site.url, email, 'door-pass-456');
  await door.goto(`${site.url}/manage/`);
  await door.getByRole('heading', { name: 'Managers only' }).waitFor();
  assert.deepEqual(await door.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents(), ['Door']);
  await door.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Door' }).click();
  await door.locator('#door-event:not([disabled])').waitFor();
  await door.close();

  const manager = await newPage(site.browser);
  await signInWithApi(manager, site.url, demo.manager.email, demo.manager.password);
  await manager.goto(`${site.url}/manage/accounts.html`);
  await manager.getByRole('heading', { name: 'Administrators only' }).waitFor();
  await manager.close();
});
