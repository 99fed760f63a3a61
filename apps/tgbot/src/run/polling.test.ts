import { describe, expect, it } from '@jest/globals';
import { backoffAfter } from './polling';

const PRODUCTION = { initialMs: 5_000, maxMs: 60_000 };

describe('polling backoff', () => {
  it('When failures follow one another, then the delay doubles from 5 s and stays at 60 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 10].map((n) => backoffAfter(n, PRODUCTION, () => 0));

    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('When jitter is drawn, then it takes off at most 20% and never goes past the maximum', () => {
    expect(backoffAfter(1, PRODUCTION, () => 1)).toBe(4_000);
    expect(backoffAfter(9, PRODUCTION, () => 0.5)).toBe(54_000);
    for (let n = 1; n < 12; n++) {
      const d = backoffAfter(n, PRODUCTION);
      expect(d).toBeLessThanOrEqual(PRODUCTION.maxMs);
      expect(d).toBeGreaterThanOrEqual(Math.min(5_000 * 2 ** (n - 1), 60_000) * 0.8);
    }
  });
});
