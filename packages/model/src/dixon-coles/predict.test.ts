import { describe, expect, it } from '@jest/globals';
import type { DixonColesParams } from '../types';
import { outcomeProbs, poissonPmf, predictScoreMatrix, scoreMatrixFromRates } from './predict';

const params: DixonColesParams = {
  kind: 'dixon-coles',
  asOf: '2024-01-01',
  xi: 0.0018,
  teams: ['A', 'B'],
  attack: [0.2, -0.2],
  defence: [0.1, -0.1],
  intercept: 0.1,
  homeAdvantage: 0.25,
  rho: -0.08,
  logLik: 0,
  iterations: 0,
  converged: true,
};

const sum = (m: number[][]) => m.flat().reduce((s, v) => s + v, 0);

describe('score matrix', () => {
  it('sums to 1 and uses λ = exp(γ + η + α_h − β_a), μ = exp(γ + α_a − β_h)', () => {
    const m = predictScoreMatrix(params, 'A', 'B');
    expect(sum(m.p)).toBeCloseTo(1, 12);
    expect(m.lambda).toBeCloseTo(Math.exp(0.1 + 0.25 + 0.2 + 0.1), 12);
    expect(m.mu).toBeCloseTo(Math.exp(0.1 - 0.2 - 0.1), 12);
  });

  it('equals the product of two Poissons when ρ = 0', () => {
    const m = scoreMatrixFromRates(1.6, 1.1, 0, 15);
    const px = poissonPmf(1.6, 15);
    const py = poissonPmf(1.1, 15);
    expect(m.p[2]![1]).toBeCloseTo(px[2]! * py[1]!, 10);
    expect(m.p[0]![0]).toBeCloseTo(Math.exp(-2.7), 10);
  });

  it('ρ < 0 inflates 0-0 and 1-1 and deflates 1-0 and 0-1', () => {
    const ind = scoreMatrixFromRates(1.4, 1.1, 0);
    const dc = scoreMatrixFromRates(1.4, 1.1, -0.1);
    expect(dc.p[0]![0]).toBeGreaterThan(ind.p[0]![0]!);
    expect(dc.p[1]![1]).toBeGreaterThan(ind.p[1]![1]!);
    expect(dc.p[1]![0]).toBeLessThan(ind.p[1]![0]!);
    expect(dc.p[0]![1]).toBeLessThan(ind.p[0]![1]!);
  });

  it('1X2 from the matrix sums to 1', () => {
    const [h, d, a] = outcomeProbs(predictScoreMatrix(params, 'B', 'A', { maxGoals: 8 }));
    expect(h + d + a).toBeCloseTo(1, 12);
    expect(a).toBeGreaterThan(h);
  });
});
