// Runs every tests/browser/*.test.mjs, one file at a time, with a readable report:
// `node tests/browser/run.mjs [name-filter...]`. (Node 20's --test takes no glob, so the files are
// listed here.) --test-force-exit: a test that leaves a server or browser running must not hang the
// suite until ctest's timeout; the exit handler in lib/server.mjs then kills the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserTestsDir } from './lib/paths.mjs';

if (!existsSync(join(browserTestsDir, 'node_modules/playwright-core'))) {
  console.error(`playwright-core is missing: run \`npm ci\` in ${browserTestsDir}`);
  process.exit(1);
}
const filters = process.argv.slice(2);
const files = readdirSync(browserTestsDir)
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort()
  .map((name) => join(browserTestsDir, name));
if (files.length === 0) {
  console.error(`no test files in ${browserTestsDir} match ${filters.join(' ')}`);
  process.exit(1);
}
const { status, error } = spawnSync(
  process.execPath,
  ['--test', '--test-force-exit', '--test-concurrency=1', '--test-reporter=spec', '--test-timeout=300000', ...files],
  // Escape codes (playwright colours its call logs) only garble ctest's log file.
  { stdio: 'inherit', env: process.stdout.isTTY ? process.env : { ...process.env, FORCE_COLOR: '0' } },
);
if (error) throw error;
process.exit(status ?? 1);
