import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { backoffDelay, retry, retryOptionsFrom, type RetryOptions } from './retry';

function recorder() {
  const lines: Array<[string, string]> = [];
  return {
    lines,
    logger: {
      warn: (msg: string) => lines.push(['warn', msg]),
      error: (msg: string) => lines.push(['error', msg]),
    },
  };
}

const timing = { attempts: 3, delayMs: 1000, maxDelayMs: 8000, backoff: 2 };

function failing(times: number, make: (n: number) => unknown = (n) => new Error(`boom ${n}`)) {
  return jest.fn(async (attempt: number) => {
    await Promise.resolve();
    if (attempt <= times) throw make(attempt);
    return `ok on ${attempt}`;
  });
}

describe('retry', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('returns the first success without waiting or logging', async () => {
    const rec = recorder();
    const sleep = jest.fn((_ms: number) => Promise.resolve());
    await expect(
      retry(failing(0), { name: 'x', ...timing, sleep, logger: rec.logger }),
    ).resolves.toBe('ok on 1');
    expect(sleep).not.toHaveBeenCalled();
    expect(rec.lines).toEqual([]);
  });

  it('backs off exponentially, capped at maxDelayMs, and logs each retry', async () => {
    const rec = recorder();
    const sleeps: number[] = [];
    const opts: RetryOptions = {
      name: 'redis.connect',
      attempts: 6,
      delayMs: 1000,
      maxDelayMs: 5000,
      backoff: 2,
      jitter: 0,
      logger: rec.logger,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    };
    await expect(retry(failing(5), opts)).resolves.toBe('ok on 6');
    expect(sleeps).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(rec.lines).toEqual([
      ['warn', 'Retrying redis.connect in 1.00s (attempt 1/6): boom 1'],
      ['warn', 'Retrying redis.connect in 2.00s (attempt 2/6): boom 2'],
      ['warn', 'Retrying redis.connect in 4.00s (attempt 3/6): boom 3'],
      ['warn', 'Retrying redis.connect in 5.00s (attempt 4/6): boom 4'],
      ['warn', 'Retrying redis.connect in 5.00s (attempt 5/6): boom 5'],
    ]);
  });

  it('applies ±jitter around the backoff delay', async () => {
    const sleeps: number[] = [];
    const sleep = (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    const randoms = [1, 0];
    await retry(failing(2), {
      name: 'x',
      ...timing,
      jitter: 0.1,
      random: () => randoms.shift()!,
      sleep,
    });
    // random 1 → +10 %, random 0 → −10 %.
    expect(sleeps).toEqual([1100, 1800]);
  });

  it('gives up after the last attempt, logs exhaustion and rethrows the last error', async () => {
    const rec = recorder();
    const fn = failing(10);
    const sleep = () => Promise.resolve();
    await expect(
      retry(fn, { name: 'telegram.getMe', ...timing, jitter: 0, sleep, logger: rec.logger }),
    ).rejects.toThrow('boom 3');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(rec.lines).toEqual([
      ['warn', 'Retrying telegram.getMe in 1.00s (attempt 1/3): boom 1'],
      ['warn', 'Retrying telegram.getMe in 2.00s (attempt 2/3): boom 2'],
      ['error', 'Retry attempts exhausted for telegram.getMe'],
    ]);
  });

  it('rethrows a non-retryable error at once', async () => {
    const rec = recorder();
    const fn = failing(10, () => Object.assign(new Error('401 Unauthorized'), { status: 401 }));
    await expect(
      retry(fn, {
        name: 'x',
        ...timing,
        isRetryable: (err) => (err as { status?: number }).status !== 401,
        sleep: () => Promise.resolve(),
        logger: rec.logger,
      }),
    ).rejects.toThrow('401 Unauthorized');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(rec.lines).toEqual([]);
  });

  it("waits the error's retryAfterMs instead of the backoff (HTTP 429)", async () => {
    const rec = recorder();
    const sleeps: number[] = [];
    const fn = failing(1, () =>
      Object.assign(new Error('429 Too Many Requests'), { retryAfterMs: 7000 }),
    );
    await retry(fn, {
      name: 'sendMessage',
      ...timing,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      logger: rec.logger,
    });
    expect(sleeps).toEqual([7000]);
    expect(rec.lines[0]).toEqual([
      'warn',
      'Retrying sendMessage in 7.00s (attempt 1/3): 429 Too Many Requests',
    ]);
  });

  it('When delayFor is given, then it chooses each wait from the error and the attempt, over retryAfterMs', async () => {
    const sleeps: number[] = [];
    const seen: Array<[string, number]> = [];
    const fn = failing(2, (n) => Object.assign(new Error(`boom ${n}`), { retryAfterMs: 7000 }));
    const result = await retry(fn, {
      name: 'poll',
      ...timing,
      delayFor: (err, attempt) => {
        seen.push([(err as Error).message, attempt]);
        return attempt * 123;
      },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    expect(result).toBe('ok on 3');
    expect(seen).toEqual([
      ['boom 1', 1],
      ['boom 2', 2],
    ]);
    expect(sleeps).toEqual([123, 246]);
  });

  it('redacts secrets from the logged reason', async () => {
    const rec = recorder();
    const token = '1234567:TEST-only-fake-token-not-a-secret-0';
    await retry(
      failing(1, () => new Error(`fetch https://api.telegram.org/bot${token}/getMe`)),
      {
        name: 'getMe',
        ...timing,
        jitter: 0,
        sleep: () => Promise.resolve(),
        logger: rec.logger,
      },
    );
    expect(rec.lines[0]![1]).toBe(
      'Retrying getMe in 1.00s (attempt 1/3): fetch https://api.telegram.org/bot[REDACTED]/getMe',
    );
  });

  it('sleeps on real timers by default (driven here by fake timers)', async () => {
    jest.useFakeTimers();
    const fn = failing(2);
    let settled = false;
    const result = retry(fn, { name: 'x', ...timing, jitter: 0 }).then((v) => {
      settled = true;
      return v;
    });
    await jest.advanceTimersByTimeAsync(999);
    expect(fn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1999);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('ok on 3');
  });

  it('stops waiting and throws the abort reason when the signal aborts', async () => {
    jest.useFakeTimers();
    const controller = new AbortController();
    const fn = failing(10);
    const result = retry(fn, { name: 'x', ...timing, signal: controller.signal });
    const assertion = expect(result).rejects.toThrow('shutting down');
    await jest.advanceTimersByTimeAsync(10);
    controller.abort(new Error('shutting down'));
    await assertion;
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('retryOptionsFrom', () => {
  it('converts RETRY_* seconds into milliseconds', () => {
    expect(
      retryOptionsFrom({ attempts: 3, delaySec: 1.0, maxDelaySec: 8.0, backoff: 2.0 }),
    ).toEqual({ attempts: 3, delayMs: 1000, maxDelayMs: 8000, backoff: 2 });
    expect(
      retryOptionsFrom({ attempts: 5, delaySec: 0.25, maxDelaySec: 2.5, backoff: 1.5 }),
    ).toEqual({ attempts: 5, delayMs: 250, maxDelayMs: 2500, backoff: 1.5 });
  });
});

describe('backoffDelay', () => {
  it('is min(maxDelayMs, delayMs * backoff^(n-1))', () => {
    const t = { delayMs: 1000, maxDelayMs: 8000, backoff: 2 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, t))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});
