// The honest odds in the waiting room (issue 15, item 11): a small standing event with a line
// longer than its places. The front of the line is told places should be there; the back is told
// early that they will very likely be gone, with the waiting list and another show offered; the
// words follow the sale live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, demo, expectNoPageErrors, newBuyer, newPage, payForHold, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();
const day = 86400_000;
const utc = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

// Six standing places, two at most per buyer, one shopper at a time; and a second show of it.
async function smallQueuedEvent(manager) {
  const venue = await manager.post('/venues', { name: 'Tiny Cellar', address: '', timezone: 'Europe/Berlin' });
  const layout = await manager.post(`/venues/${venue.id}/layouts`, {
    name: 'Standing only',
    effective_from: '2026-01-01T00:00:00Z',
    sections: [{ key: 'floor', name: 'Floor', kind: 'standing', capacity: 6 }],
  });
  const event = await manager.post('/events', {
    name: 'Cellar Sessions',
    venue_id: venue.id,
    layout_id: layout.id,
    currency: 'EUR',
    starts_at: utc(Date.now() + 40 * day),
    sales_open_at: utc(Date.now() - day),
    max_tickets_per_buyer: 2,
    visibility: 'public',
    queue: { enabled: true, max_active: 1 },
  });
  const type = await manager.post(`/events/${event.id}/ticket-types`, { name: 'Standard', price: 2000 });
  await manager.post(`/events/${event.id}/publish`);
  const second = await manager.post(`/events/${event.id}/duplicate`, { starts_at: utc(Date.now() + 41 * day) });
  await manager.post(`/events/${second.id}/publish`);
  return { event, second, type };
}

async function join(eventId, buyer) {
  const client = await apiAs(site.url, buyer.email, buyer.password);
  return { client, entry: await client.post(`/events/${eventId}/queue`, {}) };
}

test('the waiting room tells the front it should get places and the back, early, that it likely will not', { timeout: 180_000 }, async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const { event, second, type } = await smallQueuedEvent(manager);
  const line = [];
  for (let i = 0; i < 8; i += 1) line.push(await join(event.id, await newBuyer(site.url, `Fan ${i}`)));

  // The first is let in; seven wait. Nothing sold yet: 6 places at most 2 each serve 3 buyers,
  // one of them the shopper, so about 2 of those waiting can surely buy.
  const front = await newPage(site.browser);
  await front.goto(`${site.url}/queue.html?token=${encodeURIComponent(line[1].entry.token)}`);
  const frontOdds = front.locator('#queue-odds');
  await frontOdds.getByText('About 2 people ahead of you can still buy; you are 1st in line. Places should still be there when your turn comes.').waitFor();

  const back = await newPage(site.browser);
  await back.goto(`${site.url}/queue.html?token=${encodeURIComponent(line[7].entry.token)}`);
  const backOdds = back.locator('#queue-odds');
  await backOdds.getByText('Only about 2 people ahead of you can still buy; you are 7th in line. Places will very likely be gone before your turn.').waitFor();
  await backOdds.getByText(/stay in line as the waiting list/).waitFor();
  const other = backOdds.getByRole('link', { name: /^Cellar Sessions, / });
  assert.equal(await other.getAttribute('href'), `/event.html?id=${second.id}`);
  assert.match(await other.textContent(), /CES?T$/); // the other show's date in its venue's zone
  assert.equal(await frontOdds.getByRole('link').count(), 0, 'no offer to those likely to buy');
  const checked = await newPage(site.browser);
  await expectAccessible(checked, site.url, `/queue.html?token=${encodeURIComponent(line[6].entry.token)}`,
    (page) => page.locator('#queue-odds a').first().waitFor());
  await checked.close();

  // The first buys two places: four are left and the line moves on. Both pages follow, no reload.
  const first = line[0];
  const holdResponse = await fetch(`${site.url}/api/v1/holds`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${first.client.token}`, 'X-Queue-Token': first.entry.token },
    body: JSON.stringify({ event_id: event.id, section: 'floor', quantity: 2 }),
  });
  assert.equal(holdResponse.status, 201, await holdResponse.clone().text());
  await payForHold(site.url, first.client, await holdResponse.json(), type.id);

  await backOdds.getByText('Only about 1 person ahead of you can still buy; you are 6th in line. Places will very likely be gone before your turn.').waitFor({ timeout: 10_000 });
  // The front's turn came: no odds any more, the way in instead.
  await front.getByRole('link', { name: 'Choose seats' }).waitFor({ timeout: 10_000 });
  assert.equal(await frontOdds.isHidden(), true);
  for (const page of [front, back]) {
    expectNoPageErrors(page);
    await page.close();
  }
});
