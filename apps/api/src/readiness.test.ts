import { describe, expect, it } from '@jest/globals';
import { combine, createReadiness, type CheckName, type CheckStatus } from './readiness';

const allOk: Record<CheckName, CheckStatus> = {
  db: 'ok',
  redis: 'ok',
  worker: 'ok',
  tgbot: 'ok',
  scheduler: 'ok',
};

describe('combine', () => {
  it('should be ok when every check is ok or disabled', () => {
    expect(combine(allOk)).toBe('ok');
    expect(combine({ ...allOk, redis: 'disabled', tgbot: 'disabled' })).toBe('ok');
  });

  it.each(['fail', 'stale', 'absent'] as const)(
    'should be degraded when a non-db check is %s',
    (s) => {
      expect(combine({ ...allOk, worker: s })).toBe('degraded');
      expect(combine({ ...allOk, redis: s })).toBe('degraded');
    },
  );

  it('When the first-start bootstrap is still running, then degraded with bootstrap: bootstrapping', () => {
    expect(combine({ ...allOk, bootstrap: 'bootstrapping' })).toBe('degraded');
    expect(combine({ ...allOk, bootstrap: 'ok' })).toBe('ok');
  });

  it('should fail when the database fails, whatever the rest', () => {
    expect(combine({ ...allOk, db: 'fail', worker: 'absent' })).toBe('fail');
  });
});

describe('createReadiness', () => {
  it('When a thousand probes arrive at once, then each check runs once', async () => {
    let dbQueries = 0;
    const readiness = createReadiness({
      checks: {
        db: async () => {
          dbQueries += 1;
          await new Promise((r) => setTimeout(r, 5));
          return 'ok';
        },
        redis: () => Promise.resolve('disabled'),
        worker: () => Promise.resolve('ok'),
        tgbot: () => Promise.resolve('ok'),
        scheduler: () => Promise.resolve('ok'),
      },
    });

    const reports = await Promise.all(Array.from({ length: 1000 }, () => readiness.report()));

    expect(dbQueries).toBe(1);
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['ok']));
  });

  it('When the cache is older than the TTL, then the checks run again', async () => {
    let t = 0;
    let calls = 0;
    const check = () => {
      calls += 1;
      return Promise.resolve<CheckStatus>('ok');
    };
    const readiness = createReadiness({
      checks: { db: check, redis: check, worker: check, tgbot: check, scheduler: check },
      ttlMs: 1000,
      now: () => t,
    });

    await readiness.report();
    t = 999;
    await readiness.report();
    t = 1000;
    await readiness.report();

    expect(calls).toBe(10);
  });

  it('When a check hangs or throws, then it reads as fail and the others still report', async () => {
    const readiness = createReadiness({
      checks: {
        db: () => Promise.resolve('ok'),
        redis: () => new Promise<CheckStatus>(() => undefined),
        worker: () => Promise.reject(new Error('boom')),
        tgbot: () => Promise.resolve('absent'),
        scheduler: () => Promise.resolve('disabled'),
      },
      timeoutMs: 20,
    });

    const report = await readiness.report();

    expect(report).toEqual({
      status: 'degraded',
      checks: { db: 'ok', redis: 'fail', worker: 'fail', tgbot: 'absent', scheduler: 'disabled' },
      output: 'redis: fail; worker: fail; tgbot: absent',
    });
  });

  it('When a report is fresh, then peek returns it without running the checks; when stale, nothing', async () => {
    let t = 0;
    let calls = 0;
    const check = () => {
      calls += 1;
      return Promise.resolve<CheckStatus>('ok');
    };
    const readiness = createReadiness({
      checks: { db: check, redis: check, worker: check, tgbot: check, scheduler: check },
      ttlMs: 1000,
      now: () => t,
    });

    expect(readiness.peek?.()).toBeUndefined();
    const report = await readiness.report();
    t = 999;
    expect(readiness.peek?.()).toBe(report);
    t = 1000;
    expect(readiness.peek?.()).toBeUndefined();
    expect(calls).toBe(5);
    expect(report).toEqual({ status: 'ok', checks: allOk });
  });
});
