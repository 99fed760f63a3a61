// /healthz and /readyz throughput and latency of the api, next to a bare express handler in the
// same run. Loopback only, bounded: a fixed number of requests at a fixed concurrency.
// /readyz runs the real checks (SQLite ping, SQL heartbeats) behind the 1 s readiness cache.
// Usage: npx tsc -b apps/api && node bench/api-probes.js [--requests 20000] [--concurrency 50]
const http = require('node:http');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const express = require('express');
const { Registry } = require('prom-client');
const { createApp, createReadiness } = require('@scoreline/api');
const { createDb, createSqlHeartbeatStore, migrateLatest, pingDb } = require('@scoreline/db');
const { heartbeatStatus } = require('@scoreline/ops');
const { parseArgs } = require('./lib/args');

const args = parseArgs(process.argv.slice(2));
const REQUESTS = Math.min(args.requests ?? 20000, 200000);
const CONCURRENCY = Math.min(args.concurrency ?? 50, 500);

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function get(agent, port, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

async function load(port, path) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < 200; i++) await get(agent, port, path); // warm-up
  const latencies = new Float64Array(REQUESTS);
  let next = 0;
  let bad = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const s = performance.now();
      const status = await get(agent, port, path);
      latencies[i] = performance.now() - s;
      if (status !== 200) bad++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort();
  const q = (p) => latencies[Math.min(REQUESTS - 1, Math.floor(p * REQUESTS))];
  return { rps: REQUESTS / seconds, p50: q(0.5), p99: q(0.99), bad };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'scoreline-bench-api-'));
  const db = createDb({ client: 'sqlite', path: join(dir, 'bench.sqlite3') });
  await migrateLatest(db);
  const heartbeats = createSqlHeartbeatStore(db);
  await heartbeats.beat('worker', 'bench', new Date());
  await heartbeats.beat('tgbot', 'bench', new Date());
  let dbQueries = 0;
  db.writer.on('query', () => dbQueries++);
  const beats = (role) => async () => heartbeatStatus(await heartbeats.lastBeats(role), new Date());
  const readiness = createReadiness({
    checks: {
      db: async () => {
        await pingDb(db, 700);
        return 'ok';
      },
      redis: async () => 'disabled',
      worker: beats('worker'),
      tgbot: beats('tgbot'),
      scheduler: async () => 'disabled',
    },
  });
  const metrics = new Registry();
  const api = await listen(createApp({ metrics, metricsEnabled: true, readiness }));
  const bare = express();
  bare.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  const bareServer = await listen(bare);

  console.log(
    `api probes: ${REQUESTS} requests per case, concurrency ${CONCURRENCY}, keep-alive, loopback`,
  );
  const cases = [
    ['bare express /healthz', bareServer.address().port, '/healthz'],
    ['api /healthz', api.address().port, '/healthz'],
    ['api /readyz', api.address().port, '/readyz'],
  ];
  for (const [name, port, path] of cases) {
    const before = dbQueries;
    const r = await load(port, path);
    console.log(
      `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms` +
        (path === '/readyz' ? `  db queries ${dbQueries - before}` : '') +
        (r.bad ? `  non-200: ${r.bad}` : ''),
    );
  }
  await new Promise((r) => api.close(r));
  await new Promise((r) => bareServer.close(r));
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
