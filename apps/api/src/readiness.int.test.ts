// /readyz against real parts: Postgres (and SQLite) through the launcher's own checks, Redis as
// the shared test server and as a redis-server child this suite starts and kills.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Config } from '@scoreline/config';
import { createDb, createSqlHeartbeatStore, migrateLatest, type Db } from '@scoreline/db';
import { createRedisHeartbeatStore, type HeartbeatStore } from '@scoreline/ops';
import { createPostgresTestDb, testEngines, type TestDatabase } from '@test-support/databases';
import { describeWithPostgres, describeWithRedis, testRedisUrl } from '@test-support/services';
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
import { startRedisServer } from '@test-support/redis-server';

// The api role with a worker and a bot somewhere else, scheduler heartbeats not expected.
const config = {
  role: 'api',
  telegram: { token: '1234567:TEST-only-fake-token-not-a-secret-0' },
  scheduler: { enabled: false },
  bootstrap: { enabled: false },
} as unknown as Config;

async function serveReadiness(
  deps: { db: Db; redis?: Redis; heartbeats: HeartbeatStore },
  ttlMs?: number,
) {
  const readiness = createReadiness({ checks: readinessChecks(config, deps), ttlMs });
  const server: Server = createApp({
    metrics: new Registry(),
    metricsEnabled: false,
    readiness,
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    probe: async () => {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as ReadinessReport };
    },
    base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function beatBoth(store: HeartbeatStore, at: Date) {
  await store.beat('worker', 'w-1', at);
  await store.beat('tgbot', 'b-1', at);
}

describe.each(testEngines)('readyz on %s', (_engine, open) => {
  let handle: TestDatabase;
  let app: Awaited<ReturnType<typeof serveReadiness>> | undefined;

  beforeAll(async () => {
    handle = await open();
    await migrateLatest(handle.db);
  });
  afterAll(() => handle.dispose());
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('When worker and bot heartbeats are fresh, then 200 ok', async () => {
    const heartbeats = createSqlHeartbeatStore(handle.db);
    await beatBoth(heartbeats, new Date());
    app = await serveReadiness({ db: handle.db, heartbeats });

    const { status, body } = await app.probe();

    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      checks: { db: 'ok', redis: 'disabled', worker: 'ok', tgbot: 'ok', scheduler: 'disabled' },
    });
  });

  it('When the worker heartbeat is older than 30 s, then 200 degraded with worker stale', async () => {
    const heartbeats = createSqlHeartbeatStore(handle.db);
    await beatBoth(heartbeats, new Date());
    await heartbeats.beat('worker', 'w-1', new Date(Date.now() - 60_000));
    app = await serveReadiness({ db: handle.db, heartbeats });

    const { status, body } = await app.probe();

    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks).toMatchObject({ db: 'ok', worker: 'stale', tgbot: 'ok' });
  });

  it('When a thousand probes arrive at once, then the database sees at most a couple of queries', async () => {
    const heartbeats = createSqlHeartbeatStore(handle.db);
    await beatBoth(heartbeats, new Date());
    // A cache that cannot expire mid-run: how long 1000 requests take must not matter here
    // (the 1 s expiry itself is covered by readiness.test.ts).
    app = await serveReadiness({ db: handle.db, heartbeats }, 60_000);
    let queries = 0;
    let pings = 0;
    const count = (q: { sql: string }) => {
      queries += 1;
      if (/^select 1$/i.test(q.sql.trim())) pings += 1;
    };
    handle.db.writer.on('query', count);
    try {
      const answers = await Promise.all(
        Array.from({ length: 1000 }, () => fetch(`${app!.base}/readyz`).then((r) => r.status)),
      );

      expect(answers.filter((s) => s === 200)).toHaveLength(1000);
      // One readiness computation: the ping plus the worker and tgbot heartbeat reads, which go
      // to the writer here (no reader configured).
      expect(pings).toBe(1);
      expect(queries).toBeLessThanOrEqual(3);
    } finally {
      handle.db.writer.off('query', count);
    }
  });
});

describeWithPostgres('readyz with the database unreachable', () => {
  it('When Postgres does not answer, then 503 with status fail and db fail', async () => {
    const port = await freePort();
    const db = createDb({ client: 'pg', writerUrl: `postgres://postgres@127.0.0.1:${port}/none` });
    const app = await serveReadiness({ db, heartbeats: createSqlHeartbeatStore(db) });
    try {
      const { status, body } = await app.probe();

      expect(status).toBe(503);
      expect(body.status).toBe('fail');
      expect(body.checks.db).toBe('fail');
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  it('When the Postgres test database answers, then the db check is ok', async () => {
    const handle = await createPostgresTestDb();
    await migrateLatest(handle.db);
    const app = await serveReadiness({
      db: handle.db,
      heartbeats: createSqlHeartbeatStore(handle.db),
    });
    try {
      expect((await app.probe()).body.checks.db).toBe('ok');
    } finally {
      await app.close();
      await handle.dispose();
    }
  });
});

describeWithRedis('readyz with Redis heartbeats', () => {
  let handle: TestDatabase;
  let redis: Redis;

  beforeAll(async () => {
    handle = await testEngines[0]![1]();
    await migrateLatest(handle.db);
    redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await redis.quit();
    await handle.dispose();
  });

  it('When Redis answers and both heartbeats are fresh, then 200 ok with redis ok', async () => {
    const prefix = `test-readyz-${process.pid}-${Date.now()}`;
    const heartbeats = createRedisHeartbeatStore(redis, prefix);
    await beatBoth(heartbeats, new Date());
    const app = await serveReadiness({ db: handle.db, redis, heartbeats });
    try {
      const { status, body } = await app.probe();

      expect(status).toBe(200);
      expect(body).toEqual({
        status: 'ok',
        checks: { db: 'ok', redis: 'ok', worker: 'ok', tgbot: 'ok', scheduler: 'disabled' },
      });
    } finally {
      await app.close();
      await redis.del(`${prefix}:heartbeat-last:worker`, `${prefix}:heartbeat-last:tgbot`);
    }
  });
});

describe('readyz with a Redis server that stops', () => {
  let child: ChildProcess | undefined;
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await testEngines[0]![1]();
    await migrateLatest(handle.db);
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await handle.dispose();
  });

  it('When the redis-server process is killed, then 200 degraded with redis fail', async () => {
    const port = await freePort();
    const proc = startRedisServer(port);
    child = proc;
    // Short connect/disconnect timers: a reconnect attempt to the dead server must not hold a
    // timer for seconds after the test and keep Jest from exiting.
    const redis = new Redis({
      host: '127.0.0.1',
      port,
      maxRetriesPerRequest: 1,
      connectTimeout: 200,
      disconnectTimeout: 50,
      retryStrategy: () => 50,
    });
    redis.on('error', () => undefined);
    const heartbeats = createSqlHeartbeatStore(handle.db);
    await beatBoth(heartbeats, new Date());
    let app: Awaited<ReturnType<typeof serveReadiness>> | undefined;
    try {
      // The child needs a moment to listen (longer on a busy machine): ping until it answers.
      expect(await pingUntilUp(redis, 15_000)).toBe('PONG');
      app = await serveReadiness({ db: handle.db, redis, heartbeats });
      expect((await app.probe()).body.status).toBe('ok');

      proc.kill('SIGTERM');
      await once(proc, 'exit');
      // The readiness cache lives about a second.
      await new Promise((r) => setTimeout(r, 1100));
      const { status, body } = await app.probe();

      expect(status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.checks).toMatchObject({ db: 'ok', redis: 'fail', worker: 'ok', tgbot: 'ok' });
    } finally {
      await app?.close();
      redis.disconnect();
    }
  }, 30_000);
});

/** PING until the server answers; each failed attempt is an ioredis error, not the verdict. */
async function pingUntilUp(redis: Redis, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await redis.ping();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
