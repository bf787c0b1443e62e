// Accessibility checked by a tool, not by eye: axe-core on every page of the manager's console,
// each once it has drawn what it loads (the buyer's are in accessibility-buyer.test.mjs).
import { test } from 'node:test';
import { apiAs, demo, expectNoPageErrors, newPage, signInWithApi, useSite } from './lib/index.mjs';
import { expectAccessible } from './lib/axe.mjs';

const site = useSite();
const check = (page, path, ready) => expectAccessible(page, site.url, path, ready);

test('the console\'s pages have no serious or critical accessibility violations', async () => {
  const manager = await apiAs(site.url, demo.manager.email, demo.manager.password);
  const { events } = await manager.get('/events?limit=100');
  const event = events.find((e) => e.status === 'on_sale');
  const { venues } = await manager.get('/venues');
  const venue = venues[0];
  const { layouts } = await manager.get(`/venues/${venue.id}/layouts`);
  const page = await newPage(site.browser);
  await signInWithApi(page, site.url, demo.manager.email, demo.manager.password);
  await check(page, '/manage/', (p) => p.locator('#events-table tbody tr').first().waitFor());
  await check(page, '/manage/venues.html', (p) => p.locator(`a[href*="${venue.id}"]`).first().waitFor());
  await check(page, `/manage/venue.html?id=${venue.id}`, (p) => p.getByRole('heading', { name: venue.name }).first().waitFor());
  await check(page, `/manage/layout.html?venue=${venue.id}&layout=${layouts[0].id}`, (p) => p.getByRole('button', { name: /^Save version/ }).waitFor());
  await check(page, `/manage/event.html?id=${event.id}`, (p) => p.getByRole('heading', { name: event.name }).first().waitFor());
  await check(page, '/manage/event.html', (p) => p.locator('form input').first().waitFor());
  await check(page, `/manage/dashboard.html?id=${event.id}`, (p) => p.locator('#live-state.live').waitFor());
  expectNoPageErrors(page);
  await page.close();
});
