import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from '../__fixtures__/simulate';
import { UnknownTeamError } from '../types';
import { fitDixonColes } from './fit';
import { predictScoreMatrix } from './predict';

describe('fitDixonColes', () => {
  const truth = demoParams(20);
  // Ten seasons × 380 matches: enough for tight recovery without time decay.
  const matches = simulateLeague(truth, 10, 1);
  const asOf = '2040-01-01';
  const fit = fitDixonColes(matches, { asOf, xi: 0, priorWeight: 0.01 });

  it('converges', () => {
    expect(fit.converged).toBe(true);
    expect(fit.teams).toEqual([...truth.teams].sort());
  });

  it('recovers the parameters of a simulated league (seeded RNG)', () => {
    expect(fit.homeAdvantage).toBeCloseTo(truth.homeAdvantage, 1);
    expect(Math.abs(fit.homeAdvantage - truth.homeAdvantage)).toBeLessThan(0.04);
    expect(Math.abs(fit.intercept - truth.intercept)).toBeLessThan(0.04);
    expect(Math.abs(fit.rho - truth.rho)).toBeLessThan(0.05);
    let maxErr = 0;
    truth.teams.forEach((t, i) => {
      const j = fit.teams.indexOf(t);
      maxErr = Math.max(maxErr, Math.abs(fit.attack[j]! - truth.attack[i]!));
      maxErr = Math.max(maxErr, Math.abs(fit.defence[j]! - truth.defence[i]!));
    });
    // Each rating rests on 760 matches: standard error ≈ 1/√(760·1.4) ≈ 0.03.
    expect(maxErr).toBeLessThan(0.12);
  });

  it('keeps ratings centred (sum-to-zero identifiability)', () => {
    expect(Math.abs(fit.attack.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
    expect(Math.abs(fit.defence.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
  });

  it('gives a warm start the same optimum in fewer iterations', () => {
    const recent = matches.slice(-1140);
    const cold = fitDixonColes(recent, { asOf });
    const warm = fitDixonColes(recent, { asOf, init: cold });
    expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
    cold.attack.forEach((a, i) => expect(warm.attack[i]).toBeCloseTo(a, 3));
    expect(warm.rho).toBeCloseTo(cold.rho, 3);
  });

  it('ignores matches on or after the as-of date', () => {
    const cut = matches[400]!.date;
    const before = matches.filter((m) => m.date < cut);
    const a = fitDixonColes(matches, { asOf: cut });
    const b = fitDixonColes(before, { asOf: cut });
    expect(a.attack).toEqual(b.attack);
    expect(a.rho).toBe(b.rho);
  });

  it('rates a team without data at its (below-average) newcomer prior', () => {
    const recent = matches.slice(-760);
    const p = fitDixonColes(recent, {
      asOf,
      teams: ['Promoted FC'],
      newcomerPrior: { attack: -0.25, defence: -0.2 },
    });
    const i = p.teams.indexOf('Promoted FC');
    expect(i).toBeGreaterThanOrEqual(0);
    // Centring shifts the prior mean by a 1/21 share; the rating stays clearly below average.
    expect(p.attack[i]).toBeLessThan(-0.2);
    expect(p.defence[i]).toBeLessThan(-0.15);
    const m = predictScoreMatrix(p, 'Team A', 'Promoted FC');
    expect(m.lambda).toBeGreaterThan(0);
  });

  it('throws UnknownTeamError for a team it never rated', () => {
    expect(() => predictScoreMatrix(fit, 'Nowhere United', 'Team A')).toThrow(UnknownTeamError);
  });
});
