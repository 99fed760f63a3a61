import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describeWithRedis, testRedisUrl } from '@test-support/services';
import type { QueueBackend, WorkersHandle } from './backend';
import { type BullmqBackendOptions, createBullmqBackend } from './bullmq-backend';
import { JobFailedError, QueueStateError, UnrecoverableJobError } from './errors';
import { runBackendSuite } from './test-support/backend-suite';
import { memoryLogger, waitFor } from './test-support/wait-for';

/** Deletes every key under `prefix`, so no test leaves state in the shared Redis db. */
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

describeWithRedis('bullmq backend', () => {
  runBackendSuite('bullmq', () => {
    const prefix = `test-${randomUUID()}`;
    return {
      make: ({ jobOptions } = {}) =>
        createBullmqBackend({
          redisUrl: testRedisUrl,
          prefix,
          logger: memoryLogger(),
          role: 'both',
          ...(jobOptions ? { jobOptions } : {}),
          worker: { drainDelay: 1 },
          requestPollMs: 200,
        }),
      cleanup: () => dropPrefix(prefix),
    };
  });

  describeWithRedis('Redis-specific behaviour', () => {
    let prefix: string;
    const backends: QueueBackend[] = [];
    const handles: WorkersHandle[] = [];
    const closers: Array<() => Promise<unknown>> = [];

    const make = (extra: Partial<BullmqBackendOptions> = {}): QueueBackend => {
      const b = createBullmqBackend({
        redisUrl: testRedisUrl,
        prefix,
        logger: memoryLogger(),
        role: 'both',
        worker: { drainDelay: 1 },
        ...extra,
      });
      backends.push(b);
      return b;
    };

    beforeEach(() => {
      prefix = `test-${randomUUID()}`;
    });

    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close(2_000)));
      await Promise.all(backends.splice(0).map((b) => b.close()));
      await Promise.all(closers.splice(0).map((c) => c()));
      await dropPrefix(prefix);
    });

    it("When the requester re-reads jobs only once a minute, then request() still answers within seconds: the worker in another backend replies on the requester's channel, for a result, a retried job and a failure for good", async () => {
      const slowPoll = { requestPollMs: 60_000 };
      const fast = { predict: { attempts: 2, backoff: { type: 'fixed' as const, delayMs: 20 } } };
      const requester = make({ role: 'producer', ...slowPoll, jobOptions: fast });
      let flakyTries = 0;
      handles.push(
        await make({ role: 'worker', jobOptions: fast }).startWorkers(
          {
            predict: (p) => {
              if (p.home === 'Flaky' && ++flakyTries === 1) throw new Error('database hiccup');
              if (p.home === 'Broken') throw new UnrecoverableJobError('model artifact is corrupt');
              return Promise.resolve({ status: 'no_model', league: p.home });
            },
          },
          { only: ['predict'] },
        ),
      );
      const started = Date.now();
      await expect(
        requester.request('predict', { home: 'A', away: 'B' }, { timeoutMs: 20_000 }),
      ).resolves.toEqual({ status: 'no_model', league: 'A' });
      await expect(
        requester.request('predict', { home: 'Flaky', away: 'B' }, { timeoutMs: 20_000 }),
      ).resolves.toEqual({ status: 'no_model', league: 'Flaky' });
      expect(flakyTries).toBe(2);
      const err = await requester
        .request('predict', { home: 'Broken', away: 'B' }, { timeoutMs: 20_000 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JobFailedError);
      expect((err as Error).message).toMatch(/model artifact is corrupt/);
      // One re-read would have come after 60 s: every answer came through the channel.
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    it('fails a job whose stored payload breaks the contract once, naming the problem', async () => {
      // A producer that skipped validation (another version, a manual redis-cli add).
      const raw = new Queue('predict', { connection: { url: testRedisUrl }, prefix });
      closers.push(() => raw.close());
      const job = await raw.add('predict', { league: 42, home: 'A' }, { attempts: 3 });

      const backend = make();
      let calls = 0;
      handles.push(
        await backend.startWorkers(
          {
            predict: () => {
              calls++;
              return Promise.resolve({ status: 'no_model', league: 'E0' });
            },
          },
          { only: ['predict'] },
        ),
      );
      const info = await waitFor(
        () => backend.getJob('predict', job.id!),
        (j) => j.state === 'failed',
        { what: 'invalid job to fail' },
      );
      expect(info.attemptsMade).toBe(1);
      expect(info.failedReason).toMatch(
        /invalid predict payload: league must be a non-empty string; away is required/,
      );
      expect(calls).toBe(0);
    });

    it.each([
      ['honours its abort signal', true],
      ['ignores its abort signal', false],
    ] as const)(
      'When the close deadline passes while a processor that %s runs, then its job goes straight back to waiting and another worker completes it without waiting for the stall check',
      async (_label, honours) => {
        const producer = make({ role: 'producer' });
        const { id } = await producer.enqueue('sync', { leagues: ['E0'] });
        let started = false;
        let release: () => void = () => undefined;
        const stuck = new Promise<void>((resolve) => (release = resolve));
        const leaving = await make({ role: 'worker' }).startWorkers(
          {
            sync: async (_p, ctx) => {
              started = true;
              if (honours) {
                await new Promise<void>((_resolve, reject) =>
                  ctx.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
                );
              } else {
                await stuck;
              }
              return { status: 'ok', leagues: ['E0'], fixtures: 0, odds: 0 };
            },
          },
          { only: ['sync'] },
        );
        await waitFor(
          () => Promise.resolve(started),
          (v) => v,
          { what: 'the job to start' },
        );

        await leaving.close(800);
        const afterClose = await producer.getJob('sync', id);
        release();

        expect(afterClose.state).toBe('waiting');
        expect(afterClose.attemptsMade).toBe(0);
        // The default stall check runs every 30 s: finishing well before proves no stall.
        const attempts: number[] = [];
        handles.push(
          await make({ role: 'worker' }).startWorkers(
            {
              sync: (_p, ctx) => {
                attempts.push(ctx.attempt);
                return Promise.resolve({ status: 'ok', leagues: ['E0'], fixtures: 1, odds: 0 });
              },
            },
            { only: ['sync'] },
          ),
        );
        const done = await waitFor(
          () => producer.getJob('sync', id),
          (j) => j.state === 'completed' || j.state === 'failed',
          { what: 'the handed-back job to complete', timeoutMs: 15_000 },
        );
        expect(done.state).toBe('completed');
        expect(done.result).toEqual({ status: 'ok', leagues: ['E0'], fixtures: 1, odds: 0 });
        expect(attempts).toEqual([1]);
      },
      40_000,
    );

    it('keeps one scheduler when two replicas upsert the same id', async () => {
      const a = make({ role: 'worker' });
      const b = make({ role: 'worker' });
      await Promise.all([
        a.upsertSchedule('retrain-nightly', '0 3 * * *', 'retrain', {}, { tz: 'Europe/Moscow' }),
        b.upsertSchedule('retrain-nightly', '0 3 * * *', 'retrain', {}, { tz: 'Europe/Moscow' }),
      ]);
      await a.upsertSchedule(
        'retrain-nightly',
        '0 3 * * *',
        'retrain',
        {},
        { tz: 'Europe/Moscow' },
      );

      for (const backend of [a, b]) {
        expect(await backend.listSchedules()).toEqual([
          expect.objectContaining({
            id: 'retrain-nightly',
            cron: '0 3 * * *',
            name: 'retrain',
            tz: 'Europe/Moscow',
          }),
        ]);
      }
      const raw = new Queue('retrain', { connection: { url: testRedisUrl }, prefix });
      closers.push(() => raw.close());
      expect(await raw.getJobSchedulersCount()).toBe(1);
      // One scheduler means one pending fire, not one per replica.
      expect(await raw.getDelayedCount()).toBe(1);
    });

    it('refuses to start workers in the producer role', async () => {
      const backend = make({ role: 'producer' });
      await expect(
        backend.startWorkers(
          { settle: () => Promise.resolve({ status: 'ok', settled: 0 }) },
          { only: ['settle'] },
        ),
      ).rejects.toBeInstanceOf(QueueStateError);
    });

    describeWithRedis('a worker process killed mid-job', () => {
      const pkgDir = path.resolve(__dirname, '..');
      let child: ChildProcess | undefined;

      beforeAll(() => {
        // The child runs the compiled package; build it so the test never runs stale code.
        execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', pkgDir], {
          stdio: 'inherit',
        });
      }, 120_000);

      afterEach(() => {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        child = undefined;
      });

      it('is recovered by another worker and completes exactly once', async () => {
        const counterKey = `${prefix}:completions`;
        const counter = new Redis(testRedisUrl);
        closers.push(() => counter.quit());

        child = fork(
          path.join(__dirname, 'test-support', 'sigkill-worker.js'),
          [testRedisUrl, prefix, counterKey],
          { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
        );
        const messages: Array<{ type: string; jobId?: string }> = [];
        child.on('message', (m) => messages.push(m as { type: string; jobId?: string }));
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        await waitFor(() => messages.some((m) => m.type === 'ready'), Boolean, {
          what: 'child worker to be ready',
          timeoutMs: 20_000,
        });

        const producer = make({ role: 'producer' });
        const { id } = await producer.enqueue('sync', { leagues: ['E0'] });
        await waitFor(() => messages.some((m) => m.type === 'started' && m.jobId === id), Boolean, {
          what: 'child to start the job',
        });
        child.kill('SIGKILL');
        await exited;
        expect((await producer.getJob('sync', id)).state).toBe('active');

        const rescuer = make({
          role: 'worker',
          worker: { lockDuration: 1000, stalledInterval: 300, drainDelay: 1 },
        });
        const attempts: number[] = [];
        handles.push(
          await rescuer.startWorkers(
            {
              sync: async (_p, ctx) => {
                attempts.push(ctx.attempt);
                await counter.incr(counterKey);
                return { status: 'ok', leagues: ['E0'], fixtures: 1, odds: 0 };
              },
            },
            { only: ['sync'] },
          ),
        );

        const info = await waitFor(
          () => producer.getJob('sync', id),
          (j) => j.state === 'completed' || j.state === 'failed',
          { what: 'the stalled job to be recovered', timeoutMs: 20_000 },
        );
        expect(info.state).toBe('completed');
        expect(info.result).toEqual({ status: 'ok', leagues: ['E0'], fixtures: 1, odds: 0 });
        expect(await counter.get(counterKey)).toBe('1');
        expect(attempts).toHaveLength(1);
      }, 60_000);
    });
  });
});
