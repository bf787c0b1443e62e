// Where the harness finds the repository's pieces, so tests run the same from ctest, from
// tests/browser or from the repository root.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const browserTestsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(browserTestsDir, '../..');
export const screenshotsDir = resolve(browserTestsDir, 'screenshots');

export function webRoot() {
  return resolve(process.env.BOXOFFICE_WEB_ROOT || resolve(repoRoot, 'web'));
}

// ctest passes the binary it just built; by hand, a release build in build/ is the usual one.
export function serverBinary() {
  const binary = process.env.BOXOFFICE_BIN || resolve(repoRoot, 'build/boxoffice');
  if (!existsSync(binary)) {
    throw new Error(`no boxoffice binary at ${binary}: set BOXOFFICE_BIN (e.g. /work/bin/boxoffice)`);
  }
  return binary;
}
