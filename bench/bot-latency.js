// /predict latency and replies/s of the real bot through the local Bot API emulator, next to a
// bare telegraf echo bot on the same emulator in the same run.
//
// System under test, as ROLE=all runs it on the embedded default: the real bot (startTgbot,
// long-polling the emulator) and the real worker (startWorkerRole) over the in-process queue on
// SQLite, the 2024/25 Premier League file imported and an E0 champion trained on it. Baseline: a
// bare telegraf bot with another token that answers every text with the same text.
//
// N simulated chats send M requests each, one after another, all chats at once: `/predict
// <home> - <away>` (a different pair every time) to the bot, a short text to the echo bot. A
// request's latency runs from the user's message entering the emulator to the bot's final answer
// being stored there: for the bot the card, whether sent directly or as the edit of a "⏳"
// placeholder; for the echo bot the echo. Both figures include the emulator and this client,
// which share one process and one event loop with the bots and the worker.
//
// Usage: npx tsc -b && node bench/bot-latency.js [--chats 20] [--requests 10] \
//          [--max-seconds 120] [--predict-timeout-ms 30000] [--json]
// --json prints only the JSON line. Bounded: at most 200 chats, 50 requests per chat, 2,000
// requests per system, and a phase stops sending after --max-seconds.
//
// Mind the emulator at scale: every Bot API call wakes every waiting chat, and each one scans
// every bot message stored so far (all phases, both tokens). Its cost per reply so grows with
// chats × messages stored; past a few hundred chats or a few thousand messages it is the
// emulator being measured, not the bots. The echo bot runs before and after the bot, so the
// drift shows in the table.
const { performance } = require('node:perf_hooks');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { cpus, tmpdir } = require('node:os');
const path = require('node:path');
const { loadConfig } = require('@scoreline/config');
const { createDb, createSqlHeartbeatStore, migrateLatest } = require('@scoreline/db');
const { importFootballDataFile, parseFootballDataCsv } = require('@scoreline/feeds');
const { createMetricsRegistry } = require('@scoreline/ops');
const { createQueueBackend } = require('@scoreline/queue');
const { startTgbot } = require('@scoreline/tgbot');
const { DEFAULT_CANDIDATES, retrainLeague } = require('@scoreline/training');
const { startWorkerRole } = require('@scoreline/worker');
const { startEmulator } = require('@scoreline/bot-api-emulator');
const { Telegraf } = require('telegraf');
const { parseArgs } = require('./lib/args');

const BOT_TOKEN = '1234567:BENCH-only-fake-token-not-a-secret-0';
const ECHO_TOKEN = '7654321:BENCH-echo-fake-token-not-a-secret';
const CSV = path.resolve(__dirname, '../../shared/data/fdcouk-epl-odds/E0_2425.csv');
// Warm-up, not counted: WARMUP_CHATS chats × WARMUP requests per system.
const WARMUP = 5;
const WARMUP_CHATS = 10;

const LIMITS = {
  chats: [1, 200, 20],
  requests: [1, 50, 10],
  'max-seconds': [5, 600, 120],
  'predict-timeout-ms': [1000, 60_000, 30_000],
};

function readArgs(argv) {
  const json = argv.includes('--json');
  const args = parseArgs(argv.filter((a) => a !== '--json'));
  const out = { json };
  for (const key of Object.keys(args)) {
    if (!(key in LIMITS)) throw new Error(`unknown option --${key}`);
  }
  for (const [key, [min, max, dflt]] of Object.entries(LIMITS)) {
    const v = args[key] ?? dflt;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new Error(`--${key} must be an integer from ${min} to ${max} (got ${args[key]})`);
    }
    out[key] = v;
  }
  if (out.chats * out.requests > 2000) {
    throw new Error(`--chats × --requests is ${out.chats * out.requests}; at most 2000`);
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
  const { matches } = parseFootballDataCsv(readFileSync(CSV, 'utf8'), { file: CSV });
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

/**
 * One phase: `chats` chats at once, each sending `requests` messages in turn. A chat whose answer
 * times out stops (a late answer would be taken for the next one); so does every chat once the
 * phase is past maxSeconds.
 */
async function phase({ emulator, token, chats, requests, maxSeconds, waitMs, message, answer }) {
  const clients = Array.from({ length: chats }, () => emulator.chat(token, { languageCode: 'en' }));
  const latencies = [];
  const answered = []; // { userId, start, end } per answered request, for the breakdown
  const paths = { direct: 0, placeholder: 0 };
  const errors = [];
  let timeouts = 0;
  let notSent = 0;
  const stopAt = performance.now() + maxSeconds * 1000;
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (chat, c) => {
      for (let r = 0; r < requests; r++) {
        if (performance.now() > stopAt) {
          notSent += requests - r;
          return;
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
        } catch (err) {
          if (err instanceof ReplyError) {
            errors.push(err.message);
            continue;
          }
          timeouts++;
          notSent += requests - r - 1;
          return;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
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
    cpuMsPerReply: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
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

function table(rows) {
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
    ['loop busy', (r) => `${fmt(r.loopBusy * 100, 0)}%`],
  ];
  const cells = rows.map((r) => cols.map(([, f]) => f(r)));
  const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (vals) =>
    vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(cols.map(([h]) => h)), ...cells.map(line)].join('\n');
}

async function main() {
  const opts = readArgs(process.argv.slice(2));
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
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
      },
      { dataDirUsable: () => true },
    );
    const db = createDb({ client: 'sqlite', path: config.db.path });
    closers.push(['db', () => db.destroy()]);
    const setup0 = performance.now();
    await migrateLatest(db);
    await importFootballDataFile(db, CSV);
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
    const heartbeats = createSqlHeartbeatStore(db);
    const queue = createQueueBackend({ prefix: 'bench', logger: silent, role: 'both' });
    closers.push(['queue', () => queue.close()]);
    const worker = await startWorkerRole(config, {
      logger,
      heartbeats,
      instance: 'bench:worker',
      db,
      queue,
      metrics: createMetricsRegistry({ role: 'all', appVersion: 'bench', gitSha: 'bench' }),
    });
    closers.push(['worker', () => worker.stop()]);
    const queueSamples = { on: false, byUser: new Map() };
    const tgbot = await startTgbot(config, {
      logger,
      heartbeats,
      instance: 'bench:tgbot',
      db,
      queue: timedQueue(queue, queueSamples),
      predictTimeoutMs: opts['predict-timeout-ms'],
      // Every chat is its own user; keep the duplicate window, lift the per-user rate limit.
      flood: { max: 1_000_000, windowMs: 1_000 },
    });
    closers.push(['bot', () => tgbot.stop()]);

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

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
