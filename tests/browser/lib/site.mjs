// The usual test file set-up in one call: a fresh server and a browser for the whole file, and
// when a test fails, a screenshot of every open page and the end of the server's log.
import { after, afterEach, before } from 'node:test';
import { launchBrowser, pagesStillOpen } from './browser.mjs';
import { screenshot } from './screenshot.mjs';
import { startServer } from './server.mjs';

const logLinesOnFailure = 80;

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
  afterEach(async (t) => {
    if (t.passed !== false) return;
    const shots = [];
    for (const [i, page] of pagesStillOpen().entries()) {
      try {
        shots.push(await screenshot(page, `failed-${t.name}${i ? `-${i + 1}` : ''}`));
      } catch {
        // A crashed page has nothing to show.
      }
    }
    const log = site.server?.log().trimEnd().split('\n').slice(-logLinesOnFailure).join('\n');
    process.stderr.write(
      `\n--- "${t.name}" failed; screenshots: ${shots.join(', ') || 'none'}\n` +
        `--- last lines of the server log:\n${log}\n---\n`,
    );
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
