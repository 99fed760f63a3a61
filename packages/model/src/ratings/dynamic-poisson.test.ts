import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from '../__fixtures__/simulate';
import { UnknownTeamError } from '../types';
import { dynamicPoissonRates, fitDynamicPoisson } from './dynamic-poisson';

describe('dynamic Poisson ratings', () => {
  const truth = demoParams(10);
  const matches = simulateLeague(truth, 6, 8);
  const asOf = '2040-01-01';

  it('one match moves the ratings by k·(x − λ)', () => {
    const s = fitDynamicPoisson(
      [{ date: '2020-01-01', home: 'A', away: 'B', homeGoals: 3, awayGoals: 0 }],
      '2020-01-02',
      { k: 0.1, levelK: 0, shotsShare: 0 },
    );
    const lam = Math.exp(0.2 + 0.25);
    const mu = Math.exp(0.2);
    expect(s.attack.A).toBeCloseTo(0.1 * (3 - lam), 12);
    expect(s.defence.B).toBeCloseTo(-0.1 * (3 - lam), 12);
    expect(s.attack.B).toBeCloseTo(0.1 * (0 - mu), 12);
  });

  it('ranks simulated teams like the true attack ratings', () => {
    const s = fitDynamicPoisson(matches, asOf, { k: 0.03 });
    const strongest = truth.teams[truth.attack.indexOf(Math.max(...truth.attack))]!;
    const weakest = truth.teams[truth.attack.indexOf(Math.min(...truth.attack))]!;
    expect(s.attack[strongest]!).toBeGreaterThan(s.attack[weakest]!);
    const r = dynamicPoissonRates(s, strongest, weakest);
    expect(r.lambda).toBeGreaterThan(r.mu);
  });

  it('continuing from a previous state equals one full run (goals only)', () => {
    // With shots the goals-per-SOT factor c is re-estimated at each fit, so only the
    // goals-only runs agree exactly.
    const o = { shotsShare: 0 };
    const cut = matches[300]!.date;
    const full = fitDynamicPoisson(matches, asOf, o);
    const cont = fitDynamicPoisson(matches, asOf, o, [], fitDynamicPoisson(matches, cut, o));
    for (const t of truth.teams) expect(cont.attack[t]).toBeCloseTo(full.attack[t]!, 9);
  });

  it('rates fixture newcomers below average and rejects unknown teams', () => {
    const s = fitDynamicPoisson(matches, asOf, {}, ['Promoted FC']);
    expect(s.attack['Promoted FC']).toBeLessThan(0);
    expect(() => dynamicPoissonRates(s, 'Ghost', 'Team A')).toThrow(UnknownTeamError);
  });
});
