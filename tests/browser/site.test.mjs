// The site as a whole: the home page and the header every page shares, and the API document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demo, expectNoPageErrors, newPage, screenshot, signInWithApi, useSite } from './lib/index.mjs';
import { webRoot } from './lib/paths.mjs';

const site = useSite();

test('the home page answers with the site header and a sign-in link', async () => {
  const page = await newPage(site.browser);
  const response = await page.goto(site.url);
  assert.equal(response.status(), 200);
  assert.match(await page.title(), /boxoffice/i);
  const header = page.locator('#site-header');
  await header.getByRole('link', { name: 'boxoffice' }).waitFor();
  const signIn = header.getByRole('link', { name: 'Sign in' });
  assert.match(await signIn.getAttribute('href'), /^\/signin\.html\?next=%2F/);
  await screenshot(page, 'home');
  expectNoPageErrors(page);
  await page.close();
});

// Issue 15, item 10: every page asked for /favicon.ico and got a 404. Each page names its icon,
// and the old address answers too (browsers and bookmarks still ask for it).
test('every page has an icon, and /favicon.ico is there', async () => {
  const pages = readdirSync(webRoot(), { recursive: true }).filter((name) => name.endsWith('.html'));
  assert.ok(pages.length >= 14, `${pages.length} pages`);
  for (const name of pages) {
    const html = readFileSync(join(webRoot(), name), 'utf8');
    assert.match(html, /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml">/, `${name} links the icon`);
  }
  for (const [path, type] of [['/favicon.svg', 'image/svg+xml'], ['/favicon.ico', 'image/x-icon']]) {
    const response = await fetch(`${site.url}${path}`);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), type);
  }
});

test('the header fits a phone', async () => {
  const page = await newPage(site.browser, { viewport: 'phone' });
  await page.goto(site.url);
  await page.locator('#site-header').getByRole('link', { name: 'Sign in' }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
  await screenshot(page, 'home-phone');
  expectNoPageErrors(page);
  await page.close();
});

test('a signed-in person sees their name in the header and can sign out', async () => {
  const page = await newPage(site.browser);
  const session = await signInWithApi(page, site.url, demo.buyer.email, demo.buyer.password);
  await page.goto(site.url);
  const header = page.locator('#site-header');
  await header.getByText(session.account.name, { exact: true }).waitFor();
  await header.getByRole('link', { name: 'My orders' }).waitFor();
  await header.getByRole('button', { name: 'Sign out' }).click();
  await header.getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('boxoffice.session')), null);
  expectNoPageErrors(page);
  await page.close();
});

test('the API document loads', async () => {
  const page = await newPage(site.browser);
  const response = await page.goto(`${site.url}/api/v1/openapi.json`);
  assert.equal(response.status(), 200);
  const document = await response.json();
  assert.match(document.openapi, /^3\./);
  assert.ok(document.paths['/api/v1/events'], 'the document describes /api/v1/events');
  await page.close();
});
