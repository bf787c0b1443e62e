// The seat selector's countdown running out (a minute of waiting, so in a file of its own: the
// other selector tests stay well inside a file's time).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, demo, expectNoPageErrors, newBuyer, newPage, useSite } from './lib/index.mjs';
import { selectorHelpers } from './lib/selector.mjs';

const site = useSite();
const { eventOnSale, openSelector, seat, chooseSection, waitForName } = selectorHelpers(site);

test('when the countdown ends the page says so, and the seat is free for another buyer', async () => {
  const event = await eventOnSale();
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const holdSeconds = 60; // the least openapi's EventPatch allows
  await manager.patch(`/events/${event.id}`, { hold_seconds: holdSeconds });
  try {
    const page = await newPage(site.browser);
    await openSelector(page, event.id, await newBuyer(site.url, 'Slow Buyer'));
    await chooseSection(page, 'Section 107');
    await seat(page, 'E', 7).click();
    await waitForName(seat(page, 'E', 7), /held by you/);
    assert.match(await page.getByRole('timer').textContent(), /^[01]:\d\d$/);

    await page
      .getByRole('status')
      .getByText(/Your time is up: the hold has expired/)
      .waitFor({ timeout: (holdSeconds + 15) * 1000 });
    await waitForName(seat(page, 'E', 7), /^Row E, seat 7, available, /);
    await page.waitForFunction(() => document.querySelectorAll('#basket-items li').length === 0);
    await page.getByText('You hold no places yet').waitFor();

    const other = await newBuyer(site.url, 'Next Buyer');
    const next = await apiAs(site.url, other.email, other.password);
    const hold = await next.post('/holds', { event_id: event.id, seats: ['107/E/7'] });
    assert.equal(hold.status, 'active');
    await waitForName(seat(page, 'E', 7), /^Row E, seat 7, taken$/);
    expectNoPageErrors(page);
    await page.close();
  } finally {
    await manager.patch(`/events/${event.id}`, { hold_seconds: 1800 });
  }
});
