// A broadcast at Telegram's pace: --chats outbox messages (digests) to distinct chats, some of
// them groups (the queue takes texts of at most 4,096 characters, so each is one part), plus --busy-groups groups that get a
// message every ~1.5 s (more than their 20 a minute), delivered by the real tgbot role (the outbox
// consumer, its limiter and outbox_deliveries) as a child process over BullMQ (Redis, a random
// QUEUE_PREFIX) and Postgres (a fresh database on --database-url's server, dropped at the end),
// to the Bot API emulator behind the fault front. Every --flood-every seconds the front answers
// one sendMessage with 429 (retry_after 1, 2, 3 s in turn); at --kill-at of the parts delivered
// the consumer is SIGKILLed and started again.
//
// Printed: delivered/expected parts, overall msg/s, sustained msg/s (median of 10 s windows
// starting every second, touching no pause and not the restart), 429 count, retry_after
// honoured n/n (no call reached the front inside any pause), duplicates (a job's part delivered
// twice, counted at the emulator), the shortest gap between two messages to one chat, the most
// messages to one group in any 60 s. Next to it, a bare loop measured in the same run: sendMessage on the same
// emulator spaced 1/30 s, no outbox, no queue, no database.
//
// Usage: npx tsc -b && node bench/broadcast.js [--chats 10000] [--busy-groups 2] \
//          [--flood-every 15] [--kill-at 0.4] [--concurrency 32] [--bare-seconds 10] \
//          [--max-seconds 900] [--redis-url URL] [--database-url URL] [--json]
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { setInterval, clearInterval } = require('node:timers');
const { setTimeout: sleep } = require('node:timers/promises');
const { createDb, migrateLatest } = require('@scoreline/db');
const { createQueueBackend } = require('@scoreline/queue');
const { startEmulator, startFaultFront } = require('@scoreline/bot-api-emulator');
const { Redis } = require('ioredis');
const knexLib = require('knex');
const { Telegram } = require('telegraf');
const { parseArgs } = require('./lib/args');

const BOT_TOKEN = '1234567:BENCH-only-fake-token-not-a-secret-0';
const ROLE = path.join(__dirname, 'lib', 'role.js');
const LIMITS = {
  chats: [10, 20_000, 10_000],
  'busy-groups': [0, 10, 2],
  'busy-messages': [1, 100, 25],
  'flood-every': [2, 600, 15],
  concurrency: [1, 256, 32],
  'bare-seconds': [1, 60, 10],
  'max-seconds': [30, 3600, 900],
};
const URLS = {
  'redis-url': 'redis://127.0.0.1:6379/15',
  'database-url': 'postgres://postgres@127.0.0.1:5432/test',
};
const WINDOW_MS = 10_000;

function readArgs(argv) {
  const json = argv.includes('--json');
  const args = parseArgs(argv.filter((a) => a !== '--json'));
  const out = { json, 'kill-at': 0.4 };
  for (const key of Object.keys(args)) {
    if (!(key in LIMITS) && !(key in URLS) && key !== 'kill-at') {
      throw new Error(`unknown option --${key}`);
    }
  }
  for (const [key, dflt] of Object.entries(URLS)) out[key] = String(args[key] ?? dflt);
  for (const [key, [min, max, dflt]] of Object.entries(LIMITS)) {
    const v = args[key] ?? dflt;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new Error(`--${key} must be an integer from ${min} to ${max} (got ${args[key]})`);
    }
    out[key] = v;
  }
  const killAt = args['kill-at'] ?? 0.4;
  if (!(killAt >= 0 && killAt < 1)) throw new Error('--kill-at must be from 0 (no kill) to 0.99');
  out['kill-at'] = killAt;
  return out;
}

/**
 * The jobs, in queue order: one per chat (every 20th a group), and each
 * busy group's messages slotted in every 45 jobs (≈1.5 s at 30/s) from job 300 on.
 */
function buildJobs(opts) {
  const jobs = [];
  for (let i = 0; i < opts.chats; i += 1) {
    const chatId = i % 20 === 7 ? String(-1_001_000_000_000 - i) : String(100_000 + i);
    jobs.push({ id: `bc-${i}`, chatId, parts: 1 });
  }
  const busy = [];
  for (let g = 0; g < opts['busy-groups']; g += 1) {
    for (let m = 0; m < opts['busy-messages']; m += 1) {
      busy.push({
        at: 300 + m * 45 + g * 7,
        job: { id: `busy-${g}-${m}`, chatId: String(-1_009_990_000_000 - g), parts: 1 },
      });
    }
  }
  busy.sort((a, b) => b.at - a.at);
  for (const { at, job } of busy) jobs.splice(Math.min(at, jobs.length), 0, job);
  return jobs;
}

/** The text of a job: it starts with its marker, so the emulator tells jobs apart. */
const textOf = (job) => `[${job.id} p1] Digest <b>today</b> for chat ${job.chatId}`;

const markerOf = (text) => /^\[([^\]]+)\]/.exec(String(text))?.[1];

function startConsumer(env) {
  const child = spawn(process.execPath, [ROLE], {
    // eslint-disable-next-line no-restricted-properties
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(...String(chunk).split('\n').filter(Boolean));
    if (output.length > 30) output.splice(0, output.length - 30);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { child, output, exited };
}

async function stopConsumer(c, signal = 'SIGTERM') {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return;
  c.child.kill(signal);
  const late = sleep(15_000, 'late');
  if ((await Promise.race([c.exited, late])) === 'late') {
    c.child.kill('SIGKILL');
    await c.exited;
  }
}

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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** The figures, from what reached the front (every call) and the emulator (delivered ones). */
function analyse({ frontCalls, delivered, floods, restart, expected }) {
  const seen = new Map();
  for (const c of delivered) {
    const m = markerOf(c.body.text);
    if (m) seen.set(m, (seen.get(m) ?? 0) + 1);
  }
  const duplicates = [...seen.values()].reduce((n, k) => n + k - 1, 0);
  const times = delivered.map((c) => c.at).sort((a, b) => a - b);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  const pauses = floods
    .filter((f) => f.index < frontCalls.length)
    .map((f) => ({
      ...f,
      from: frontCalls[f.index].at,
      to: frontCalls[f.index].at + f.retryAfter * 1000,
    }));
  const honoured = pauses.filter(
    (p) => !frontCalls.some((c, i) => i !== p.index && c.at > p.from && c.at < p.to),
  ).length;
  const blocked = [
    ...pauses.map((p) => [p.from, p.to]),
    ...(restart ? [[restart.from, restart.to]] : []),
  ];
  const windows = [];
  // Windows start every second: with a 429 every 15 s, back-to-back windows would rarely fit
  // between two pauses.
  for (let w = first; w + WINDOW_MS <= last; w += 1000) {
    if (blocked.some(([a, b]) => a < w + WINDOW_MS && b > w)) continue;
    windows.push(times.filter((t) => t >= w && t < w + WINDOW_MS).length / (WINDOW_MS / 1000));
  }
  const byChat = new Map();
  for (const c of delivered) {
    const id = String(c.body.chat_id);
    if (!byChat.has(id)) byChat.set(id, []);
    byChat.get(id).push(c.at);
  }
  let minGap = Infinity;
  let groupMax = 0;
  for (const [id, ts] of byChat) {
    ts.sort((a, b) => a - b);
    for (let i = 1; i < ts.length; i += 1) minGap = Math.min(minGap, ts[i] - ts[i - 1]);
    if (!id.startsWith('-')) continue;
    for (let i = 0, j = 0; i < ts.length; i += 1) {
      while (ts[i] - ts[j] >= 60_000) j += 1;
      groupMax = Math.max(groupMax, i - j + 1);
    }
  }
  return {
    delivered: seen.size,
    expected,
    seconds: (last - first) / 1000,
    overall: delivered.length / Math.max(0.001, (last - first) / 1000),
    sustained: median(windows),
    windows: windows.length,
    floods: pauses.length,
    honoured,
    duplicates,
    minChatGapMs: minGap,
    maxGroupPerMinute: groupMax,
  };
}

/** sendMessage in a plain loop spaced 1/30 s on the same emulator: what the machine gives. */
async function bareLoop(apiRoot, seconds) {
  const telegram = new Telegram(BOT_TOKEN, { apiRoot, webhookReply: false });
  const n = seconds * 30;
  const t0 = Date.now();
  for (let i = 0; i < n; i += 1) {
    const due = t0 + (i * 1000) / 30;
    if (due > Date.now()) await sleep(due - Date.now());
    await telegram.sendMessage(String(900_000 + i), `[bare-${i} p1] Digest <b>today</b>`, {
      parse_mode: 'HTML',
    });
  }
  return n / ((Date.now() - t0) / 1000);
}

async function main() {
  const opts = readArgs(process.argv.slice(2));
  const say = opts.json ? () => {} : (line) => console.log(line);
  const jobs = buildJobs(opts);
  const expected = jobs.reduce((n, j) => n + j.parts, 0);
  const suffix = randomBytes(5).toString('hex');
  const prefix = `bench-${suffix}`;
  const database = `bench_${suffix}`;
  const dbUrl = new URL(opts['database-url']);
  dbUrl.pathname = `/${database}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'scoreline-broadcast-'));
  const closers = [['temp dir', () => rmSync(dir, { recursive: true, force: true })]];
  let consumer;
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
    const db = createDb({ client: 'pg', writerUrl: dbUrl.href });
    try {
      await migrateLatest(db);
    } finally {
      await db.destroy();
    }
    const emulator = await startEmulator();
    closers.push(['emulator', () => emulator.stop()]);
    const front = await startFaultFront({ target: emulator.apiRoot });
    closers.push(['front', () => front.stop()]);

    const silent = { info() {}, warn() {}, error() {}, debug() {} };
    const queue = createQueueBackend({
      redisUrl: opts['redis-url'],
      prefix,
      logger: silent,
      role: 'worker',
    });
    closers.push(['queue', () => queue.close()]);
    for (let i = 0; i < jobs.length; i += 200) {
      await Promise.all(
        jobs
          .slice(i, i + 200)
          .map((j) =>
            queue.enqueue(
              'outbox',
              { chatId: j.chatId, text: textOf(j), parseMode: 'HTML', kind: 'digest' },
              { jobId: j.id },
            ),
          ),
      );
    }
    say(
      `queued ${jobs.length} outbox jobs (${expected} parts); consumer concurrency ${opts.concurrency}`,
    );

    const env = {
      ROLE: 'tgbot',
      DATABASE_URL: dbUrl.href,
      REDIS_URL: opts['redis-url'],
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'error',
      SHUTDOWN_TIMEOUT: '10',
      ENABLE_POLLING: '0',
      DATA_DIR: dir,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: front.apiRoot,
      OUTBOX_CONCURRENCY: String(opts.concurrency),
    };
    consumer = startConsumer(env);
    const floods = [];
    const flooder = setInterval(() => {
      // One fault at a time: the call that takes it is then the first one after its injection.
      const calls = front.calls('sendMessage').length;
      if (floods.length > 0 && floods.at(-1).index >= calls) return;
      const retryAfter = 1 + (floods.length % 3);
      floods.push({ index: calls, retryAfter });
      front.fail('sendMessage', {
        code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        retryAfter,
      });
    }, opts['flood-every'] * 1000);
    let restart;
    const deadline = Date.now() + opts['max-seconds'] * 1000;
    const killAt = opts['kill-at'] > 0 ? Math.floor(expected * opts['kill-at']) : Infinity;
    for (;;) {
      await sleep(250);
      const count = emulator.calls('sendMessage').length;
      if (!restart && count >= killAt) {
        consumer.child.kill('SIGKILL');
        await consumer.exited;
        restart = { from: Date.now(), at: count };
        consumer = startConsumer(env);
        say(`consumer SIGKILLed at ${count}/${expected} parts and started again`);
      }
      if (restart && restart.to === undefined && count > restart.at) restart.to = Date.now();
      const distinct = new Set(emulator.calls('sendMessage').map((c) => markerOf(c.body.text)));
      if (distinct.size >= expected || Date.now() > deadline) break;
    }
    clearInterval(flooder);
    await stopConsumer(consumer);
    const figures = analyse({
      frontCalls: front.calls('sendMessage'),
      delivered: emulator.calls('sendMessage'),
      floods,
      restart: restart && { from: restart.from, to: restart.to ?? restart.from },
      expected,
    });
    front.reset();
    const bare = await bareLoop(emulator.apiRoot, opts['bare-seconds']);
    const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
    say('');
    say(
      `delivered             ${figures.delivered}/${figures.expected} parts in ${f(figures.seconds)} s`,
    );
    say(`overall               ${f(figures.overall)} msg/s (pauses and the restart included)`);
    say(
      `sustained             ${f(figures.sustained)} msg/s (median of ${figures.windows} 10 s windows without pause or restart)`,
    );
    say(
      `bare loop             ${f(bare)} msg/s (sendMessage spaced 1/30 s on the same emulator, no outbox)`,
    );
    say(`429 answers           ${figures.floods}`);
    say(
      `retry_after honoured  ${figures.honoured}/${figures.floods} (no call reached Telegram inside a pause)`,
    );
    say(`duplicates            ${figures.duplicates}`);
    say(`per chat              shortest gap between two messages ${f(figures.minChatGapMs, 0)} ms`);
    say(`per group             at most ${figures.maxGroupPerMinute} messages in any 60 s`);
    console.log(JSON.stringify({ ...figures, bare, concurrency: opts.concurrency }));
    if (figures.delivered < expected) say(`consumer output:\n${consumer.output.join('\n')}`);
  } finally {
    if (consumer) await stopConsumer(consumer, 'SIGKILL');
    while (closers.length) {
      const [what, close] = closers.pop();
      try {
        await close();
      } catch (err) {
        console.error(`closing ${what} failed:`, err instanceof Error ? err.message : err);
        process.exitCode = 1;
      }
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
