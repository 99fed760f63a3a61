import { afterEach, describe, expect, it } from '@jest/globals';
import type { QueueBackend } from './backend';
import { QueueStateError } from './errors';
import { type Timers, createInProcessBackend } from './in-process-backend';
import { runBackendSuite } from './test-support/backend-suite';
import { memoryLogger } from './test-support/wait-for';

runBackendSuite('in-process', () => ({
  make: ({ jobOptions } = {}) =>
    createInProcessBackend({ logger: memoryLogger(), ...(jobOptions ? { jobOptions } : {}) }),
}));

/** A manual clock: timers fire only when the test advances time. */
function fakeClock(
  start: string,
): Timers & { now: () => Date; advance: (ms: number) => Promise<void> } {
  let t = Date.parse(start);
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    now: () => new Date(t),
    setTimeout(fn, ms) {
      const id = ++seq;
      pending.set(id, { at: t + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, p]) => p.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].fn();
        await flush();
      }
      t = end;
      await flush();
    },
  };
}

describe('in-process backend: cron and lifecycle', () => {
  let backend: QueueBackend | undefined;

  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it('fires a cron schedule at its times under an injected clock', async () => {
    const clock = fakeClock('2026-01-01T00:00:30Z');
    backend = createInProcessBackend({ logger: memoryLogger(), now: clock.now, timers: clock });
    const fired: Array<{ at: string; payload: unknown; jobId: string }> = [];
    await backend.startWorkers(
      {
        digest: (payload, ctx) => {
          fired.push({ at: clock.now().toISOString(), payload, jobId: ctx.jobId });
          return Promise.resolve({ status: 'ok', queued: 0 });
        },
      },
      { only: ['digest'] },
    );
    await backend.upsertSchedule('digest-scan', '* * * * *', 'digest', {});
    expect(await backend.listSchedules()).toEqual([
      {
        id: 'digest-scan',
        cron: '* * * * *',
        name: 'digest',
        next: Date.parse('2026-01-01T00:01:00Z'),
      },
    ]);

    await clock.advance(29_000);
    expect(fired).toEqual([]);

    await clock.advance(1_000);
    await clock.advance(120_000);
    expect(fired.map((f) => f.at)).toEqual([
      '2026-01-01T00:01:00.000Z',
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
    ]);
    expect(fired[0]).toMatchObject({ payload: {}, jobId: 'sched-digest-scan-1767225660000' });
  });

  it('honours the schedule time zone', async () => {
    const clock = fakeClock('2026-03-10T00:00:00Z');
    backend = createInProcessBackend({ logger: memoryLogger(), now: clock.now, timers: clock });
    await backend.upsertSchedule('retrain', '0 9 * * *', 'retrain', {}, { tz: 'Europe/Moscow' });
    const [s] = await backend.listSchedules();
    // 09:00 in Moscow (UTC+3) is 06:00 UTC.
    expect(new Date(s!.next!).toISOString()).toBe('2026-03-10T06:00:00.000Z');
  });

  it('re-upserting replaces the timer instead of adding a second one', async () => {
    const clock = fakeClock('2026-01-01T00:00:30Z');
    backend = createInProcessBackend({ logger: memoryLogger(), now: clock.now, timers: clock });
    await backend.upsertSchedule('settle', '* * * * *', 'settle', {});
    await backend.upsertSchedule('settle', '* * * * *', 'settle', {});
    await clock.advance(30_000);
    expect((await backend.counts()).settle.waiting).toBe(1);
  });

  it('clears schedules and fails pending requests on close', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    backend = createInProcessBackend({ logger: memoryLogger(), now: clock.now, timers: clock });
    await backend.upsertSchedule('settle', '* * * * *', 'settle', {});
    const pending = backend.request('settle', {}, { timeoutMs: 60_000 });
    await backend.close();
    await expect(pending).rejects.toBeInstanceOf(QueueStateError);
    expect(await backend.listSchedules()).toEqual([]);
    await expect(backend.enqueue('settle', {})).rejects.toThrow(/closed/);
  });

  it('keeps at most removeOnComplete.count finished jobs', async () => {
    backend = createInProcessBackend({
      logger: memoryLogger(),
      jobOptions: { settle: { removeOnComplete: { count: 2, ageSec: 3600 } } },
    });
    await backend.startWorkers(
      { settle: () => Promise.resolve({ status: 'ok', settled: 1 }) },
      { only: ['settle'] },
    );
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await backend.enqueue('settle', {})).id);
      await backend.request('settle', {}, { timeoutMs: 5_000 });
    }
    const states = await Promise.all(
      ids.map(async (id) => (await backend!.getJob('settle', id)).state),
    );
    // Completion order is id0, req0, id1, req1, …; only the last two finished jobs are kept.
    expect(states).toEqual(['unknown', 'unknown', 'unknown', 'completed']);
  });

  it('runs up to the configured concurrency at once', async () => {
    backend = createInProcessBackend({ logger: memoryLogger() });
    let running = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    await backend.startWorkers(
      {
        predict: () =>
          new Promise((resolve) => {
            running++;
            peak = Math.max(peak, running);
            release.push(() => {
              running--;
              resolve({ status: 'no_model', league: 'E0' });
            });
          }),
      },
      { only: ['predict'], concurrency: { predict: 2 } },
    );
    for (let i = 0; i < 5; i++)
      await backend.enqueue('predict', { league: 'E0', home: 'A', away: 'B' });
    await new Promise((r) => setImmediate(r));
    expect(peak).toBe(2);
    expect((await backend.counts()).predict).toMatchObject({ active: 2, waiting: 3 });
    while (release.length > 0) {
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(peak).toBe(2);
    expect((await backend.counts()).predict).toMatchObject({ active: 0, waiting: 0 });
  });
});
