import { describe, expect, it } from '@jest/globals';
import { brier, calibration, logLoss, outcomeOf, rps, summarize } from './metrics';
import type { Probs1x2 } from './types';

const p: Probs1x2 = [0.5, 0.3, 0.2];

describe('metrics on hand-computed examples', () => {
  it('RPS = ½·Σ of the first two squared cumulative differences', () => {
    // Home: cum (0.5, 0.8) vs (1, 1) → ½(0.25 + 0.04) = 0.145.
    expect(rps(p, 0)).toBeCloseTo(0.145, 12);
    // Draw: (0.5, 0.8) vs (0, 1) → ½(0.25 + 0.04) = 0.145.
    expect(rps(p, 1)).toBeCloseTo(0.145, 12);
    // Away: (0.5, 0.8) vs (0, 0) → ½(0.25 + 0.64) = 0.445.
    expect(rps(p, 2)).toBeCloseTo(0.445, 12);
    expect(rps([1, 0, 0], 0)).toBe(0);
    expect(rps([0, 0, 1], 0)).toBe(1);
  });

  it('log loss uses the natural log', () => {
    expect(logLoss(p, 0)).toBeCloseTo(Math.LN2, 12);
    expect(logLoss(p, 2)).toBeCloseTo(1.6094379124341003, 12);
  });

  it('Brier sums over three outcomes (range 0–2)', () => {
    expect(brier(p, 0)).toBeCloseTo(0.25 + 0.09 + 0.04, 12);
    expect(brier(p, 2)).toBeCloseTo(0.25 + 0.09 + 0.64, 12);
    expect(brier([0, 0, 1], 0)).toBe(2);
  });

  it('summarize averages over matches', () => {
    const s = summarize([p, p], [0, 2]);
    expect(s.n).toBe(2);
    expect(s.rps).toBeCloseTo((0.145 + 0.445) / 2, 12);
    expect(s.brier).toBeCloseTo((0.38 + 0.98) / 2, 12);
  });

  it('outcomeOf orders home, draw, away', () => {
    expect([outcomeOf(2, 1), outcomeOf(0, 0), outcomeOf(0, 3)]).toEqual([0, 1, 2]);
  });

  it('calibration bins and ECE', () => {
    // Forecasts 0.5/0.3/0.2 twice, outcomes home then away. Bins of width 0.5:
    // [0, 0.5): 0.3, 0.2, 0.3, 0.2 → mean 0.25, observed 1/4 (the away win) → gap 0.
    // [0.5, 1]: 0.5, 0.5 → mean 0.5, observed 1/2 → gap 0. ECE = 0.
    const c = calibration([p, p], [0, 2], 2);
    expect(c.bins[0]).toMatchObject({ n: 4 });
    expect(c.bins[0]!.meanPredicted).toBeCloseTo(0.25, 12);
    expect(c.bins[0]!.observedFrequency).toBeCloseTo(0.25, 12);
    expect(c.ece).toBeCloseTo(0, 12);
    // Both home wins: [0.5,1] bin observes 1 vs 0.5 (2 of 6 forecasts), low bin 0 vs 0.25 (4 of 6).
    const d = calibration([p, p], [0, 0], 2);
    expect(d.ece).toBeCloseTo((2 / 6) * 0.5 + (4 / 6) * 0.25, 12);
  });
});
