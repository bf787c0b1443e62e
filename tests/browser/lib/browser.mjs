// Debian's chromium driven by playwright-core (no downloaded browser), and pages that remember
// everything that went wrong in them so a test can fail on it.
import { AssertionError } from 'node:assert';
import { chromium } from 'playwright-core';

/**
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    // No sandbox: CI runs as root, where chromium refuses to start with it. Containers often
    // have a tiny /dev/shm, which crashes tabs.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export const viewports = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

// Per page: what went wrong and how much of it a test has already looked at.
const problemsOf = new WeakMap();
const openPages = new Set();
let newPages = [];

/**
 * A page in its own browser context (own storage, so own session), English (UK) and UTC, so
 * money, dates and "venue time zone, not the browser's" come out the same on every machine.
 * @param {import('playwright-core').Browser} browser
 * @param {{viewport?: 'desktop'|'phone'|{width: number, height: number}} & object} options
 *   `viewport` a name from `viewports` or a size; any other playwright context option.
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function newPage(browser, { viewport = 'desktop', ...options } = {}) {
  const device = typeof viewport === 'string' ? viewports[viewport] : { viewport };
  if (!device) throw new Error(`unknown viewport ${viewport}`);
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'UTC',
    ...device,
    ...options,
  });
  // Playwright's 30 s would make every missing element cost half a minute; 15 s is still far more
  // than any page here needs on a loaded machine. A slow step can pass its own `timeout`.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  problemsOf.set(page, { problems, checked: 0 });
  openPages.add(page);
  newPages.push(page);
  page.on('close', () => {
    openPages.delete(page);
    context.close().catch(() => {});
  });

  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack || error.message}`));
  page.on('console', (message) => {
    // A fetch answered 4xx/5xx logs this; the answers are judged below instead.
    if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
    problems.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const status = response.status();
    const brokenFile = status === 404 && !pathname.startsWith('/api/');
    if (status >= 500 || brokenFile) {
      problems.push(`${status} for ${response.request().method()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // Leaving a page aborts its fetches and event streams; that is not a fault.
    const failure = request.failure()?.errorText || 'failed';
    if (failure === 'net::ERR_ABORTED') return;
    problems.push(`request failed (${failure}): ${request.method()} ${request.url()}`);
  });
  return page;
}

/** What went wrong in the page so far: uncaught errors, console errors, broken requests. */
export function pageProblems(page) {
  return [...(problemsOf.get(page)?.problems || [])];
}

/** Problems that came after the page's last expectNoPageErrors (all of them if it had none). */
export function uncheckedProblems(page) {
  const state = problemsOf.get(page);
  return state ? state.problems.slice(state.checked) : [];
}

/**
 * Fails the test if the page threw, logged a console error, got a 5xx or a missing file, or lost a
 * request. useSite also checks, after each test, whatever came after a page's last call of this.
 * @param {{allow?: RegExp[]}} options problems a test provokes on purpose
 */
export function expectNoPageErrors(page, { allow = [] } = {}) {
  const state = problemsOf.get(page);
  if (state) state.checked = state.problems.length;
  const left = pageProblems(page).filter((p) => !allow.some((pattern) => pattern.test(p)));
  if (left.length === 0) return;
  throw new AssertionError({
    message: `the page ${page.url()} had ${left.length} problem(s):\n  ${left.join('\n  ')}`,
  });
}

/** Pages not yet closed, for a screenshot when a test fails. */
export function pagesStillOpen() {
  return [...openPages];
}

/** Pages made since the last call (site.mjs asks after each test). */
export function takeNewPages() {
  const pages = newPages;
  newPages = [];
  return pages;
}
