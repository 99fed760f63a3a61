import { describe, expect, it } from '@jest/globals';
import { devigMultiplicative, devigPower, devigShin, shinZ } from './devig';

// Worked examples; reference values computed independently (SciPy brentq on the same equations).
const odds = [2.0, 3.5, 4.0]; // implied 0.5 + 0.285714 + 0.25 = 1.035714 (3.57 % overround)

describe('de-vig', () => {
  it('multiplicative: pᵢ = (1/oᵢ)/Σ(1/oⱼ)', () => {
    const p = devigMultiplicative(odds);
    expect(p[0]).toBeCloseTo(0.5 / 1.0357142857142858, 12);
    expect(p[1]).toBeCloseTo(0.27586206896551724, 12);
    expect(p[2]).toBeCloseTo(0.24137931034482762, 12);
  });

  it('power: pᵢ = (1/oᵢ)^k with k = 1.034637', () => {
    const p = devigPower(odds);
    expect(p[0]).toBeCloseTo(0.48813875992348377, 9);
    expect(p[1]).toBeCloseTo(0.2735817911367261, 9);
    expect(p[2]).toBeCloseTo(0.2382794489396365, 9);
    // Favourite gets more than its multiplicative share: margin comes off the long shots.
    expect(p[0]!).toBeGreaterThan(devigMultiplicative(odds)[0]!);
  });

  it('Shin: z = 0.017891 and the resulting probabilities', () => {
    expect(shinZ(odds)).toBeCloseTo(0.017891311770305, 9);
    const p = devigShin(odds);
    expect(p[0]).toBeCloseTo(0.48673363476294507, 9);
    expect(p[1]).toBeCloseTo(0.2743283961228037, 9);
    expect(p[2]).toBeCloseTo(0.23893796911425078, 9);
  });

  it('a second example (short favourite)', () => {
    const o = [1.5, 4.2, 7.0];
    expect(devigPower(o)[0]).toBeCloseTo(0.651853689666077, 9);
    expect(devigShin(o)[2]).toBeCloseTo(0.12946433833356286, 9);
  });

  it('every method sums to 1 and leaves a fair book unchanged', () => {
    for (const f of [devigMultiplicative, devigPower, devigShin]) {
      expect(f(odds).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      const fair = f([2, 4, 4]);
      expect(fair[0]).toBeCloseTo(0.5, 9);
      expect(fair[1]).toBeCloseTo(0.25, 9);
    }
  });

  it('rejects odds ≤ 1', () => {
    expect(() => devigMultiplicative([1, 2])).toThrow();
  });
});
