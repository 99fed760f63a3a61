// Predict throughput and latency through the queue: the in-process backend and BullMQ on a
// loopback Redis, same processor, same SQLite database, same champion (EPL 2024/25).
// Bounded in count (--jobs) and time (--max-seconds) per backend.
//
// Usage: npx tsc -b apps/worker && node bench/predict-throughput.js \
//          [--jobs 500] [--concurrency 16] [--max-seconds 30] [--redis redis://127.0.0.1:6379/15]
// Redis is used only when it is on this machine (127.0.0.1, ::1, localhost) and answers PING.
const { performance } = require('node:perf_hooks');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { createDb, migrateLatest } = require('@scoreline/db');
const { importFootballDataFile } = require('@scoreline/feeds');
const { createQueueBackend } = require('@scoreline/queue');
const { createChampionCache, DEFAULT_CANDIDATES, retrainLeague } = require('@scoreline/training');
const { createPredictProcessor } = require('@scoreline/worker');
const { Redis } = require('ioredis');
const { parseArgs } = require('./lib/args');
const { historyFile } = require('./lib/data');

const args = parseArgs(process.argv.slice(2));
const JOBS = args.jobs ?? 500;
const CONCURRENCY = args.concurrency ?? 16;
const MAX_SECONDS = args['max-seconds'] ?? 30;
const REDIS_URL = args.redis ?? 'redis://127.0.0.1:6379/15';
const TEAMS = [
  'Arsenal',
  'Chelsea',
  'Liverpool',
  'Man City',
  'Man United',
  'Tottenham',
  'Everton',
  'Newcastle',
];

const silent = { info() {}, warn() {}, error() {}, debug() {} };

function isLoopback(url) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

async function redisAnswers(url) {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

async function dropPrefix(url, prefix) {
  const r = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
  await r.quit();
}

const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function run(label, queue, predict) {
  const workers = await queue.startWorkers(
    { predict },
    { only: ['predict'], concurrency: { predict: 4 } },
  );
  const ask = (i) =>
    queue.request(
      'predict',
      { league: 'E0', home: TEAMS[i % TEAMS.length], away: TEAMS[(i + 3) % TEAMS.length] },
      { timeoutMs: 10_000 },
    );
  for (let i = 0; i < 20; i++) await ask(i); // warm-up: model cache, JIT, connections
  const latencies = [];
  let next = 0;
  let failed = 0;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const t0 = performance.now();
  async function client() {
    while (next < JOBS && performance.now() < deadline) {
      const i = next++;
      const s = performance.now();
      try {
        const r = await ask(i);
        if (r.status !== 'ok') failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - s);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - t0) / 1000;
  await workers.close(5_000);
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(11)} ${String(latencies.length).padStart(5)} jobs in ${seconds.toFixed(2)} s: ` +
      `${(latencies.length / seconds).toFixed(1)} jobs/s, p50 ${q(latencies, 0.5).toFixed(2)} ms, ` +
      `p99 ${q(latencies, 0.99).toFixed(2)} ms` +
      (failed ? `, ${failed} failed` : ''),
  );
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'scoreline-bench-'));
  const db = createDb({ client: 'sqlite', path: path.join(dir, 'bench.sqlite3') });
  try {
    await migrateLatest(db);
    await importFootballDataFile(db, historyFile('E0', 2024), { league: 'E0' });
    const registryDir = path.join(dir, 'artifacts');
    await retrainLeague(
      { db, registryDir, reportsDir: path.join(dir, 'reports'), keep: 2 },
      {
        league: 'E0',
        candidates: [DEFAULT_CANDIDATES[0]],
        minHistoryDays: 100,
        evalDays: 60,
        warmupDays: 0,
        refitDays: 14,
      },
    );
    const champions = createChampionCache(db, registryDir, () => {});
    const predict = createPredictProcessor({ db, champions, logger: silent });
    console.log(
      `predict through the queue: ${JOBS} jobs max, ${CONCURRENCY} concurrent requests, worker concurrency 4, ` +
        `SQLite insert per prediction, node ${process.version}`,
    );

    const inProcess = createQueueBackend({ prefix: 'bench', logger: silent, role: 'both' });
    try {
      await run('in-process', inProcess, predict);
    } finally {
      await inProcess.close();
    }

    if (!isLoopback(REDIS_URL)) {
      console.log(`bullmq: skipped, ${new URL(REDIS_URL).hostname} is not a loopback address`);
    } else if (!(await redisAnswers(REDIS_URL))) {
      console.log(`bullmq: skipped, no Redis answering at ${REDIS_URL}`);
    } else {
      const prefix = `bench-${randomUUID()}`;
      const bull = createQueueBackend({
        redisUrl: REDIS_URL,
        prefix,
        logger: silent,
        role: 'both',
        worker: { drainDelay: 1 },
      });
      try {
        await run('bullmq', bull, predict);
      } finally {
        await bull.close();
        await dropPrefix(REDIS_URL, prefix);
      }
    }
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
