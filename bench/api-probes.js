// /healthz and /readyz throughput and latency of the api, next to a bare express handler in the
// same run, as ratios. Loopback only, bounded: a fixed number of requests at a fixed concurrency.
//
// The servers run in a child process (this file with --serve), the load generator here, so the
// client's own CPU does not flatten the difference. The api is built as ROLE=api builds it: the
// request id and request log middleware (a real logger at info level, writing to /dev/null),
// the HTTP metrics middleware (ENABLE_METRICS=1), and /readyz running the real checks (SQLite
// ping, SQL heartbeats) behind the readiness cache. The bare handler answers /healthz with the
// same JSON and no middleware. The child counts the database statements the /readyz run cost.
// On a shared machine throughput drifts within seconds, so the cases take turns: --rounds rounds
// of every case in rotating order, --requests split between them; each case's figure is its
// median round.
// Usage: npx tsc -b apps/api && node bench/api-probes.js [--requests 20000] [--concurrency 50] \
//          [--rounds 5]
const http = require('node:http');
const { fork } = require('node:child_process');
const { createWriteStream, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { parseArgs } = require('./lib/args');

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The child: both servers, ports and statement counts over IPC. */
async function serve() {
  const express = require('express');
  const { createApp, createReadiness } = require('@scoreline/api');
  const { createDb, createSqlHeartbeatStore, migrateLatest, pingDb } = require('@scoreline/db');
  const { createLogger, createMetricsRegistry, heartbeatStatus } = require('@scoreline/ops');

  const dir = mkdtempSync(join(tmpdir(), 'scoreline-bench-api-'));
  const db = createDb({ client: 'sqlite', path: join(dir, 'bench.sqlite3') });
  await migrateLatest(db);
  const heartbeats = createSqlHeartbeatStore(db);
  await heartbeats.beat('worker', 'bench', new Date());
  await heartbeats.beat('tgbot', 'bench', new Date());
  let statements = 0;
  let pings = 0;
  let lastPing = 0;
  let minGapMs = Infinity; // the shortest time between two readiness computations
  db.writer.on('query', () => statements++);
  const beats = (role) => async () => heartbeatStatus(await heartbeats.lastBeats(role), new Date());
  const readiness = createReadiness({
    checks: {
      db: async () => {
        pings++;
        const t = performance.now();
        if (lastPing) minGapMs = Math.min(minGapMs, t - lastPing);
        lastPing = t;
        await pingDb(db, 700);
        return 'ok';
      },
      redis: async () => 'disabled',
      worker: beats('worker'),
      tgbot: beats('tgbot'),
      scheduler: async () => 'disabled',
    },
  });
  const devNull = createWriteStream('/dev/null');
  const logger = createLogger({
    role: 'api',
    level: 'info',
    appVersion: 'bench',
    gitSha: 'bench',
    stdout: devNull,
  });
  const metrics = createMetricsRegistry({ role: 'api', appVersion: 'bench', gitSha: 'bench' });
  const api = await listen(createApp({ metrics, metricsEnabled: true, readiness, logger }));
  const bare = express();
  bare.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  const bareServer = await listen(bare);

  process.on('message', (m) => {
    if (m === 'statements') process.send({ statements, pings, minGapMs });
    if (m === 'stop') {
      api.close();
      bareServer.close();
      api.closeAllConnections();
      bareServer.closeAllConnections();
      devNull.end();
      db.destroy().then(() => {
        rmSync(dir, { recursive: true, force: true });
        process.disconnect();
      });
    }
  });
  process.send({ api: api.address().port, bare: bareServer.address().port });
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

async function load(port, path, requests, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  for (let i = 0; i < 500; i++) await get(agent, port, path); // warm-up
  const latencies = new Float64Array(requests);
  let next = 0;
  let bad = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const s = performance.now();
      const status = await get(agent, port, path);
      latencies[i] = performance.now() - s;
      if (status !== 200) bad++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort();
  const q = (p) => latencies[Math.min(requests - 1, Math.floor(p * requests))];
  return { rps: requests / seconds, seconds, p50: q(0.5), p99: q(0.99), bad };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const requests = Math.min(args.requests ?? 20000, 200000);
  const concurrency = Math.min(args.concurrency ?? 50, 500);
  const rounds = Math.max(1, Math.min(args.rounds ?? 5, 50));
  const child = fork(join(__dirname, 'api-probes.js'), ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (what, key) =>
    new Promise((resolve) => {
      const on = (m) => {
        if (m && key in m) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      if (what) child.send(what);
    });
  const ports = await ask(null, 'api');
  try {
    const perRun = Math.max(100, Math.floor(requests / rounds));
    console.log(
      `api probes: ${rounds} rounds × ${perRun} requests per case, concurrency ${concurrency}, ` +
        'keep-alive, loopback; servers in a child process, this process the client',
    );
    const cases = [
      { name: 'bare express /healthz', port: ports.bare, path: '/healthz', runs: [] },
      { name: 'api /healthz', port: ports.api, path: '/healthz', runs: [] },
      { name: 'api /readyz', port: ports.api, path: '/readyz', runs: [] },
    ];
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(round + k) % cases.length];
        const before = await ask('statements', 'statements');
        const r = await load(c.port, c.path, perRun, concurrency);
        const after = await ask('statements', 'statements');
        r.statements = after.statements - before.statements;
        r.pings = after.pings - before.pings;
        c.runs.push(r);
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const bareRps = median(cases[0].runs.map((r) => r.rps));
    const { minGapMs } = await ask('statements', 'statements');
    for (const c of cases) {
      const rps = median(c.runs.map((r) => r.rps));
      const sum = (k) => c.runs.reduce((t, r) => t + r[k], 0);
      const ratio = c === cases[0] ? '' : `  ×${(rps / bareRps).toFixed(2)} of bare`;
      const db =
        c.path === '/readyz'
          ? `  db: ${sum('pings')} readiness computations (at least ${minGapMs.toFixed(0)} ms ` +
            `apart), ${sum('statements')} statements`
          : '';
      const bad = sum('bad');
      console.log(
        `${c.name.padEnd(22)} ${rps.toFixed(0).padStart(7)} req/s  ` +
          `p50 ${median(c.runs.map((r) => r.p50)).toFixed(2)} ms  ` +
          `p99 ${median(c.runs.map((r) => r.p99)).toFixed(2)} ms${ratio}${db}` +
          (bad ? `  non-200: ${bad}` : ''),
      );
    }
    console.log(
      'medians over the rounds; a readiness computation is one database ping plus the heartbeat ' +
        'reads (in SQL here, as on the embedded profile; in Redis when REDIS_URL is set, so one ' +
        'database round trip), shared by every probe within the 1 s cache.',
    );
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
