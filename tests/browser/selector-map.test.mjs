// Issue 15, items 5 and 6: the venue map tells the buyer something and works on a phone. The stage
// is drawn, sections and seats are coloured by price level (fees included) with a legend, labels
// are readable and stay inside their shapes, the map zooms (buttons and wheel), a tapped section
// brings its seats into view, seats zoom with a hint while some are off-screen, and the header
// keeps to two lines on a 390×844 phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, demo, expectNoPageErrors, newBuyer, newPage, screenshot, useSite } from './lib/index.mjs';
import { selectorHelpers } from './lib/selector.mjs';

const site = useSite();
const { eventOnSale, openSelector, mapSection, seat, chooseSection } = selectorHelpers(site);
const desktop = { width: 1366, height: 900 };

// A hall whose narrow "Left side" once let its label spill out, with a stage and two prices.
async function hallEvent() {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const venue = await manager.post('/venues', { name: 'Side Hall', address: '', timezone: 'Europe/London' });
  const layout = await manager.post(`/venues/${venue.id}/layouts`, {
    name: 'Hall with sides',
    effective_from: '2026-01-01T00:00:00Z',
    stage: { x: 100, y: 0, width: 300, height: 50, label: 'Main stage' },
    sections: [
      { key: 'left', name: 'Left side', kind: 'seated', rows: [{ label: 'A', from: 1, to: 6 }], geometry: { x: 0, y: 80, width: 60, height: 220 } },
      { key: 'stalls', name: 'Stalls', kind: 'seated', rows: [{ label: 'A', from: 1, to: 30 }, { label: 'B', from: 1, to: 30 }], geometry: { x: 100, y: 80, width: 300, height: 220 } },
    ],
  });
  assert.equal(layout.versions[0].stage.label, 'Main stage');
  const event = await manager.post('/events', {
    name: 'Side Hall Night', venue_id: venue.id, layout_id: layout.id, currency: 'EUR', visibility: 'public',
    starts_at: new Date(Date.now() + 30 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    sales_open_at: '2026-01-02T00:00:00Z',
  });
  await manager.post(`/events/${event.id}/ticket-types`, {
    name: 'Standard', price: 3000, fees: [{ name: 'Service fee', kind: 'fixed', amount: 250 }],
    price_levels: [{ sections: ['stalls'], rows: [], price: 5000 }],
  });
  await manager.post(`/events/${event.id}/publish`);
  return event;
}

const box = (locator) => locator.boundingBox();

test('the buyer zooms the venue map with its buttons and the wheel, and back to the whole venue', async () => {
  const event = await eventOnSale();
  const page = await newPage(site.browser, { viewport: desktop });
  await openSelector(page, event.id, await newBuyer(site.url, 'Map Zoomer'));
  const section = mapSection(page, 'Section 101');
  const before = await box(section);
  await page.getByRole('button', { name: 'Zoom in on the map' }).click();
  const zoomed = await box(section);
  assert.ok(zoomed.width > before.width * 1.4, `zoom in: ${before.width} → ${zoomed.width}`);
  await page.getByRole('button', { name: 'Show the whole venue' }).click();
  assert.ok(Math.abs((await box(section)).width - before.width) < 1, 'back to the whole venue');
  const map = await box(page.locator('#venue-map'));
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction(() => Number(document.querySelector('#venue-map').dataset.zoom) > 1);
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the wheel zooms the map, not the page');
  assert.ok(await page.locator('.map-stage').count() === 1, 'the demo arena has its stage');
  // From the whole venue into the seats: close up, the chosen section shows its seats in place,
  // and a seat held in the grid beside the map turns dark on it too.
  await page.getByRole('button', { name: 'Show the whole venue' }).click();
  await chooseSection(page, 'Section 101');
  const dots = page.locator('#venue-map .map-section.selected .map-seats circle');
  assert.equal(await dots.count(), 384);
  assert.equal(await dots.first().isVisible(), false, 'no seats on the whole-venue map');
  await page.getByRole('button', { name: 'Zoom in on the map' }).click();
  await page.getByRole('button', { name: 'Zoom in on the map' }).click();
  assert.equal(await dots.first().isVisible(), true, 'seats show close up');
  await seat(page, 'A', 1).click();
  await page.waitForFunction(() => document.querySelector('#venue-map .map-seats circle').dataset.state === 'mine');
  expectNoPageErrors(page);
  await page.close();
});

test('on a phone: two-line header, sections zoom to finger size, a tapped section shows its seats, seats zoom with a hint', async () => {
  const event = await eventOnSale();
  const page = await newPage(site.browser, { viewport: 'phone' });
  await openSelector(page, event.id, await newBuyer(site.url, 'Phone Tapper With A Long Name'));
  const lines = await page.evaluate(() => {
    const header = document.querySelector('#site-header');
    // Items whose middles lie within 12 px of each other share a line.
    const middles = [header.querySelector('.brand'), ...header.querySelectorAll('nav > *')]
      .map((e) => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; })
      .sort((a, b) => a - b);
    return middles.filter((m, i) => i === 0 || m - middles[i - 1] > 12).length;
  });
  assert.ok(lines <= 2, `the header takes ${lines} lines`);

  await mapSection(page, 'Section 106').tap();
  await page.getByRole('heading', { name: 'Section 106', exact: true }).waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('#seat-scroll').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight && document.querySelectorAll('#seat-area .seat').length > 0;
  });
  const firstSeat = await box(seat(page, 'A', 1));
  assert.ok(firstSeat.y >= 0 && firstSeat.y + firstSeat.height <= 844, `row A is in view: ${JSON.stringify(firstSeat)}`);
  // A 24-seat row does not fit 390 px: the hint says so, and the buttons change the seats' size.
  await page.locator('#seats-hidden').waitFor();
  assert.match(await page.locator('#seats-hidden').innerText(), /off-screen/);
  const small = (await box(seat(page, 'A', 1))).width;
  await page.getByRole('button', { name: 'Bigger seats' }).tap();
  const big = (await box(seat(page, 'A', 1))).width;
  assert.ok(big > small, `bigger seats: ${small} → ${big}`);
  await page.getByRole('button', { name: 'Smaller seats' }).tap();
  await page.getByRole('button', { name: 'Smaller seats' }).tap();
  assert.ok((await box(seat(page, 'A', 1))).width < small, 'smaller seats');
  // Back up to the map: zoomed in, sections are finger-sized, and a neighbour is one tap away.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Zoom in on the map' }).tap();
  const map = await box(page.locator('#venue-map'));
  for (const name of ['Section 106', 'Section 105']) {
    const target = await box(mapSection(page, name));
    assert.ok(Math.min(target.width, target.height) >= 44, `${name} is ${JSON.stringify(target)} on the zoomed map`);
    assert.ok(target.y >= map.y && target.y + target.height <= map.y + map.height, `${name} is on the map's screen`);
  }
  await screenshot(page, 'seat-map-phone');
  await mapSection(page, 'Section 105').tap();
  await page.getByRole('heading', { name: 'Section 105', exact: true }).waitFor();
  expectNoPageErrors(page);
  await page.close();
});

// Last: its event is on sale too, and eventOnSale would otherwise find it before the demo's.
test('the map draws the stage, colours sections and seats by price with a legend, and fits its labels', async () => {
  const event = await hallEvent();
  const page = await newPage(site.browser, { viewport: desktop });
  await openSelector(page, event.id, await newBuyer(site.url, 'Map Reader'));
  const stage = page.getByRole('img', { name: 'Main stage' });
  await stage.waitFor();
  // Fees included, as the basket asks: €30.00 + €2.50 and €50.00 + €2.50.
  const legend = page.getByRole('list', { name: 'Prices, fees included' }).getByRole('listitem');
  assert.deepEqual(await legend.allInnerTexts(), ['€32.50', '€52.50']);
  const colours = await legend.locator('.swatch').evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor));
  const fill = (name) => mapSection(page, name).locator('.outline').evaluate((e) => getComputedStyle(e).fill);
  assert.equal(await fill('Left side'), colours[0]);
  assert.equal(await fill('Stalls'), colours[1]);
  assert.notEqual(colours[0], colours[1]);
  // Each label inside its shape, at a readable size.
  for (const name of ['Left side', 'Stalls']) {
    const shape = await box(mapSection(page, name).locator('.outline'));
    const label = await box(mapSection(page, name).locator('text'));
    assert.ok(label.x >= shape.x - 0.5 && label.x + label.width <= shape.x + shape.width + 0.5, `${name}: label ${JSON.stringify(label)} in ${JSON.stringify(shape)}`);
    assert.ok(label.y >= shape.y - 0.5 && label.y + label.height <= shape.y + shape.height + 0.5, `${name}: label inside vertically`);
    const px = await mapSection(page, name).locator('tspan').first().evaluate((t) => t.getBoundingClientRect().height);
    assert.ok(px >= 11, `${name}: label ${px}px high`);
  }
  // Seats carry their row's price colour and say the price the buyer pays.
  await chooseSection(page, 'Stalls');
  const seatColour = await seat(page, 'A', 1).evaluate((e) => getComputedStyle(e).borderTopColor);
  assert.equal(seatColour, colours[1]);
  assert.match(await seat(page, 'A', 1).getAttribute('aria-label'), /^Row A, seat 1, available, €52\.50 incl\. fees$/);
  expectNoPageErrors(page);
  await page.close();
});
