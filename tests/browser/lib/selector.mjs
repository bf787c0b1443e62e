// The seat selector's page as the selector tests drive it: the demo's event on sale, the page
// opened and live, sections and seats found by their accessible names. Bound to a test file's
// site (useSite), whose url is known once its tests run.
import assert from 'node:assert/strict';
import { apiClient } from './api.mjs';
import { signInWithApi } from './signin.mjs';

export function selectorHelpers(site) {
  async function eventOnSale() {
    const { events } = await apiClient(site.url).get('/events');
    const event = events.find((e) => e.sales_open);
    assert.ok(event, 'the demo has an event on sale');
    return event;
  }

  // The page is ready once the map has drawn its sections and the stream is live.
  async function openSelector(page, eventId, buyer) {
    if (buyer) await signInWithApi(page, site.url, buyer.email, buyer.password);
    await page.goto(`${site.url}/select.html?event=${eventId}`);
    await page.locator('#venue-map [role="button"]').first().waitFor();
    await page.locator('#live-status[data-status="live"]').waitFor();
  }

  const mapSection = (page, name) => page.getByRole('button', { name: new RegExp(`^${name}, `) });
  const seat = (page, row, number) => page.getByRole('button', { name: new RegExp(`^Row ${row}, seat ${number}, `) });

  async function chooseSection(page, name) {
    await mapSection(page, name).click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
  }

  async function waitForName(locator, pattern, timeout = 5000) {
    await locator.page().waitForFunction(
      ([element, source]) => new RegExp(source).test(element.getAttribute('aria-label')),
      [await locator.elementHandle(), pattern.source],
      { timeout },
    );
  }

  return { eventOnSale, openSelector, mapSection, seat, chooseSection, waitForName };
}
