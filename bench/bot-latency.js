// /predict latency and replies/s of the real bot through the local Bot API emulator, next to a
// bare telegraf echo bot on the same emulator in the same run.
//
// Two systems under test:
// - in-process (default), as ROLE=all runs it on the embedded default: the real bot
//   (long-polling the emulator) and the real worker over the in-process queue on SQLite, in this
//   process, started through the role table (bin/src/roles). The echo bot runs here too.
// - --split, as production runs it: the worker and the bot as two child processes
//   (bench/lib/role.js with ROLE=worker and ROLE=tgbot, through the same role table) over Redis
//   (--redis-url, a random QUEUE_PREFIX) and Postgres (a fresh database on --database-url's
//   server, dropped at the end; both default to the tests' URLs). The echo bot is a child process
//   too. Two scenarios: sequential (--seq-chats chats taking turns, one request in flight) and
//   concurrent (--chats chats at once). SQL statements are counted in both role processes
//   (bench/lib/count-sql.js patches pg's Client#query) and CPU per reply read from /proc. Each
//   answered /predict is also cut into hops at its BullMQ job's timestamps (bench/lib/job-hops.js):
//   message → job added → taken by the worker → result stored → card.
// Data: the bundled 2024/25 Premier League results (data/history/E0/season-2425.csv, imported as
// E0) and an E0 champion trained on them. Baseline: a bare telegraf bot with another token that
// answers every text with the same text.
//
// Chats send `/predict <home> - <away>` (a different pair every time) to the bot, a short text
// to the echo bot. A request's latency runs from the user's message entering the emulator to the
// bot's final answer being stored there: for the bot the card, whether sent directly or as the
// edit of a "⏳" placeholder; for the echo bot the echo. Both figures include the emulator and this
// client, which share this process.
//
// Usage: npx tsc -b && node bench/bot-latency.js [--split] [--chats 20] [--requests 10] \
//          [--seq-chats 30] [--max-seconds 120] [--predict-timeout-ms 30000] [--json] \
//          [--redis-url URL] [--database-url URL]
// --split also prints each role's CPU per /predict and its idle CPU (3 s with nothing to do);
// BENCH_CPU_PROF=<dir> has the worker and bot processes write V8 CPU profiles there.
// --json prints only the JSON line. Bounded: at most 200 chats, 50 requests per chat, 2,000
// requests per system, and a phase stops sending after --max-seconds.
//
// Mind the emulator at scale: every Bot API call wakes every waiting chat, and each one scans
// every bot message stored so far (all phases, both tokens). Its cost per reply so grows with
// chats × messages stored; past a few hundred chats or a few thousand messages it is the
// emulator being measured, not the bots. The echo bot runs before and after the bot, so the
// drift shows in the table.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { cpus, tmpdir } = require('node:os');
const path = require('node:path');
const { loadConfig } = require('@scoreline/config');
const { createDb, createSqlHeartbeatStore, migrateLatest } = require('@scoreline/db');
const { importFootballDataFile, parseFootballDataCsv } = require('@scoreline/feeds');
const { createMetricsRegistry } = require('@scoreline/ops');
const { DEFAULT_CANDIDATES, retrainLeague } = require('@scoreline/training');
const { createRoleQueue, startRoles } = require('../bin/dist/roles');
const { startEmulator } = require('@scoreline/bot-api-emulator');
const { Redis } = require('ioredis');
const knexLib = require('knex');
const { Telegraf } = require('telegraf');
const { parseArgs } = require('./lib/args');
const { hopBreakdown, readPredictJobs } = require('./lib/job-hops');

const BOT_TOKEN = '1234567:BENCH-only-fake-token-not-a-secret-0';
const ECHO_TOKEN = '7654321:BENCH-echo-fake-token-not-a-secret';
// Bundled history has no Div column: the league comes with the import.
const CSV = path.resolve(__dirname, '../data/history/E0/season-2425.csv');
const LEAGUE = 'E0';
// Warm-up, not counted: WARMUP_CHATS chats × WARMUP requests per system.
const WARMUP = 5;
const WARMUP_CHATS = 10;

const LIMITS = {
  chats: [1, 200, 20],
  requests: [1, 50, 10],
  'seq-chats': [1, 200, 30],
  'max-seconds': [5, 600, 120],
  'predict-timeout-ms': [1000, 60_000, 30_000],
};
// --split's services: the test suites' defaults.
const URLS = {
  'redis-url': 'redis://127.0.0.1:6379/15',
  'database-url': 'postgres://postgres@127.0.0.1:5432/test',
};

function readArgs(argv) {
  const json = argv.includes('--json');
  const split = argv.includes('--split');
  const args = parseArgs(argv.filter((a) => a !== '--json' && a !== '--split'));
  const out = { json, split };
  for (const key of Object.keys(args)) {
    if (!(key in LIMITS) && !(key in URLS)) throw new Error(`unknown option --${key}`);
  }
  for (const [key, dflt] of Object.entries(URLS)) out[key] = String(args[key] ?? dflt);
  for (const [key, [min, max, dflt]] of Object.entries(LIMITS)) {
    const v = args[key] ?? dflt;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new Error(`--${key} must be an integer from ${min} to ${max} (got ${args[key]})`);
    }
    out[key] = v;
  }
  for (const chats of ['chats', 'seq-chats']) {
    if (out[chats] * out.requests > 2000) {
      throw new Error(`--${chats} × --requests is ${out[chats] * out.requests}; at most 2000`);
    }
  }
  return out;
}

const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** A logger that drops info/debug but keeps warnings and errors for the report. */
function collectingLogger() {
  const lines = [];
  // setMyCommands is not emulated: its warning is expected on every start.
  const keep = (level) => (msg) => {
    if (!msg.startsWith('setMyCommands failed')) lines.push(`${level}: ${msg}`);
  };
  return { lines, logger: { info() {}, debug() {}, warn: keep('warn'), error: keep('error') } };
}

/** Every ordered pair of the file's teams, in a fixed shuffled order (mulberry32, seed 7). */
function teamPairs() {
  const { matches } = parseFootballDataCsv(readFileSync(CSV, 'utf8'), {
    file: CSV,
    league: LEAGUE,
  });
  const teams = [...new Set(matches.flatMap((m) => [m.home, m.away]))].sort();
  const pairs = [];
  for (const h of teams) for (const a of teams) if (h !== a) pairs.push([h, a]);
  let s = 7;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return { teams, pairs };
}

class ReplyError extends Error {}

const remaining = (deadline) => Math.max(1, Math.round(deadline - performance.now()));
const isCard = (text) => text.includes('Expected goals') && /<i>Model: /.test(text);

/**
 * Waits for the card: a direct reply, or a "⏳" placeholder and then an edit of it. Resolves with
 * the path it took; rejects with ReplyError for any other answer, or the emulator's timeout.
 */
async function awaitCard(chat, deadline) {
  const [first] = await chat.nextReplies(1, remaining(deadline));
  if (isCard(first.text)) return 'direct';
  if (!first.text.startsWith('⏳')) throw new ReplyError(first.text.slice(0, 80));
  for (;;) {
    const [edited] = await chat.nextEdits(1, remaining(deadline));
    if (!edited || edited.message_id !== first.message_id) continue;
    if (isCard(edited.text)) return 'placeholder';
    throw new ReplyError(edited.text.slice(0, 80));
  }
}

async function awaitEcho(chat, text, deadline) {
  const [reply] = await chat.nextReplies(1, remaining(deadline));
  if (reply.text !== text) throw new ReplyError(reply.text.slice(0, 80));
  return 'direct';
}

const quantile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;

/** CPU milliseconds (user + system) this process has used so far. */
function ownCpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * One phase: `chats` chats at once, each sending `requests` messages in turn; or, `sequential`,
 * the chats taking turns (round robin) with one request in flight at a time. A chat whose answer
 * times out stops (a late answer would be taken for the next one); so does every chat once the
 * phase is past maxSeconds. `cpuMs` reads the CPU time of the system under test (default: this
 * process).
 */
async function phase({
  emulator,
  token,
  chats,
  requests,
  maxSeconds,
  waitMs,
  message,
  answer,
  sequential = false,
  cpuMs = ownCpuMs,
}) {
  const clients = Array.from({ length: chats }, () => emulator.chat(token, { languageCode: 'en' }));
  const latencies = [];
  const answered = []; // { userId, start, end } per answered request, for the breakdown
  const paths = { direct: 0, placeholder: 0 };
  const errors = [];
  let timeouts = 0;
  let notSent = 0;
  const stopAt = performance.now() + maxSeconds * 1000;
  const stopped = new Set(); // chats that timed out
  /** One request of chat c; false when the chat must stop. */
  const one = async (chat, c, r) => {
    if (performance.now() > stopAt || stopped.has(c)) {
      notSent += 1;
      return false;
    }
    const text = message(c, r);
    const start = performance.now();
    try {
      await chat.send(text);
      const how = await answer(chat, text, start + waitMs);
      const end = performance.now();
      latencies.push(end - start);
      answered.push({ userId: chat.userId, start, end });
      paths[how]++;
      return true;
    } catch (err) {
      if (err instanceof ReplyError) {
        errors.push(err.message);
        return true;
      }
      timeouts++;
      stopped.add(c);
      return false;
    }
  };
  const cpu0 = cpuMs();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  if (sequential) {
    for (let r = 0; r < requests; r++) {
      for (const [c, chat] of clients.entries()) await one(chat, c, r);
    }
  } else {
    await Promise.all(
      clients.map(async (chat, c) => {
        for (let r = 0; r < requests; r++) {
          if (!(await one(chat, c, r))) {
            notSent += requests - r - 1;
            return;
          }
        }
      }),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs() - cpu0;
  const loopBusy = performance.eventLoopUtilization(elu0).utilization;
  latencies.sort((a, b) => a - b);
  return {
    requests: chats * requests,
    answered: latencies.length,
    seconds,
    repliesPerSec: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    errors: errors.length,
    timeouts,
    notSent,
    paths,
    firstErrors: [...new Set(errors)].slice(0, 3),
    // Process CPU (user + system, every thread) per answered request, and how busy the one event
    // loop was over the phase.
    cpuMsPerReply: cpu / Math.max(1, latencies.length),
    loopBusy,
    answeredLog: answered,
  };
}

/**
 * The queue as the bot sees it, noting when each predict request went in and its answer came
 * back, per requesting user (a chat's requests are sequential, so they pair up in order).
 */
function timedQueue(queue, samples) {
  return new Proxy(queue, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'request') {
        return async (name, ...rest) => {
          const start = performance.now();
          try {
            return await value.call(target, name, ...rest);
          } finally {
            const user = rest[0]?.requestedBy;
            if (name === 'predict' && samples.on && user !== undefined) {
              const list = samples.byUser.get(user) ?? [];
              list.push({ start, end: performance.now() });
              samples.byUser.set(user, list);
            }
          }
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Each answered /predict cut into before the queue, in the queue and worker, and after. */
function breakdown(answered, byUser) {
  const parts = { toQueue: [], queue: [], toCard: [] };
  const seen = new Map();
  for (const a of answered) {
    const k = seen.get(a.userId) ?? 0;
    seen.set(a.userId, k + 1);
    const q = byUser.get(String(a.userId))?.[k];
    if (!q || q.start < a.start || q.end > a.end) continue;
    parts.toQueue.push(q.start - a.start);
    parts.queue.push(q.end - q.start);
    parts.toCard.push(a.end - q.end);
  }
  const stats = (xs) => {
    xs.sort((x, y) => x - y);
    return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) };
  };
  return {
    n: parts.queue.length,
    toQueue: stats(parts.toQueue),
    queue: stats(parts.queue),
    toCard: stats(parts.toCard),
  };
}

function fmt(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** A phase's figures for the JSON line. */
const pick = (r) => ({
  requests: r.requests,
  answered: r.answered,
  p50Ms: Number(fmt(r.p50, 2)),
  p90Ms: Number(fmt(r.p90, 2)),
  p99Ms: Number(fmt(r.p99, 2)),
  maxMs: Number(fmt(r.max, 2)),
  repliesPerSec: Number(fmt(r.repliesPerSec, 2)),
  seconds: Number(fmt(r.seconds, 3)),
  errors: r.errors,
  timeouts: r.timeouts,
  notSent: r.notSent,
  cpuMsPerReply: Number(fmt(r.cpuMsPerReply, 3)),
  loopBusy: Number(fmt(r.loopBusy, 3)),
});

function table(rows, { loop = true } = {}) {
  const cols = [
    ['system', (r) => r.name],
    ['requests', (r) => String(r.requests)],
    ['answered', (r) => String(r.answered)],
    ['p50 ms', (r) => fmt(r.p50)],
    ['p90 ms', (r) => fmt(r.p90)],
    ['p99 ms', (r) => fmt(r.p99)],
    ['max ms', (r) => fmt(r.max)],
    ['replies/s', (r) => fmt(r.repliesPerSec)],
    ['errors', (r) => String(r.errors)],
    ['timeouts', (r) => String(r.timeouts)],
    ['cpu ms/reply', (r) => fmt(r.cpuMsPerReply, 2)],
    ...(loop ? [['loop busy', (r) => `${fmt(r.loopBusy * 100, 0)}%`]] : []),
  ];
  const cells = rows.map((r) => cols.map(([, f]) => f(r)));
  const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (vals) =>
    vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(cols.map(([h]) => h)), ...cells.map(line)].join('\n');
}

// --split: the roles as production runs them, each its own process.
const ROLE = path.resolve(__dirname, 'lib/role.js');
const COUNT_SQL = path.resolve(__dirname, 'lib/count-sql.js');
const ECHO_BOT = path.resolve(__dirname, 'lib/echo-bot.js');
const CHILD_STOP_MS = 20_000;
// BENCH_CPU_PROF=<dir>: the role processes write V8 CPU profiles there when they stop.
// eslint-disable-next-line no-restricted-properties
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const profArgs = (name) =>
  CPU_PROF_DIR
    ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR, '--cpu-prof-name', `${name}.cpuprofile`]
    : [];

/** CPU milliseconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** A child process of the split system; its last output lines are kept for the report. */
function startChild(name, args, env) {
  const child = spawn(process.execPath, args, {
    // The roles get exactly this environment (PATH passed on, as tests do for their children).
    // eslint-disable-next-line no-restricted-properties
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(...String(chunk).split('\n').filter(Boolean));
    if (output.length > 50) output.splice(0, output.length - 50);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (err) => output.push(`spawn: ${err.message}`));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    name,
    output,
    cpuMs: () => procCpuMs(child.pid),
    /** SQL statements the process sent so far (bench/lib/count-sql.js answers). */
    sqlCount() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no SQL count`)), 5_000);
        const onMessage = (m) => {
          if (m && typeof m.sqlCount === 'number') {
            clearTimeout(timer);
            child.off('message', onMessage);
            resolve(m.sqlCount);
          }
        };
        child.on('message', onMessage);
        child.send('sql-count');
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      let timer;
      const late = new Promise((resolve) => {
        timer = setTimeout(() => resolve('late'), CHILD_STOP_MS);
      });
      const how = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (how === 'late') {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`${name} did not stop within ${CHILD_STOP_MS} ms of SIGTERM`);
      }
    },
  };
}

/** Removes every Redis key of this run's queue prefix (never anything else). */
async function dropPrefix(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function mainSplit(opts) {
  const say = opts.json ? () => {} : (line) => console.log(line);
  const { teams, pairs } = teamPairs();
  const dir = mkdtempSync(path.join(tmpdir(), 'scoreline-bench-split-'));
  const suffix = randomBytes(5).toString('hex');
  const prefix = `bench-${suffix}`;
  const database = `bench_${suffix}`;
  const benchUrl = new URL(opts['database-url']);
  benchUrl.pathname = `/${database}`;
  const closers = [];
  const closeAll = async () => {
    while (closers.length) {
      const [what, close] = closers.pop();
      try {
        await close();
      } catch (err) {
        console.error(`closing ${what} failed:`, err instanceof Error ? err.message : err);
        process.exitCode = 1;
      }
    }
  };
  closers.push(['temp dir', () => rmSync(dir, { recursive: true, force: true })]);
  const children = [];
  try {
    const admin = knexLib({
      client: 'pg',
      connection: opts['database-url'],
      pool: { min: 0, max: 1 },
    });
    closers.push(['postgres admin', () => admin.destroy()]);
    await admin.raw('CREATE DATABASE ??', [database]);
    closers.push([
      'bench database',
      () => admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]),
    ]);
    closers.push(['redis keys', () => dropPrefix(opts['redis-url'], prefix)]);

    const workerDir = path.join(dir, 'worker');
    const setup0 = performance.now();
    const db = createDb({ client: 'pg', writerUrl: benchUrl.href });
    try {
      await migrateLatest(db);
      await importFootballDataFile(db, CSV, { league: LEAGUE });
      await retrainLeague(
        {
          db,
          registryDir: path.join(workerDir, 'models'),
          reportsDir: path.join(workerDir, 'reports'),
          keep: 2,
        },
        {
          league: LEAGUE,
          candidates: [DEFAULT_CANDIDATES[0]],
          minHistoryDays: 100,
          evalDays: 60,
          warmupDays: 0,
          refitDays: 14,
        },
      );
    } finally {
      await db.destroy();
    }
    say(
      `set-up (Postgres database, import E0 2024/25, train the champion): ${fmt(performance.now() - setup0, 0)} ms`,
    );

    const emulator = await startEmulator();
    closers.push(['emulator', () => emulator.stop()]);
    const common = {
      DATABASE_URL: benchUrl.href,
      REDIS_URL: opts['redis-url'],
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT: '10',
      ENABLE_SCHEDULER: '0',
      RETRAIN_CRON: 'off',
    };
    const roles = [
      startChild('worker', [...profArgs('worker'), '-r', COUNT_SQL, ROLE], {
        ...common,
        ROLE: 'worker',
        DATA_DIR: workerDir,
        MODEL_REGISTRY_PATH: path.join(workerDir, 'models'),
        REPORTS_DIR: path.join(workerDir, 'reports'),
      }),
      startChild('tgbot', [...profArgs('tgbot'), '-r', COUNT_SQL, ROLE], {
        ...common,
        ROLE: 'tgbot',
        DATA_DIR: path.join(dir, 'tgbot'),
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        STARTUP_DELAY_SEC: '0',
      }),
    ];
    const echo = startChild('echo bot', [ECHO_BOT, ECHO_TOKEN, emulator.apiRoot], {});
    children.push(...roles, echo);
    // Stopped in reverse: the bot before the worker, as a deploy would.
    for (const c of children) closers.push([c.name, () => c.stop()]);

    const waitMs = opts['predict-timeout-ms'] + 10_000;
    let sent = 0; // every /predict of the run gets its own pair (no duplicate suppression)
    const predictText = () => {
      const [home, away] = pairs[sent++ % pairs.length];
      return `/predict ${home} - ${away}`;
    };
    const cardAnswer = (chat, _text, deadline) => awaitCard(chat, deadline);
    const sumCpu = (list) => () => list.reduce((t, c) => t + c.cpuMs(), 0);
    const run = (token, message, answer, chats, requests, extra = {}) =>
      phase({
        emulator,
        token,
        chats,
        requests,
        maxSeconds: opts['max-seconds'],
        waitMs,
        message,
        answer,
        ...extra,
      });
    const sqlTotal = async () =>
      (await Promise.all(roles.map((r) => r.sqlCount()))).reduce((a, b) => a + b, 0);

    // Warm-up, not counted: both bots polling, the worker's champion loaded, pools opened, JIT.
    const warm = [
      await run(ECHO_TOKEN, (c, r) => `warm ${c}.${r}`, awaitEcho, WARMUP_CHATS, WARMUP),
      await run(BOT_TOKEN, predictText, cardAnswer, WARMUP_CHATS, WARMUP),
    ];
    if (warm.some((w) => w.answered < WARMUP_CHATS * WARMUP)) {
      const out = children.flatMap((c) => c.output.slice(-5).map((l) => `${c.name}: ${l}`));
      throw new Error(
        `warm-up failed: ${JSON.stringify(warm.map((w) => w.firstErrors))}\n${out.join('\n')}`,
      );
    }

    say(
      `node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? '?'}), ` +
        `${teams.length} teams; worker and bot: two processes (bench/lib/role.js), ` +
        `over Redis and Postgres; echo bot: its own process`,
    );
    // What the roles cost with nothing to do (polling, timers, heartbeats): CPU over 3 s idle.
    const IDLE_MS = 3_000;
    const idle0 = roles.map((r) => r.cpuMs());
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleCpu = Object.fromEntries(
      roles.map((r, i) => [r.name, ((r.cpuMs() - idle0[i]) * 1000) / IDLE_MS]),
    );
    say(
      `idle CPU (ms per s, over ${IDLE_MS / 1000} s): ` +
        Object.entries(idleCpu)
          .map(([name, ms]) => `${name} ${fmt(ms)}`)
          .join(', '),
    );
    const scenarios = [
      { name: 'sequential', chats: opts['seq-chats'], sequential: true },
      { name: 'concurrent', chats: opts.chats, sequential: false },
    ];
    const results = {};
    for (const sc of scenarios) {
      const extra = { sequential: sc.sequential };
      const echoBefore = await run(
        ECHO_TOKEN,
        (c, r) => `ping ${sc.name} ${c}.${r}`,
        awaitEcho,
        sc.chats,
        opts.requests,
        { ...extra, cpuMs: echo.cpuMs },
      );
      const sql0 = await sqlTotal();
      const roleCpu0 = roles.map((r) => r.cpuMs());
      const bot = await run(BOT_TOKEN, predictText, cardAnswer, sc.chats, opts.requests, {
        ...extra,
        cpuMs: sumCpu(roles),
      });
      const sqlPerPredict = ((await sqlTotal()) - sql0) / Math.max(1, bot.answered);
      // Each role's share of the CPU per reply (whole ticks of 10 ms, so only a phase's total).
      const cpuByRole = Object.fromEntries(
        roles.map((r, i) => [r.name, (r.cpuMs() - roleCpu0[i]) / Math.max(1, bot.answered)]),
      );
      const hops = hopBreakdown(bot.answeredLog, await readPredictJobs(opts['redis-url'], prefix));
      const echoAfter = await run(
        ECHO_TOKEN,
        (c, r) => `pong ${sc.name} ${c}.${r}`,
        awaitEcho,
        sc.chats,
        opts.requests,
        { ...extra, cpuMs: echo.cpuMs },
      );
      const rows = [
        { name: 'echo, before', ...echoBefore },
        { name: 'bot /predict', ...bot },
        { name: 'echo, after', ...echoAfter },
      ];
      const mean = (k) => (echoBefore[k] + echoAfter[k]) / 2;
      const ratio = {
        p50: bot.p50 / mean('p50'),
        p99: bot.p99 / mean('p99'),
        repliesPerSec: bot.repliesPerSec / mean('repliesPerSec'),
      };
      say('');
      say(
        `${sc.name}: ${sc.chats} chats × ${opts.requests} requests, ` +
          (sc.sequential ? 'taking turns, one request in flight' : 'all chats at once'),
      );
      say(table(rows, { loop: false }));
      say(
        `bot / echo (mean of both echo runs): p50 ×${fmt(ratio.p50)}, p99 ×${fmt(ratio.p99)}, ` +
          `replies/s ×${fmt(ratio.repliesPerSec, 2)}; SQL statements per /predict (bot + worker): ` +
          `${fmt(sqlPerPredict)}; cards: ${bot.paths.direct} direct, ${bot.paths.placeholder} ` +
          `via the "⏳" placeholder; CPU ms per /predict: ` +
          Object.entries(cpuByRole)
            .map(([name, ms]) => `${name} ${fmt(ms, 2)}`)
            .join(', '),
      );
      const hop = (k) => `${fmt(hops[k].p50)} / ${fmt(hops[k].p99)}`;
      say(
        `bot time by hop (${hops.n} requests, p50 / p99 ms): message → job added ${hop('toQueue')} ` +
          `· added → taken by the worker ${hop('pickup')} · taken → result stored ${hop('work')} ` +
          `· stored → card ${hop('toCard')} (answer reaching the bot, render, send)`,
      );
      for (const r of rows) {
        if (r.notSent) say(`${r.name}: ${r.notSent} requests not sent (timeout or --max-seconds)`);
        for (const e of r.firstErrors) say(`${r.name}: unexpected answer: ${JSON.stringify(e)}`);
        if (r.errors || r.timeouts) process.exitCode = 1;
      }
      results[sc.name] = {
        chats: sc.chats,
        requestsPerChat: opts.requests,
        echoBefore: pick(echoBefore),
        bot: {
          ...pick(bot),
          sqlPerPredict: Number(fmt(sqlPerPredict, 2)),
          cpuMsPerReplyByRole: Object.fromEntries(
            Object.entries(cpuByRole).map(([k, v]) => [k, Number(fmt(v, 3))]),
          ),
        },
        hopsMs: Object.fromEntries(
          Object.entries(hops).map(([k, v]) =>
            k === 'n' ? [k, v] : [k, { p50: Number(fmt(v.p50, 2)), p99: Number(fmt(v.p99, 2)) }],
          ),
        ),
        echoAfter: pick(echoAfter),
        ratio: {
          p50: Number(fmt(ratio.p50, 2)),
          p99: Number(fmt(ratio.p99, 2)),
          repliesPerSec: Number(fmt(ratio.repliesPerSec, 3)),
        },
      };
    }
    const warnings = roles.flatMap((c) =>
      // setMyCommands is not emulated: its warning is expected on every start.
      c.output.filter((l) => !l.includes('setMyCommands failed')).map((l) => `${c.name}: ${l}`),
    );
    if (warnings.length) {
      say(
        `role output (LOG_LEVEL=warn): ${warnings.length} lines, first: ${warnings.slice(0, 3).join(' | ')}`,
      );
    }
    say(
      'note: latency includes the emulator and the simulated chats (this process); cpu ms/reply ' +
        'is the worker and bot processes together for the bot, the echo process for the echo bot.',
    );
    console.log(
      JSON.stringify({
        bench: 'bot-latency',
        mode: 'split',
        node: process.version,
        cpus: cpus().length,
        idleCpuMsPerSec: idleCpu,
        ...results,
      }),
    );
  } finally {
    await closeAll();
  }
}

async function main(opts) {
  const say = opts.json ? () => {} : (line) => console.log(line);
  const { teams, pairs } = teamPairs();
  const dir = mkdtempSync(path.join(tmpdir(), 'scoreline-bench-bot-'));
  const closers = []; // run in reverse order, each at most once, whatever happened
  const closeAll = async () => {
    while (closers.length) {
      const [what, close] = closers.pop();
      try {
        await close();
      } catch (err) {
        console.error(`closing ${what} failed:`, err);
        process.exitCode = 1;
      }
    }
  };
  closers.push(['temp dir', () => rmSync(dir, { recursive: true, force: true })]);
  try {
    const emulator = await startEmulator();
    closers.push(['emulator', () => emulator.stop()]);
    const config = loadConfig(
      {
        DATA_DIR: dir,
        ROLE: 'all',
        SHUTDOWN_TIMEOUT: '10',
        ENABLE_SCHEDULER: '0',
        BOOTSTRAP: '0',
        FOOTBALL_DATA_SYNC: '0',
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
      },
      { dataDirUsable: () => true },
    );
    const db = createDb({ client: 'sqlite', path: config.db.path });
    closers.push(['db', () => db.destroy()]);
    const setup0 = performance.now();
    await migrateLatest(db);
    await importFootballDataFile(db, CSV, { league: LEAGUE });
    await retrainLeague(
      {
        db,
        registryDir: config.paths.modelRegistryPath,
        reportsDir: config.paths.reportsDir,
        keep: 2,
      },
      {
        league: 'E0',
        candidates: [DEFAULT_CANDIDATES[0]],
        minHistoryDays: 100,
        evalDays: 60,
        warmupDays: 0,
        refitDays: 14,
      },
    );
    say(`set-up (import E0 2024/25, train the champion): ${fmt(performance.now() - setup0, 0)} ms`);

    const { lines: logLines, logger } = collectingLogger();
    // The worker and the bot as ROLE=all starts them (bin/src/roles), without the api; the
    // queue is timed where the bot asks it for predictions (only the bot calls request()).
    const roles = ['worker', 'tgbot'];
    const queue = createRoleQueue(config, roles, silent);
    closers.push(['queue', () => queue.close()]);
    const queueSamples = { on: false, byUser: new Map() };
    const roleStops = [];
    await startRoles(
      {
        config,
        logger,
        db,
        heartbeats: createSqlHeartbeatStore(db),
        metrics: createMetricsRegistry({ role: 'all', appVersion: 'bench', gitSha: 'bench' }),
        queue: timedQueue(queue, queueSamples),
        instance: 'bench:all',
        roles,
        telegramWebhook: {},
        options: {
          tgbot: {
            predictTimeoutMs: opts['predict-timeout-ms'],
            // Every chat is its own user; keep the duplicate window, lift the per-user rate limit.
            flood: { max: 1_000_000, windowMs: 1_000 },
          },
        },
      },
      { add: (name, stop) => roleStops.push([name, stop]) },
    );
    closers.push(...roleStops);

    const echo = new Telegraf(ECHO_TOKEN, { telegram: { apiRoot: emulator.apiRoot } });
    echo.on('text', (ctx) => ctx.reply(ctx.message.text));
    echo.catch((err) => logLines.push(`echo error: ${err instanceof Error ? err.name : err}`));
    const echoPolling = echo.launch().catch((err) => logLines.push(`echo launch: ${err}`));
    closers.push([
      'echo bot',
      async () => {
        echo.stop('bench done');
        await echoPolling;
      },
    ]);

    const waitMs = opts['predict-timeout-ms'] + 10_000;
    const predictText = (c, r) => {
      const [home, away] = pairs[(c * opts.requests + r) % pairs.length];
      return `/predict ${home} - ${away}`;
    };
    const echoText = (c, r) => `ping ${c}.${r}`;
    const run = (token, message, answer, chats, requests) =>
      phase({
        emulator,
        token,
        chats,
        requests,
        maxSeconds: opts['max-seconds'],
        waitMs,
        message,
        answer,
      });
    const cardAnswer = (chat, _text, deadline) => awaitCard(chat, deadline);

    // Warm-up, not counted: polling loops started, JIT, champion cache, first SQLite pages.
    const warmPairs = (c, r) => predictText(c + opts.chats, r);
    const warm = [
      await run(ECHO_TOKEN, (c, r) => `warm ${c}.${r}`, awaitEcho, WARMUP_CHATS, WARMUP),
      await run(BOT_TOKEN, warmPairs, cardAnswer, WARMUP_CHATS, WARMUP),
    ];
    if (warm.some((w) => w.answered < WARMUP_CHATS * WARMUP)) {
      throw new Error(`warm-up failed: ${JSON.stringify(warm)}`);
    }

    say(
      `node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? '?'}), ` +
        `${teams.length} teams, ${opts.chats} chats × ${opts.requests} requests each, ` +
        `sequential within a chat, all chats at once`,
    );
    // The echo bot runs before and after the bot: the emulator keeps every message and scans
    // them on each call, so a later phase pays a little more; the two echo rows show how much.
    const queries = { on: false, n: 0 };
    for (const knex of new Set([db.writer, db.reader, db.replica])) {
      knex.on('query', () => {
        if (queries.on) queries.n++;
      });
    }
    const echoBefore = await run(ECHO_TOKEN, echoText, awaitEcho, opts.chats, opts.requests);
    queueSamples.on = queries.on = true;
    const botResult = await run(BOT_TOKEN, predictText, cardAnswer, opts.chats, opts.requests);
    queueSamples.on = queries.on = false;
    const echoAfter = await run(
      ECHO_TOKEN,
      (c, r) => `pong ${c}.${r}`,
      awaitEcho,
      opts.chats,
      opts.requests,
    );
    const split = breakdown(botResult.answeredLog, queueSamples.byUser);

    const rows = [
      { name: 'echo, before', ...echoBefore },
      { name: 'bot /predict', ...botResult },
      { name: 'echo, after', ...echoAfter },
    ];
    const mean = (k) => (echoBefore[k] + echoAfter[k]) / 2;
    const ratio = {
      p50: botResult.p50 / mean('p50'),
      p99: botResult.p99 / mean('p99'),
      repliesPerSec: botResult.repliesPerSec / mean('repliesPerSec'),
    };
    say('');
    say(table(rows));
    say(
      `bot / echo (mean of both echo runs): p50 ×${fmt(ratio.p50)}, p99 ×${fmt(ratio.p99)}, ` +
        `replies/s ×${fmt(ratio.repliesPerSec, 2)}`,
    );
    say(
      `bot cards: ${botResult.paths.direct} sent directly, ${botResult.paths.placeholder} as the ` +
        `edit of a "⏳" placeholder (the queue answered after 700 ms); SQL queries per /predict ` +
        `(bot + worker): ${fmt(queries.n / Math.max(1, botResult.answered))}`,
    );
    say(
      `bot time split (${split.n} requests, p50 / p99 ms): to the queue ` +
        `${fmt(split.toQueue.p50)} / ${fmt(split.toQueue.p99)} (emulator delivery, telegraf, ` +
        `middleware, parsing) · queue + worker ${fmt(split.queue.p50)} / ${fmt(split.queue.p99)} ` +
        `· to the card ${fmt(split.toCard.p50)} / ${fmt(split.toCard.p99)} (render, sendMessage, ` +
        `emulator storing it, this client noticing)`,
    );
    for (const r of rows) {
      if (r.notSent) say(`${r.name}: ${r.notSent} requests not sent (timeout or --max-seconds)`);
      for (const e of r.firstErrors) say(`${r.name}: unexpected answer: ${JSON.stringify(e)}`);
    }
    if (logLines.length) {
      say(`logged warnings/errors: ${logLines.length}, first: ${logLines.slice(0, 3).join(' | ')}`);
    }
    say(
      'note: both figures include the emulator (telegram-test-api behind a long-polling server, in ' +
        'this process) and this client; the bots, the worker, the emulator and the simulated chats ' +
        'share one Node process and event loop.',
    );

    console.log(
      JSON.stringify({
        bench: 'bot-latency',
        node: process.version,
        cpus: cpus().length,
        chats: opts.chats,
        requestsPerChat: opts.requests,
        echoBefore: pick(echoBefore),
        echoAfter: pick(echoAfter),
        bot: {
          ...pick(botResult),
          direct: botResult.paths.direct,
          viaPlaceholder: botResult.paths.placeholder,
          splitMs: {
            toQueue: {
              p50: Number(fmt(split.toQueue.p50, 2)),
              p99: Number(fmt(split.toQueue.p99, 2)),
            },
            queue: { p50: Number(fmt(split.queue.p50, 2)), p99: Number(fmt(split.queue.p99, 2)) },
            toCard: {
              p50: Number(fmt(split.toCard.p50, 2)),
              p99: Number(fmt(split.toCard.p99, 2)),
            },
          },
          sqlQueriesPerPredict: Number(fmt(queries.n / Math.max(1, botResult.answered), 2)),
        },
        ratio: {
          p50: Number(fmt(ratio.p50, 2)),
          p99: Number(fmt(ratio.p99, 2)),
          repliesPerSec: Number(fmt(ratio.repliesPerSec, 3)),
        },
        emulatorIncluded: true,
      }),
    );
    if (rows.some((r) => r.errors || r.timeouts)) process.exitCode = 1;
  } finally {
    await closeAll();
  }
}

Promise.resolve()
  .then(() => {
    const cli = readArgs(process.argv.slice(2));
    return cli.split ? mainSplit(cli) : main(cli);
  })
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
