import { describe, expect, it } from '@jest/globals';
import type { QueueBackend } from './backend';
import {
  ALL_JOB_NAMES,
  DEFAULT_CONCURRENCY,
  DEFAULT_JOB_OPTIONS,
  JobName,
  backoffDelayMs,
  isJobName,
  resolveJobDefaults,
} from './contract';
import { resolveWorkerNames, assertJobId, assertScheduleId } from './backend';
import { MissingProcessorError } from './errors';
import { nextCronTime, InvalidCronError } from './cron';

describe('job contract', () => {
  it('lists the ten job types', () => {
    expect(ALL_JOB_NAMES).toEqual([
      'predict',
      'retrain',
      'sync',
      'settle',
      'maintenance',
      'digest',
      'outbox',
      'explain',
      'season',
      'ratings',
    ]);
    expect(JobName.outbox).toBe('outbox');
    expect(isJobName('digest')).toBe(true);
    expect(isJobName('digests')).toBe(false);
  });

  it('has bounded retention and real retries for every job type', () => {
    for (const name of ALL_JOB_NAMES) {
      const d = DEFAULT_JOB_OPTIONS[name];
      expect(d.attempts).toBeGreaterThanOrEqual(2);
      expect(d.backoff.type).toBe('exponential');
      expect(d.removeOnComplete.count).toBeGreaterThan(0);
      // Failed jobs are what people inspect, so they outlive completed ones.
      expect(d.removeOnFail.count).toBeGreaterThanOrEqual(d.removeOnComplete.count);
      expect(d.removeOnFail.ageSec).toBeGreaterThanOrEqual(d.removeOnComplete.ageSec);
    }
  });

  it('runs predictions in parallel, lookups two at a time and everything else one at a time', () => {
    expect(DEFAULT_CONCURRENCY).toEqual({
      predict: 20,
      retrain: 1,
      sync: 1,
      settle: 1,
      maintenance: 1,
      digest: 1,
      outbox: 1,
      explain: 2,
      season: 1,
      ratings: 2,
    });
  });

  it('applies overrides per job type only', () => {
    const o = { sync: { attempts: 9 } };
    expect(resolveJobDefaults('sync', o)).toEqual({ ...DEFAULT_JOB_OPTIONS.sync, attempts: 9 });
    expect(resolveJobDefaults('settle', o)).toEqual(DEFAULT_JOB_OPTIONS.settle);
  });

  it('computes backoff like BullMQ', () => {
    const exp = { type: 'exponential', delayMs: 1000 } as const;
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(exp, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelayMs({ type: 'fixed', delayMs: 500 }, 3)).toBe(500);
  });
});

describe('backend helpers', () => {
  const noop = () => Promise.resolve({ status: 'ok' as const, settled: 0 });

  it('requires a processor for every job type a worker runs', () => {
    expect(resolveWorkerNames({ settle: noop }, ['settle', 'settle'])).toEqual(['settle']);
    expect(() => resolveWorkerNames({ settle: noop }, ['settle', 'digest', 'outbox'])).toThrow(
      new MissingProcessorError(['digest', 'outbox']),
    );
  });

  it('rejects ids BullMQ cannot store', () => {
    expect(() => assertJobId('retrain-E0-2025-05-01')).not.toThrow();
    expect(() => assertJobId('retrain:E0')).toThrow(/job id must match/);
    expect(() => assertJobId('12345')).toThrow(/not be all digits/);
    expect(() => assertScheduleId('sync-daily')).not.toThrow();
    expect(() => assertScheduleId('')).toThrow(/schedule id/);
  });
});

describe('cron', () => {
  it('finds the next fire time in the given zone, with or without seconds', () => {
    const at = new Date('2026-06-01T12:00:00Z');
    expect(new Date(nextCronTime('*/15 * * * *', at)).toISOString()).toBe(
      '2026-06-01T12:15:00.000Z',
    );
    expect(new Date(nextCronTime('30 0 3 * * *', at, 'UTC')).toISOString()).toBe(
      '2026-06-02T03:00:30.000Z',
    );
    expect(new Date(nextCronTime('0 9 * * 1', at, 'Europe/Moscow')).toISOString()).toBe(
      '2026-06-08T06:00:00.000Z',
    );
  });

  it('explains a bad pattern', () => {
    expect(() => nextCronTime('61 * * * *', new Date())).toThrow(InvalidCronError);
    expect(() => nextCronTime('61 * * * *', new Date())).toThrow(/invalid cron "61 \* \* \* \*"/);
    expect(() => nextCronTime('0 3 * * *', new Date(), 'Mars/Olympus')).toThrow(
      'unknown time zone "Mars/Olympus" for cron "0 3 * * *"',
    );
  });
});

// Compile-time contract checks (run by `npm run typecheck`): a wrong payload or a misread
// result is a type error, not a runtime surprise. Never called.
export async function typeChecks(backend: QueueBackend): Promise<void> {
  // @ts-expect-error outbox needs chatId
  await backend.enqueue('outbox', { text: 'x', kind: 'digest' });
  // @ts-expect-error maintenance tasks are a closed set
  await backend.enqueue('maintenance', { tasks: ['defrag'] });
  const r = await backend.request(
    'predict',
    { league: 'E0', home: 'A', away: 'B' },
    { timeoutMs: 1 },
  );
  if (r.status === 'ok') {
    const [home, draw, away]: [number, number, number] = r.probs;
    void [home, draw, away];
  } else if (r.status === 'unknown_team') {
    const which: 'home' | 'away' = r.which;
    void which;
  } else {
    // @ts-expect-error no probabilities without a model
    void r.probs;
  }
}
