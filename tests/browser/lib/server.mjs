// A fresh boxoffice server per test file: its own SQLite file in a temporary folder, demo data,
// the repository's web pages, and a port the kernel picked (read back from the "ready" log line,
// as tests/support/server_process.cpp does, so two servers can never race for one port).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBinary, webRoot } from './paths.mjs';

const readyTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;
const keptLogChars = 256 * 1024;
const shownLogLines = 80;

// Servers still running, so that however this process ends none of them is left behind.
const running = new Set();

function killAll() {
  for (const server of running) {
    try {
      server.child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(server.dir, { recursive: true, force: true });
  }
  running.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]);
  });
}

const dirPrefix = 'boxoffice-browser-';

// A test process killed outright cannot delete its folder; the next one does, once the owner
// (whose pid each folder records) is gone.
function removeOrphanedDirs() {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(dirPrefix))) {
    const dir = join(tmpdir(), name);
    try {
      process.kill(Number(readFileSync(join(dir, 'owner.pid'), 'utf8')), 0);
    } catch (error) {
      if (error.code === 'ESRCH') rmSync(dir, { recursive: true, force: true });
    }
  }
}

// setpriv asks the kernel to kill the server when this process dies, even by SIGKILL (a ctest
// timeout), which no handler above can see.
const pdeathsig = existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--pdeathsig', 'KILL'] : [];

// The harness's defaults give way to the same option in `args` (the server refuses an option given
// twice). Info level because the port is only logged there; the log is kept, not printed.
function commandLine(binary, dir, args, demo) {
  const defaults = [
    ['--listen', '127.0.0.1:0'],
    ['--database', `sqlite:${join(dir, 'boxoffice.db')}`],
    ['--web-root', webRoot()],
    ['--log-level', 'info'],
    ['--io-threads', '2'],
    ['--db-threads', '4'],
    // An open event stream would otherwise hold the shutdown for the default 20 s.
    ['--drain-timeout', '1'],
  ];
  const given = new Set(args.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0]));
  const options = defaults.filter(([name]) => !given.has(name)).flat();
  return [binary, 'serve', ...options, ...(demo ? ['--demo'] : []), ...args];
}

/**
 * Starts a server and resolves once /healthz answers.
 * @param {{args?: string[], demo?: boolean}} options extra `serve` options, and whether to load
 *   the demo venue, events and accounts (yes unless told otherwise).
 * @returns {Promise<{url: string, log: () => string, stop: () => Promise<void>}>}
 */
export async function startServer({ args = [], demo = true } = {}) {
  const binary = serverBinary();
  removeOrphanedDirs();
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const [program, ...argv] = [...pdeathsig, ...commandLine(binary, dir, args, demo)];
  const child = spawn(program, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = { child, dir };
  running.add(server);

  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-keptLogChars);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let ending = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve((ending = { code, signal })));
    child.on('error', (error) => resolve((ending = { error })));
  });

  const cleanUp = () => {
    running.delete(server);
    rmSync(dir, { recursive: true, force: true });
  };
  const fail = async (why) => {
    child.kill('SIGKILL');
    await exited;
    cleanUp();
    throw new Error(`${why}\ncommand: ${[program, ...argv].join(' ')}\nserver output:\n${output}`);
  };

  const deadline = Date.now() + readyTimeoutMs;
  let url = null;
  for (;;) {
    const port = output.match(/ready listen=[^ ]+:(\d+)/)?.[1];
    if (port) {
      url ||= `http://127.0.0.1:${port}`;
      if (await healthy(url)) break;
    }
    if (Date.now() >= deadline) return fail(`server not ready after ${readyTimeoutMs} ms`);
    const ended = await Promise.race([exited, sleep(50)]);
    if (ended) return fail(`server ended before it was ready (${describe(ended)})`);
  }

  const logTail = (lines = shownLogLines) => output.trimEnd().split('\n').slice(-lines).join('\n');
  return {
    url,
    /** Everything the server printed (its last 256 KiB). */
    log: () => output,
    /** The last lines the server printed. */
    logTail,
    /** Why the server has ended (e.g. "signal SIGSEGV"), or null while it runs. */
    ended: () => (ending ? describe(ending) : null),
    /** Ends the server with SIGTERM; throws, with its output, if it crashed or shut down badly. */
    async stop() {
      if (!running.has(server)) return;
      const crashed = ending;
      if (!crashed) {
        child.kill('SIGTERM');
        if (!(await Promise.race([exited, sleep(stopTimeoutMs)]))) {
          child.kill('SIGKILL');
          await exited;
          cleanUp();
          throw new Error(`server still running ${stopTimeoutMs} ms after SIGTERM\n${logTail()}`);
        }
      }
      cleanUp();
      if (crashed || ending.code !== 0) {
        const when = crashed ? 'while the tests ran' : 'on SIGTERM';
        throw new Error(`server ended ${when} (${describe(ending)}); its output:\n${logTail()}`);
      }
    },
  };
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

function describe({ code, signal, error }) {
  if (error) return error.message;
  return signal ? `signal ${signal}` : `exit code ${code}`;
}
