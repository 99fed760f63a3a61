import { describe, expect, it } from '@jest/globals';
import { rps } from './metrics';
import { createRng } from './rng';
import type { Outcome, Probs1x2 } from './types';
import { pairedRpsDifference, rpsInterval } from './uncertainty';

/** Outcomes drawn from `truth`, so forecasts equal to it are the best possible. */
function sample(n: number, seed: number) {
  const rng = createRng(seed);
  const truth: Probs1x2[] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < n; i++) {
    const h = 0.25 + 0.4 * rng();
    const d = 0.22 + 0.08 * rng();
    const p: Probs1x2 = [h, d, 1 - h - d];
    truth.push(p);
    const u = rng();
    outcomes.push(u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2);
  }
  return { truth, outcomes };
}

describe('RPS uncertainty', () => {
  it('When the interval is computed, then it brackets the mean, narrows with more matches and repeats for a seed', () => {
    const small = sample(200, 3);
    const large = sample(5000, 3);

    const a = rpsInterval(small.truth, small.outcomes);
    const b = rpsInterval(large.truth, large.outcomes);

    const direct = small.truth.reduce((s, p, i) => s + rps(p, small.outcomes[i]!), 0) / 200;
    expect(a.rps).toBeCloseTo(direct, 12);
    expect(a.lo).toBeLessThan(a.rps);
    expect(a.hi).toBeGreaterThan(a.rps);
    expect(b.hi - b.lo).toBeLessThan((a.hi - a.lo) / 3);
    expect(rpsInterval(small.truth, small.outcomes)).toEqual(a);
  });

  it('When the true forecast is compared with a flat one, then the paired difference is negative and significant', () => {
    const { truth, outcomes } = sample(3000, 7);
    const flat = truth.map((): Probs1x2 => [0.45, 0.26, 0.29]);

    const d = pairedRpsDifference(truth, flat, outcomes);

    expect(d.n).toBe(3000);
    expect(d.rps).toBeLessThan(0);
    expect(d.hi).toBeLessThan(0);
    expect(d.dm).toBeLessThan(-2);
    expect(d.p).toBeLessThan(0.05);
  });

  it('When a forecast is compared with itself, then the difference is exactly 0 with p = 1', () => {
    const { truth, outcomes } = sample(100, 9);

    expect(pairedRpsDifference(truth, truth, outcomes)).toMatchObject({
      rps: 0,
      lo: 0,
      hi: 0,
      p: 1,
    });
  });
});
