// Full-page pictures for people to look at (tests/browser/screenshots/, kept out of git).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { screenshotsDir } from './paths.mjs';

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name file name without .png, e.g. "checkout-phone"
 * @returns {Promise<string>} the file written
 */
export async function screenshot(page, name) {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
