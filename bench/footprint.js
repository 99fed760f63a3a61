// The footprint of each role as `npm start` runs it: idle RSS after start-up and the time of
// `--dry-run`, next to a bare `node` process measured in the same run (as ratios). Roles run on
// the embedded default (SQLite, in-process queue) in a fresh data directory with the first-start
// bootstrap off; the bot polls a local Bot API emulator with a fake token. Bounded: each process
// is stopped after it is measured, and a role that does not start within --start-timeout seconds
// is reported, not waited for.
//
// With --redis URL (a Redis on this machine) the roles run as on Amvera: BullMQ queues under a
// prefix of this run, heartbeats in Redis (the database stays SQLite; nothing is flushed).
//
// Usage: npx tsc -b && node bench/footprint.js [--runs 3] [--settle-ms 3000] [--start-timeout 30]
//          [--redis redis://127.0.0.1:6379/15]
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const { startEmulator } = require('@scoreline/bot-api-emulator');
const { parseArgs } = require('./lib/args');

const args = parseArgs(process.argv.slice(2));
const RUNS = args.runs ?? 3;
const SETTLE_MS = args['settle-ms'] ?? 3000;
const START_TIMEOUT_MS = (args['start-timeout'] ?? 30) * 1000;
const ROOT = path.resolve(__dirname, '..');
const START = path.join(ROOT, 'bin', 'start.js');
const ROLES = ['api', 'worker', 'tgbot', 'all'];
const FAKE_TOKEN = '1234567:BENCH-only-fake-token-not-a-secret0';
const REDIS_URL = args.redis;
if (REDIS_URL) {
  const host = new URL(REDIS_URL).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    throw new Error('--redis must be a Redis on this machine (127.0.0.1, ::1 or localhost)');
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (kb) => kb / 1024;

/** Resident set of a live process, from /proc (Linux), in kB. */
function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

function baseEnv(extra) {
  // Only what finds `node` and `npm`: no setting of the developer's shell reaches a role.
  // eslint-disable-next-line no-restricted-properties
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...extra };
}

/** Starts a process, waits until `ready(output)` (or a bound), settles, measures, stops it. */
async function idleRss(command, argv, env, ready) {
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!ready(out)) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${out}`);
      if (Date.now() > deadline) throw new Error(`not started within ${START_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return rssKb(child.pid);
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Wall time of a command run to completion, in ms; throws on a non-zero exit. */
function timed(command, argv, env) {
  const t0 = performance.now();
  const r = spawnSync(command, argv, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${command} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

async function main() {
  const tmp = mkdtempSync(path.join(tmpdir(), 'scoreline-footprint-'));
  const emulator = await startEmulator();
  try {
    const roleEnv = (role, run, extra = {}) =>
      baseEnv({
        ROLE: role,
        DATA_DIR: path.join(tmp, `${role}-${run}`),
        PORT: '0',
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        // Idle means idle: with the first-start bootstrap on, the worker would be measured in
        // the middle of importing and training the bundled history.
        BOOTSTRAP: '0',
        FOOTBALL_DATA_SYNC: '0',
        ...(REDIS_URL
          ? { REDIS_URL, QUEUE_PREFIX: `footprint-${process.pid}`, ENABLE_SCHEDULER: '0' }
          : {}),
        ...extra,
      });
    const bare = { rss: [], dry: [], npm: [] };
    const byRole = Object.fromEntries(ROLES.map((r) => [r, { rss: [], dry: [], npm: [] }]));
    for (let run = 0; run < RUNS; run++) {
      bare.rss.push(
        await idleRss(
          process.execPath,
          ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'],
          baseEnv({}),
          (out) => out.includes('ready'),
        ),
      );
      bare.dry.push(timed(process.execPath, ['-e', '0'], baseEnv({})));
      bare.npm.push(timed('npm', ['run', '--silent'], baseEnv({})));
      for (const role of ROLES) {
        const m = byRole[role];
        m.rss.push(
          await idleRss(
            process.execPath,
            [START],
            roleEnv(role, run, { LOG_LEVEL: 'info' }),
            (out) => out.includes(`started role=${role}`),
          ),
        );
        m.dry.push(timed(process.execPath, [START, '--dry-run'], roleEnv(role, `dry-${run}`)));
        m.npm.push(
          timed('npm', ['start', '--silent', '--', '--dry-run'], roleEnv(role, `npm-${run}`)),
        );
      }
    }

    const b = { rss: mb(median(bare.rss)), dry: median(bare.dry), npm: median(bare.npm) };
    const shape = REDIS_URL ? 'SQLite + Redis queues' : 'embedded default';
    console.log(`footprint (median of ${RUNS} runs; ${shape}; settle ${SETTLE_MS} ms)`);
    console.log(
      'process'.padEnd(14) +
        'idle RSS MB'.padStart(12) +
        '× bare'.padStart(8) +
        'dry-run s'.padStart(11) +
        '× bare'.padStart(8) +
        'npm start s'.padStart(13) +
        '× bare'.padStart(8),
    );
    const row = (name, rss, dry, npm) =>
      console.log(
        name.padEnd(14) +
          rss.toFixed(1).padStart(12) +
          (rss / b.rss).toFixed(2).padStart(8) +
          (dry / 1000).toFixed(2).padStart(11) +
          (dry / b.dry).toFixed(2).padStart(8) +
          (npm / 1000).toFixed(2).padStart(13) +
          (npm / b.npm).toFixed(2).padStart(8),
      );
    row('bare node', b.rss, b.dry, b.npm);
    for (const role of ROLES) {
      const m = byRole[role];
      row(`ROLE=${role}`, mb(median(m.rss)), median(m.dry), median(m.npm));
    }
    console.log(
      'bare: `node -e` idle / `node -e 0` / `npm run` (npm alone); roles: `node bin/start.js` ' +
        'idle / `node bin/start.js --dry-run` / `npm start -- --dry-run`',
    );
  } finally {
    await emulator.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exitCode = 1;
});
