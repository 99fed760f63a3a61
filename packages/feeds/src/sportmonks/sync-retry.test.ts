import { describe, expect, it } from '@jest/globals';

import { createOpsRetry, DEFAULT_CLIENT_RETRY } from './sync-retry';

// The client's default retry: the ops retry with the client's timing and no jitter.
function setup(attempts?: number) {
  const sleeps: number[] = [];
  const retry = createOpsRetry(
    { ...DEFAULT_CLIENT_RETRY, ...(attempts ? { attempts } : {}) },
    {
      jitter: 0,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    },
  );
  return { retry, sleeps };
}

describe('the client default retry (createOpsRetry with DEFAULT_CLIENT_RETRY)', () => {
  it('retries retryable errors with exponential back-off, three attempts by default', async () => {
    const { retry, sleeps } = setup();
    let calls = 0;
    const run = retry(
      'x',
      () => {
        calls++;
        return Promise.reject(new Error(`fail ${calls}`));
      },
      () => true,
    );
    await expect(run).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('returns the first success', async () => {
    const { retry } = setup();
    let calls = 0;
    const value = await retry(
      'x',
      () => (++calls < 2 ? Promise.reject(new Error('once')) : Promise.resolve(calls)),
      () => true,
    );
    expect(value).toBe(2);
  });

  it('does not retry non-retryable errors', async () => {
    const { retry, sleeps } = setup();
    let calls = 0;
    await expect(
      retry(
        'x',
        () => {
          calls++;
          return Promise.reject(new Error('401'));
        },
        () => false,
      ),
    ).rejects.toThrow('401');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('waits retryAfterMs when the error carries it', async () => {
    const { retry, sleeps } = setup(2);
    let calls = 0;
    await retry(
      'x',
      () =>
        ++calls === 1
          ? Promise.reject(Object.assign(new Error('429'), { retryAfterMs: 12_345 }))
          : Promise.resolve(),
      () => true,
    );
    expect(sleeps).toEqual([12_345]);
  });
});
