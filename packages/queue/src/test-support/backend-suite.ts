// One behavioural suite, run against both backends: whatever the worker and the api rely on
// must hold for BullMQ and for the in-process queue alike.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Markets } from '@scoreline/model';
import type { JobOptionsOverrides, SyncResult } from '../contract';
import type { ProcessorContext, QueueBackend, WorkersHandle } from '../backend';
import {
  InvalidPayloadError,
  JobFailedError,
  MissingProcessorError,
  RequestTimeoutError,
  UnrecoverableJobError,
} from '../errors';
import { deferred, waitFor } from './wait-for';

/** Creates backends for one test; `cleanup` runs after every backend it made is closed. */
export interface BackendHarness {
  make(opts?: { jobOptions?: JobOptionsOverrides }): QueueBackend;
  cleanup?(): Promise<void>;
}

const ok: SyncResult = { status: 'ok', leagues: ['E0'], fixtures: 3, odds: 7 };

/** Small backoffs so retries happen within the test, not minutes later. */
const fast: JobOptionsOverrides = {
  predict: { attempts: 3, backoff: { type: 'exponential', delayMs: 20 } },
  sync: { attempts: 3, backoff: { type: 'fixed', delayMs: 20 } },
};

/** Registers the shared behavioural tests for a backend. */
export function runBackendSuite(label: string, makeHarness: () => BackendHarness): void {
  describe(`${label}: shared queue behaviour`, () => {
    let harness: BackendHarness;
    const backends: QueueBackend[] = [];
    const handles: WorkersHandle[] = [];

    const make = (jobOptions: JobOptionsOverrides = fast): QueueBackend => {
      const b = harness.make({ jobOptions });
      backends.push(b);
      return b;
    };

    beforeEach(() => {
      harness = makeHarness();
    });

    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close(2_000)));
      await Promise.all(backends.splice(0).map((b) => b.close()));
      await harness.cleanup?.();
    });

    it('runs an enqueued job and keeps its result', async () => {
      const backend = make();
      const seen: Array<{ payload: unknown; ctx: ProcessorContext }> = [];
      handles.push(
        await backend.startWorkers(
          {
            sync: (payload, ctx) => {
              seen.push({ payload, ctx });
              return Promise.resolve(ok);
            },
          },
          { only: ['sync'] },
        ),
      );

      const { id } = await backend.enqueue('sync', { leagues: ['E0'], from: '2025-08-01' });
      const info = await waitFor(
        () => backend.getJob('sync', id),
        (j) => j.state === 'completed',
        { what: 'sync job to complete' },
      );

      expect(info.result).toEqual(ok);
      expect(info.attemptsMade).toBe(1);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.payload).toEqual({ leagues: ['E0'], from: '2025-08-01' });
      expect(seen[0]!.ctx).toMatchObject({ jobId: id, attempt: 1 });
    });

    it('answers request() with the processor result', async () => {
      const backend = make();
      handles.push(
        await backend.startWorkers(
          {
            predict: (p) =>
              Promise.resolve(
                p.home === 'Nowhere FC'
                  ? {
                      status: 'unknown_team',
                      which: 'home',
                      reason: 'unknown',
                      input: p.home,
                      suggestions: ['Norwich'],
                    }
                  : {
                      status: 'ok',
                      league: 'E0',
                      home: 'Arsenal',
                      away: 'Chelsea',
                      modelVersion: 'dc-1',
                      probs: [0.5, 0.3, 0.2],
                      // The backend carries any answer; its shape is the worker's business.
                      markets: {} as Markets,
                      predictionId: 7,
                    },
              ),
          },
          { only: ['predict'] },
        ),
      );

      await expect(
        backend.request(
          'predict',
          { league: 'E0', home: 'Arsenal', away: 'Chelsea' },
          { timeoutMs: 10_000 },
        ),
      ).resolves.toEqual({
        status: 'ok',
        league: 'E0',
        home: 'Arsenal',
        away: 'Chelsea',
        modelVersion: 'dc-1',
        probs: [0.5, 0.3, 0.2],
        markets: {},
        predictionId: 7,
      });
      await expect(
        backend.request(
          'predict',
          { league: 'E0', home: 'Nowhere FC', away: 'Chelsea' },
          { timeoutMs: 10_000 },
        ),
      ).resolves.toMatchObject({ status: 'unknown_team', which: 'home' });
    });

    it('times out a request nobody answers, naming the job and the timeout, and drops the job', async () => {
      const backend = make();
      const err = await backend
        .request(
          'predict',
          { league: 'E0', home: 'A', away: 'B' },
          { timeoutMs: 150, jobId: 'req-1' },
        )
        .catch((e: unknown) => e);

      expect(err).toBeInstanceOf(RequestTimeoutError);
      expect((err as Error).message).toMatch(/predict job req-1 did not finish within 150 ms/);
      // Nobody waits for the answer any more, so the job must not run later.
      expect((await backend.getJob('predict', 'req-1')).state).toBe('unknown');
      expect((await backend.counts()).predict.waiting).toBe(0);
    });

    it('serves many concurrent requests without piling up listeners', async () => {
      const backend = make();
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.name);
      process.on('warning', onWarning);
      try {
        handles.push(
          await backend.startWorkers(
            {
              predict: (p) =>
                Promise.resolve({ status: 'no_model', league: p.league ?? '' } as const),
            },
            { only: ['predict'] },
          ),
        );
        const leagues = Array.from({ length: 40 }, (_, i) => `L${i}`);
        const results = await Promise.all(
          leagues.map((league) =>
            backend.request('predict', { league, home: 'A', away: 'B' }, { timeoutMs: 15_000 }),
          ),
        );
        expect(results).toEqual(leagues.map((league) => ({ status: 'no_model', league })));
        expect(warnings).toEqual([]);
      } finally {
        process.off('warning', onWarning);
      }
    });

    it('answers a request for an already finished job id from the stored result', async () => {
      const backend = make();
      let calls = 0;
      handles.push(
        await backend.startWorkers(
          {
            settle: () => {
              calls++;
              return Promise.resolve({ status: 'ok', settled: 5 } as const);
            },
          },
          { only: ['settle'] },
        ),
      );
      await backend.enqueue('settle', {}, { jobId: 'settle-2026-01-01' });
      await waitFor(
        () => backend.getJob('settle', 'settle-2026-01-01'),
        (j) => j.state === 'completed',
        { what: 'settle job to complete' },
      );
      // No completion event will come for it any more: the answer must come from re-checking.
      await expect(
        backend.request('settle', {}, { timeoutMs: 10_000, jobId: 'settle-2026-01-01' }),
      ).resolves.toEqual({ status: 'ok', settled: 5 });
      expect(calls).toBe(1);
    });

    it('rejects a request whose job fails for good with the failure reason', async () => {
      const backend = make();
      handles.push(
        await backend.startWorkers(
          { predict: () => Promise.reject(new UnrecoverableJobError('model artifact is corrupt')) },
          { only: ['predict'] },
        ),
      );
      const err = await backend
        .request('predict', { league: 'E0', home: 'A', away: 'B' }, { timeoutMs: 10_000 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JobFailedError);
      expect((err as Error).message).toMatch(/model artifact is corrupt/);
    });

    it('refuses a bad payload at enqueue time with every problem named', async () => {
      const backend = make();
      const err = await backend
        .enqueue('outbox', { chatId: '', text: 'hi', kind: 'spam' } as never)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidPayloadError);
      expect((err as Error).message).toMatch(/chatId must be a non-empty string/);
      expect((err as Error).message).toMatch(/kind must be one of digest, alert/);
      expect((await backend.counts()).outbox).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
      });
    });

    it('fails an invalid job once, without retries, with the reason', async () => {
      const backend = make();
      let calls = 0;
      handles.push(
        await backend.startWorkers(
          {
            predict: () => {
              calls++;
              return Promise.reject(
                new InvalidPayloadError('predict', ['league XX is not supported']),
              );
            },
          },
          { only: ['predict'] },
        ),
      );
      const { id } = await backend.enqueue('predict', { league: 'XX', home: 'A', away: 'B' });
      const info = await waitFor(
        () => backend.getJob('predict', id),
        (j) => j.state === 'failed',
        { what: 'predict job to fail' },
      );
      expect(info.attemptsMade).toBe(1);
      expect(info.failedReason).toMatch(/league XX is not supported/);
      expect(calls).toBe(1);
    });

    it('retries a transient failure with backoff, then succeeds', async () => {
      const backend = make();
      const attempts: number[] = [];
      handles.push(
        await backend.startWorkers(
          {
            sync: (_p, ctx) => {
              attempts.push(ctx.attempt);
              return ctx.attempt < 3
                ? Promise.reject(new Error('ECONNRESET from the feed'))
                : Promise.resolve(ok);
            },
          },
          { only: ['sync'] },
        ),
      );
      const { id } = await backend.enqueue('sync', {});
      const info = await waitFor(
        () => backend.getJob('sync', id),
        (j) => j.state === 'completed' || j.state === 'failed',
        { what: 'sync job to finish' },
      );
      expect(info.state).toBe('completed');
      expect(info.attemptsMade).toBe(3);
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('answers a request after a retried transient failure, not with the first error', async () => {
      const backend = make();
      handles.push(
        await backend.startWorkers(
          {
            predict: (_p, ctx) =>
              ctx.attempt === 1
                ? Promise.reject(new Error('database is locked'))
                : Promise.resolve({ status: 'no_model', league: 'E0' } as const),
          },
          { only: ['predict'] },
        ),
      );
      await expect(
        backend.request('predict', { league: 'E0', home: 'A', away: 'B' }, { timeoutMs: 10_000 }),
      ).resolves.toEqual({ status: 'no_model', league: 'E0' });
    });

    it('gives up after the configured attempts', async () => {
      const backend = make();
      handles.push(
        await backend.startWorkers(
          { sync: () => Promise.reject(new Error('feed down')) },
          { only: ['sync'] },
        ),
      );
      const { id } = await backend.enqueue('sync', {});
      const info = await waitFor(
        () => backend.getJob('sync', id),
        (j) => j.state === 'failed',
        { what: 'sync job to fail' },
      );
      expect(info.attemptsMade).toBe(3);
      expect(info.failedReason).toBe('feed down');
      expect((await backend.counts()).sync.failed).toBe(1);
    });

    it('refuses to start workers when a job type has no processor', async () => {
      const backend = make();
      const noop = () => Promise.resolve(ok);
      const err = await backend.startWorkers({ sync: noop }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingProcessorError);
      expect((err as MissingProcessorError).missing).toEqual([
        'predict',
        'retrain',
        'settle',
        'maintenance',
        'digest',
        'outbox',
        'explain',
        'season',
        'ratings',
      ]);
      await expect(
        backend.startWorkers({ sync: noop }, { only: ['sync', 'settle'] }),
      ).rejects.toThrow('no processor for job type(s): settle');
    });

    it('deduplicates by jobId', async () => {
      const backend = make();
      const a = await backend.enqueue(
        'retrain',
        { league: 'E0' },
        { jobId: 'retrain-E0-2025-05-01' },
      );
      const b = await backend.enqueue(
        'retrain',
        { league: 'E0' },
        { jobId: 'retrain-E0-2025-05-01' },
      );
      expect(a.id).toBe('retrain-E0-2025-05-01');
      expect(b.id).toBe(a.id);
      expect((await backend.counts()).retrain.waiting).toBe(1);
    });

    it('counts waiting and delayed jobs per queue', async () => {
      const backend = make();
      await backend.enqueue('settle', {});
      await backend.enqueue('settle', {});
      await backend.enqueue('digest', {}, { delayMs: 60_000 });
      const counts = await backend.counts();
      expect(counts.settle).toEqual({ waiting: 2, active: 0, delayed: 0, failed: 0 });
      expect(counts.digest).toEqual({ waiting: 0, active: 0, delayed: 1, failed: 0 });
    });

    it('upserts schedules idempotently and removes them', async () => {
      const backend = make();
      await backend.upsertSchedule('sync-daily', '0 4 * * *', 'sync', {}, { tz: 'Europe/Moscow' });
      await backend.upsertSchedule('sync-daily', '30 4 * * *', 'sync', {}, { tz: 'Europe/Moscow' });
      await backend.upsertSchedule('maintenance-weekly', '0 3 * * 0', 'maintenance', {
        tasks: ['vacuum'],
      });

      const list = (await backend.listSchedules()).sort((x, y) => x.id.localeCompare(y.id));
      expect(list.map(({ id, cron, name }) => ({ id, cron, name }))).toEqual([
        { id: 'maintenance-weekly', cron: '0 3 * * 0', name: 'maintenance' },
        { id: 'sync-daily', cron: '30 4 * * *', name: 'sync' },
      ]);

      // An id is unique across job types: moving it replaces, never duplicates.
      await backend.upsertSchedule('sync-daily', '0 5 * * *', 'settle', {});
      expect((await backend.listSchedules()).filter((s) => s.id === 'sync-daily')).toEqual([
        expect.objectContaining({ name: 'settle', cron: '0 5 * * *' }),
      ]);

      await backend.removeSchedule('sync-daily');
      await backend.removeSchedule('never-existed');
      expect((await backend.listSchedules()).map((s) => s.id)).toEqual(['maintenance-weekly']);
    });

    it('rejects a bad cron pattern up front', async () => {
      const backend = make();
      await expect(backend.upsertSchedule('bad', 'every day', 'settle', {})).rejects.toThrow(
        /invalid cron "every day"/,
      );
      expect(await backend.listSchedules()).toEqual([]);
    });

    it('closes workers gracefully: waits for the in-flight job', async () => {
      const backend = make();
      const gate = deferred();
      const started = deferred();
      const handle = await backend.startWorkers(
        {
          sync: async () => {
            started.resolve();
            await gate.promise;
            return ok;
          },
        },
        { only: ['sync'] },
      );
      const { id } = await backend.enqueue('sync', {});
      await started.promise;

      let closed = false;
      const closing = handle.close(10_000).then(() => {
        closed = true;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(closed).toBe(false);

      gate.resolve();
      await closing;
      expect((await backend.getJob('sync', id)).state).toBe('completed');
    });

    it('forces close after the timeout by aborting the processor', async () => {
      const backend = make({ sync: { attempts: 1 } });
      const started = deferred();
      let aborted = false;
      const handle = await backend.startWorkers(
        {
          sync: (_p, ctx) =>
            new Promise((_resolve, reject) => {
              started.resolve();
              ctx.signal?.addEventListener('abort', () => {
                aborted = true;
                reject(new Error('aborted'));
              });
            }),
        },
        { only: ['sync'] },
      );
      await backend.enqueue('sync', {});
      await started.promise;
      await handle.close(100);
      expect(aborted).toBe(true);
    });
  });
}
