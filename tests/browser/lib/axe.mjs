// axe-core on a page of the site (through @axe-core/playwright): a serious or critical violation
// fails the test; lesser ones are printed for the next look.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';

// Opens `path`, waits until the page has drawn what it loads (`ready`), and runs axe on it.
export async function expectAccessible(page, url, path, ready) {
  await page.goto(`${url}${path}`);
  await ready(page);
  const started = Date.now();
  // Only violations are listed in full: collecting every pass takes axe longer on large pages.
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const lines = (impacts) => violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  const lesser = lines(['minor', 'moderate']);
  console.log(`${path}: axe in ${Date.now() - started} ms${lesser.length ? `; ${lesser.join('\n  ')}` : ''}`);
  assert.deepEqual(lines(['serious', 'critical']), [], `${path} has serious or critical violations`);
}
