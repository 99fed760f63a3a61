// The worker on real Redis (BullMQ): requests through the queue, retrain, schedulers shared by
// two workers, FAILSAFE_MODE, idempotent settlement and one digest per day across two workers.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  createSqlHeartbeatStore,
  getChampion,
  insertPrediction,
  listFixtures,
  listPredictions,
  findLeagueByCode,
  migrateLatest,
  type Db,
} from '@scoreline/db';
import { createQueueBackend, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { describeWithRedis, testRedisUrl } from '@test-support/services';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { digestJobId } from './processors/digest.processor';
import { startWorkerRole, type WorkerHandle } from './role';
import { DIGEST_NOW, seedDigestScenario } from './test-support/digest-scenario';
import {
  FAST_RETRAIN,
  quietLogger,
  seedEpl,
  tempConfig,
  trainChampion,
  waitFor,
  type TempConfig,
} from './test-support/worker-fixtures';

async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

describeWithRedis('worker on Redis', () => {
  let prefix: string;
  const backends: QueueBackend[] = [];
  const workers: WorkerHandle[] = [];
  const temps: TempConfig[] = [];

  const backend = (role: 'both' | 'producer' = 'both'): QueueBackend => {
    const b = createQueueBackend({
      redisUrl: testRedisUrl,
      prefix,
      logger: quietLogger(),
      role,
      worker: { drainDelay: 1 },
    });
    backends.push(b);
    return b;
  };

  const startWorker = async (
    db: Db,
    env: Record<string, string> = {},
    instance = `w-${workers.length + 1}`,
    config = tempConfig({ ENABLE_SCHEDULER: '0', ...env }),
  ) => {
    temps.push(config);
    const queue = backend();
    const worker = await startWorkerRole(config.config, {
      logger: quietLogger(),
      heartbeats: createSqlHeartbeatStore(db),
      instance,
      db,
      queue,
      metrics: new Registry(),
      overrides: { retrainOptions: FAST_RETRAIN },
    });
    workers.push(worker);
    return { worker, queue, config };
  };

  beforeEach(() => {
    prefix = `test-worker-${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(backends.splice(0).map((b) => b.close()));
    for (const t of temps.splice(0)) t.dispose();
    await dropPrefix(prefix);
  });

  describe('with a seeded league', () => {
    let handle: TestDatabase;
    let db: Db;
    let trained: TempConfig;

    beforeAll(async () => {
      handle = await createSqliteTestDb();
      db = handle.db;
      await seedEpl(db);
      trained = tempConfig();
      await trainChampion(db, trained.config);
    }, 120_000);
    afterAll(async () => {
      await handle.dispose();
      trained.dispose();
    });

    it('When the api asks for a prediction through Redis, then the worker answers with the champion and stores it', async () => {
      await startWorker(
        db,
        {},
        'w-1',
        tempConfig({ DATA_DIR: trained.dir, ENABLE_SCHEDULER: '0' }),
      );
      const producer = backend('producer');

      const result = await producer.request(
        'predict',
        { league: 'E0', home: 'Man City', away: 'Arsenal', requestedBy: '7' },
        { timeoutMs: 15_000 },
      );

      expect(result.status).toBe('ok');
      expect(result.status === 'ok' && result.modelVersion).toBe(
        (await getChampion(db, 'E0'))!.version,
      );
      expect(await listPredictions(db, { requestedBy: 7 })).toHaveLength(1);
    });

    it('When two workers settle at the same time, then every prediction is settled exactly once', async () => {
      const league = (await findLeagueByCode(db, 'E0'))!;
      const played = await listFixtures(db, {
        leagueId: league.id,
        from: '2024-09-01',
        to: '2024-09-30',
      });
      for (const f of played) {
        await insertPrediction(db, {
          fixtureId: f.id,
          leagueCode: 'E0',
          homeTeamId: f.homeTeamId,
          awayTeamId: f.awayTeamId,
          modelVersion: 'v-settle',
          inputs: {},
          pHome: 0.4,
          pDraw: 0.3,
          pAway: 0.3,
          markets: {},
        });
      }
      await startWorker(db);
      await startWorker(db);
      const producer = backend('producer');

      const results = await Promise.all(
        [1, 2, 3].map(() => producer.request('settle', {}, { timeoutMs: 15_000 })),
      );

      const settled = results.map((r) => (r.status === 'ok' ? r.settled : 0));
      expect(settled.reduce((a, b) => a + b, 0)).toBe(played.length);
      const stored = await listPredictions(db, { settled: true, limit: 1000 });
      expect(stored.filter((p) => p.modelVersion === 'v-settle')).toHaveLength(played.length);
    });

    it('When two workers scan digests in the same minute, then one outbox job exists per subscription and day', async () => {
      const { subscriptionId } = await seedDigestScenario(db, { chatId: 2002 });
      const a = await startWorker(db);
      await startWorker(db);

      await Promise.all([
        a.queue.request('digest', { now: DIGEST_NOW }, { timeoutMs: 15_000 }),
        a.queue.request('digest', { now: DIGEST_NOW }, { timeoutMs: 15_000 }),
      ]);
      await a.queue.request('digest', { now: '2026-03-01T07:00:00.000Z' }, { timeoutMs: 15_000 });

      const counts = await a.queue.counts();
      expect(counts.outbox.waiting).toBe(1);
      const job = await a.queue.getJob('outbox', digestJobId(subscriptionId, '2026-03-01'));
      expect(job.state).toBe('waiting');
    });
  });

  describe('with an empty database', () => {
    let handle: TestDatabase;
    let db: Db;

    beforeEach(async () => {
      handle = await createSqliteTestDb();
      db = handle.db;
      await migrateLatest(db);
    });
    afterEach(() => handle.dispose());

    it('When a retrain job runs on a league without a model, then its first model is promoted to champion', async () => {
      await seedEpl(db);
      const { queue } = await startWorker(db);

      const result = await queue.request('retrain', { league: 'E0' }, { timeoutMs: 90_000 });

      expect(result).toMatchObject({ status: 'promoted', league: 'E0' });
      expect((await getChampion(db, 'E0'))?.version).toBe(result.modelVersion);
      expect(result.metrics?.rps).toBeGreaterThan(0);
    }, 120_000);

    it('When two workers start together with the scheduler on, then each schedule is registered once and both beat as scheduler', async () => {
      await Promise.all([
        startWorker(db, { ENABLE_SCHEDULER: '1' }, 'a'),
        startWorker(db, { ENABLE_SCHEDULER: '1' }, 'b'),
      ]);

      const schedules = await backends[0]!.listSchedules();
      expect(schedules.map((s) => s.id).sort()).toEqual([
        'backup',
        'digest-scan',
        'maintenance',
        'retrain',
        'sync',
      ]);
      const beats = await waitFor(
        () => createSqlHeartbeatStore(db).lastBeats('scheduler'),
        (b) => b.length === 2,
      );
      expect(beats.map((b) => b.instance).sort()).toEqual(['a', 'b']);
    });

    it('When restarted with FAILSAFE_MODE=1, then exactly retrain, backup and VACUUM/ANALYZE are gone', async () => {
      const first = await startWorker(db, { ENABLE_SCHEDULER: '1' });
      await first.worker.stop();

      const { queue } = await startWorker(db, { ENABLE_SCHEDULER: '1', FAILSAFE_MODE: '1' });

      const schedules = await queue.listSchedules();
      expect(schedules.map((s) => s.id).sort()).toEqual(['digest-scan', 'sync']);
      expect(schedules.find((s) => s.id === 'digest-scan')).toMatchObject({
        cron: '* * * * *',
        name: 'digest',
      });
    });
  });
});
