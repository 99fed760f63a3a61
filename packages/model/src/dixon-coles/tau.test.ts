import { describe, expect, it } from '@jest/globals';
import { rhoBounds, tau } from './tau';

describe('tau', () => {
  it('matches the four Dixon-Coles corrections and is 1 elsewhere', () => {
    const [l, m, r] = [1.5, 1.1, -0.1];
    expect(tau(0, 0, l, m, r)).toBeCloseTo(1 - l * m * r, 15);
    expect(tau(0, 1, l, m, r)).toBeCloseTo(1 + l * r, 15);
    expect(tau(1, 0, l, m, r)).toBeCloseTo(1 + m * r, 15);
    expect(tau(1, 1, l, m, r)).toBeCloseTo(1 - r, 15);
    expect(tau(2, 0, l, m, r)).toBe(1);
    expect(tau(3, 3, l, m, r)).toBe(1);
  });

  it('is identically 1 when ρ = 0', () => {
    for (const [x, y] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const)
      expect(tau(x, y, 2, 1, 0)).toBe(1);
  });

  it('keeps every τ positive strictly inside the ρ bounds', () => {
    const [l, m] = [2.5, 0.8];
    const [lo, hi] = rhoBounds(l, m);
    for (const r of [lo + 1e-9, hi - 1e-9]) {
      for (const [x, y] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const)
        expect(tau(x, y, l, m, r)).toBeGreaterThan(0);
    }
  });
});
