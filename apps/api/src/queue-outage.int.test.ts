// The api over a real Redis that goes away and comes back: a redis-server child this suite
// starts, stops and starts again on the same port, the api's producer queue and a worker on it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Config } from '@scoreline/config';
import { createSqlHeartbeatStore, migrateLatest } from '@scoreline/db';
import {
  createQueueBackend,
  type PredictResult,
  type QueueBackend,
  type WorkersHandle,
} from '@scoreline/queue';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { Redis } from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { readinessChecks } from '../../../bin/src/readiness-checks';
import { createApp } from './app';
import { createReadiness, type ReadinessReport } from './readiness';
import { freePort } from '@test-support/net';
import { startRedisServer, stopRedisServer } from '@test-support/redis-server';

const config = {
  role: 'api',
  telegram: { token: '1234567:TEST-only-fake-token-not-a-secret-0' },
  scheduler: { enabled: false },
  bootstrap: { enabled: false },
} as unknown as Config;
const ADMIN_TOKEN = 'outage-test-admin-token';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const answer: PredictResult = {
  status: 'ok',
  league: 'E0',
  home: 'Arsenal',
  away: 'Chelsea',
  modelVersion: 'v-test',
  probs: [0.5, 0.3, 0.2],
  markets: {} as Extract<PredictResult, { status: 'ok' }>['markets'],
  predictionId: null,
};

/** Polls until `accept` holds (bounded: a failing test ends, it does not hang). */
async function eventually<T>(probe: () => Promise<T>, accept: (v: T) => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('api over a Redis that stops and comes back', () => {
  let handle: TestDatabase | undefined;
  let port: number;
  let redisProc: ChildProcess | undefined;
  let redis: Redis | undefined;
  let producer: QueueBackend | undefined;
  let workerQueue: QueueBackend | undefined;
  let workers: WorkersHandle | undefined;
  let server: Server | undefined;
  let base: string;

  beforeAll(async () => {
    handle = await testEngines[0]![1]();
    await migrateLatest(handle.db);
    const heartbeats = createSqlHeartbeatStore(handle.db);
    await heartbeats.beat('worker', 'w-1', new Date());
    await heartbeats.beat('tgbot', 'b-1', new Date());
    port = await freePort();
    redisProc = startRedisServer(port);
    const url = `redis://127.0.0.1:${port}/0`;
    // Short timers: reconnect attempts to the stopped server must not keep Jest alive.
    redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      connectTimeout: 200,
      disconnectTimeout: 50,
      retryStrategy: () => 100,
    });
    const client = redis;
    client.on('error', () => undefined);
    await eventually(
      () => client.ping().catch(() => 'down'),
      (r) => r === 'PONG',
      'redis-server to listen',
    );
    const prefix = `outage-${process.pid}`;
    producer = createQueueBackend({ redisUrl: url, prefix, logger: quiet, role: 'producer' });
    workerQueue = createQueueBackend({ redisUrl: url, prefix, logger: quiet, role: 'worker' });
    workers = await workerQueue.startWorkers(
      { predict: () => Promise.resolve(answer) },
      { only: ['predict'] },
    );
    const readiness = createReadiness({
      checks: readinessChecks(config, { db: handle.db, redis, heartbeats }),
    });
    server = createApp({
      metrics: new Registry(),
      metricsEnabled: false,
      readiness,
      queue: producer,
      adminToken: ADMIN_TOKEN,
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  // Each step guarded: a set-up that failed halfway must still close what it opened, or the
  // open connections and the redis-server child keep Jest from exiting.
  afterAll(async () => {
    const listening = server;
    if (listening) {
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeAllConnections();
      });
    }
    await workers?.close(2_000);
    await workerQueue?.close();
    await producer?.close();
    redis?.disconnect();
    if (redisProc) await stopRedisServer(redisProc);
    await handle?.dispose();
  }, 60_000);

  const predict = async () => {
    const res = await fetch(`${base}/v1/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ league: 'E0', home: 'Arsenal', away: 'Chelsea' }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as { error?: { code: string; message: string } },
    };
  };
  const readyz = async () => (await (await fetch(`${base}/readyz`)).json()) as ReadinessReport;

  it('When Redis stops, then predict and admin jobs answer 503 with Retry-After and /readyz names redis; when it returns, predict works again by itself', async () => {
    expect((await predict()).status).toBe(200);

    await stopRedisServer(redisProc!);
    const down = await eventually(predict, (r) => r.status !== 200, 'predict to notice');
    expect(down.status).toBe(503);
    expect(down.retryAfter).toBe('5');
    expect(down.body.error?.code).toBe('queue_unavailable');
    expect(down.body.error?.message).toMatch(/Redis/);
    const admin = await fetch(`${base}/v1/admin/retrain`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(admin.status).toBe(503);
    expect(admin.headers.get('retry-after')).toBe('5');
    await admin.text();
    const report = await eventually(readyz, (r) => r.checks.redis === 'fail', 'readyz to fail');
    expect(report.status).toBe('degraded');
    expect(report.output).toContain('redis: fail');

    redisProc = startRedisServer(port);
    const back = await eventually(predict, (r) => r.status === 200, 'predict to recover');
    expect(back.body).toMatchObject({ league: 'E0', model_version: 'v-test' });
    expect(
      (await eventually(readyz, (r) => r.checks.redis === 'ok', 'readyz to recover')).status,
    ).toBe('ok');
  }, 90_000);
});

describe('admin routes on an api without a queue', () => {
  it('When no Redis is configured, then an admin job answers 503 saying why and what to do', async () => {
    const server = createApp({
      metrics: new Registry(),
      metricsEnabled: false,
      readiness: { report: () => Promise.resolve({ status: 'ok', checks: {} } as never) },
      adminToken: ADMIN_TOKEN,
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/admin/backup`,
        { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
      );
      const body = (await res.json()) as { error: { code: string; message: string } };

      expect(res.status).toBe(503);
      expect(body.error.code).toBe('queue_unavailable');
      expect(body.error.message).toMatch(/REDIS_URL is not set/);
      expect(body.error.message).toMatch(/scoreline CLI/);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
