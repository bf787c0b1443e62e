// The usual test file set-up in one call: a fresh server and a browser for the whole file. After
// each test: if it failed, a screenshot of every open page and the end of the server's log; if it
// passed, a check that its pages had no problem nobody looked at (an uncaught error fails a test
// even when the test forgot expectNoPageErrors).
import { after, afterEach, before, beforeEach } from 'node:test';
import { launchBrowser, pagesStillOpen, takeNewPages, uncheckedProblems } from './browser.mjs';
import { screenshot } from './screenshot.mjs';
import { startServer } from './server.mjs';

/**
 * Call at the top of a test file. The returned object is filled in before the first test:
 * `site.url`, `site.server` (see startServer), `site.browser`.
 * @param {{args?: string[], demo?: boolean}} options passed to startServer
 */
export function useSite(options = {}) {
  const site = { url: null, server: null, browser: null };
  before(async () => {
    site.server = await startServer(options);
    site.url = site.server.url;
    site.browser = await launchBrowser();
  });
  beforeEach(() => {
    takeNewPages();
  });
  afterEach(async (t) => {
    const pages = takeNewPages();
    if (t.passed === false) {
      await reportFailure(site, t.name);
      return;
    }
    const unchecked = pages.flatMap((page) => uncheckedProblems(page));
    if (unchecked.length > 0) {
      throw new Error(
        `the test's pages had problems no expectNoPageErrors looked at:\n  ${unchecked.join('\n  ')}`,
      );
    }
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}

async function reportFailure(site, testName) {
  const shots = [];
  for (const [i, page] of pagesStillOpen().entries()) {
    try {
      shots.push(await screenshot(page, `failed-${testName}${i ? `-${i + 1}` : ''}`));
    } catch {
      // A crashed page has nothing to show.
    }
  }
  if (!site.server) return; // It did not start; the failure says why.
  const ended = site.server.ended();
  process.stderr.write(
    `\n--- "${testName}" failed; screenshots: ${shots.join(', ') || 'none'}\n` +
      (ended ? `--- the server has ended: ${ended}\n` : '') +
      `--- last lines of the server log:\n${site.server.logTail()}\n---\n`,
  );
}
