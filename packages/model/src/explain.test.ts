import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from './__fixtures__/simulate';
import { EXPLAIN_FACTORS, explainMatch, type ExplainFactorName } from './explain';
import { createProductionModel, type ProductionState } from './production';
import type { DixonColesParams, Probs1x2 } from './types';
import { UnknownTeamError } from './types';

const TEAMS = ['Avg FC', 'Strong FC', 'Weak FC', 'Other FC'];

function goals(attack: number[], defence: number[], homeAdvantage: number): DixonColesParams {
  return {
    kind: 'dixon-coles',
    asOf: '2025-01-01',
    xi: 0.0026,
    teams: [...TEAMS],
    attack,
    defence,
    intercept: 0.25,
    homeAdvantage,
    rho: -0.05,
    logLik: 0,
    iterations: 1,
    converged: true,
  };
}

/**
 * A hand-made state: "Avg FC" is exactly average in every rating (attack and defence 0 while
 * the league means are 0, Elo equal to the mean of the active teams), "Strong FC" is strong.
 */
function synthetic(
  over: { strongAttack?: number; homeAdvantage?: number; weights?: number[] } = {},
): ProductionState {
  const sa = over.strongAttack ?? 0.3;
  // Attack sums to zero over the teams, as the fit leaves it; so does defence here.
  const attack = [0, sa, -0.2, 0.2 - sa];
  const defence = [0, 0.2, -0.25, 0.05];
  const eta = over.homeAdvantage ?? 0.25;
  const day = 20089; // 2025-01-01
  return {
    kind: 'production',
    asOf: '2025-01-01',
    options: {},
    dixonColes: goals(attack, defence, eta),
    shots: goals(
      attack.map((x) => 0.8 * x),
      defence.map((x) => 0.8 * x),
      eta * 0.9,
    ),
    elo: {
      kind: 'elo',
      asOf: '2025-01-01',
      ratings: { 'Avg FC': 1500, 'Strong FC': 1600, 'Weak FC': 1420, 'Other FC': 1480 },
      lastDay: { 'Avg FC': day - 3, 'Strong FC': day - 3, 'Weak FC': day - 4, 'Other FC': day - 4 },
      firstDay: day - 1000,
      newcomerRating: 1400,
      link: { beta: 1.7, cut1: -1.05, cut2: 0.15 },
      linkAsOf: '2025-01-01',
      samples: { x: [], outcome: [], day: [] },
    },
    weights: over.weights ?? [0.5, 0.2, 0.3],
    weightsAsOf: null,
    oos: { date: [], probs: [], outcome: [] },
  };
}

const factor = (e: ReturnType<typeof explainMatch>, name: ExplainFactorName) =>
  e.factors.find((f) => f.factor === name)!;
const sum = (p: Probs1x2) => p[0] + p[1] + p[2];

describe('explainMatch', () => {
  it('When a forecast is explained, then its base equals the production forecast and every factor is reported once', () => {
    const state = synthetic();
    const e = explainMatch(state, 'Strong FC', 'Weak FC');
    expect(e.probs).toEqual(
      createProductionModel(state.options).predictProbs(state, 'Strong FC', 'Weak FC').probs,
    );
    expect(e.factors.map((f) => f.factor)).toEqual([...EXPLAIN_FACTORS]);
    expect(e.weights).toEqual({ dixonColes: 0.5, shots: 0.2, elo: 0.3 });
  });

  it('When any factor is neutralised, then its deltas are finite p.p. that sum to about 0 and equal 100·(base − counterfactual)', () => {
    const e = explainMatch(synthetic(), 'Strong FC', 'Weak FC');
    for (const f of e.factors) {
      for (const d of f.delta) expect(Number.isFinite(d)).toBe(true);
      expect(Math.abs(sum(f.delta))).toBeLessThan(1e-9);
      expect(sum(f.counterfactual)).toBeCloseTo(1, 9);
      f.delta.forEach((d, k) =>
        expect(d).toBeCloseTo(100 * (e.probs[k]! - f.counterfactual[k]!), 9),
      );
    }
  });

  it('When the home attack rating rises, then the home-attack contribution to a home win rises', () => {
    const deltas = [0.1, 0.3, 0.5].map(
      (sa) =>
        factor(explainMatch(synthetic({ strongAttack: sa }), 'Strong FC', 'Weak FC'), 'homeAttack')
          .delta,
    );
    expect(deltas[0]![0]).toBeGreaterThan(0);
    expect(deltas[1]![0]).toBeGreaterThan(deltas[0]![0]);
    expect(deltas[2]![0]).toBeGreaterThan(deltas[1]![0]);
    // A stronger attack takes the probability from the away win.
    expect(deltas[2]![2]).toBeLessThan(deltas[0]![2]);
  });

  it('When the home side is exactly average, then its attack, defence and form contribute nothing', () => {
    const e = explainMatch(synthetic(), 'Avg FC', 'Strong FC');
    for (const name of ['homeAttack', 'homeDefence', 'homeForm'] as const) {
      const f = factor(e, name);
      expect(f.value).toBeCloseTo(0, 12);
      for (const d of f.delta) expect(Math.abs(d)).toBeLessThan(1e-9);
    }
    // The strong visitors' attack does matter, against the home side.
    expect(factor(e, 'awayAttack').delta[2]).toBeGreaterThan(0);
    expect(factor(e, 'awayAttack').delta[0]).toBeLessThan(0);
  });

  it('When home advantage is removed, then the home win was helped by it, and more so the larger it is', () => {
    const small = factor(
      explainMatch(synthetic({ homeAdvantage: 0.1 }), 'Avg FC', 'Other FC'),
      'homeAdvantage',
    );
    const large = factor(
      explainMatch(synthetic({ homeAdvantage: 0.4 }), 'Avg FC', 'Other FC'),
      'homeAdvantage',
    );
    expect(small.delta[0]).toBeGreaterThan(0);
    expect(small.delta[2]).toBeLessThan(0);
    expect(large.delta[0]).toBeGreaterThan(small.delta[0]);
    expect(large.value).toBe(0.4);
  });

  it('When a side is in better form than the league, then its form contribution favours it', () => {
    const e = explainMatch(synthetic(), 'Strong FC', 'Weak FC');
    expect(factor(e, 'homeForm').value).toBeGreaterThan(0);
    expect(factor(e, 'homeForm').delta[0]).toBeGreaterThan(0);
    expect(factor(e, 'awayForm').value).toBeLessThan(0);
    // The weak visitors' poor form helps the home side too.
    expect(factor(e, 'awayForm').delta[0]).toBeGreaterThan(0);
  });

  it('When a component is dropped from the blend, then the counterfactual is the renormalised pool of the others', () => {
    const e = explainMatch(synthetic(), 'Strong FC', 'Weak FC');
    const c = e.components;
    const noElo = factor(e, 'elo').counterfactual;
    for (let k = 0; k < 3; k++) {
      expect(noElo[k]).toBeCloseTo((0.5 * c.dixonColes[k]! + 0.2 * c.shots[k]!) / 0.7, 12);
    }
  });

  it('When a component has weight 0, then dropping it changes nothing', () => {
    const e = explainMatch(synthetic({ weights: [0.6, 0.4, 0] }), 'Strong FC', 'Weak FC');
    for (const d of factor(e, 'elo').delta) expect(Math.abs(d)).toBeLessThan(1e-9);
    // The only component left carries the whole forecast when the other is dropped.
    const only = explainMatch(synthetic({ weights: [1, 0, 0] }), 'Strong FC', 'Weak FC');
    const cf = factor(only, 'dixonColes').counterfactual;
    const c = only.components;
    for (let k = 0; k < 3; k++) expect(cf[k]).toBeCloseTo((c.shots[k]! + c.elo[k]!) / 2, 12);
  });

  it('When a team is unknown, then it throws UnknownTeamError', () => {
    expect(() => explainMatch(synthetic(), 'Avg FC', 'Nobody')).toThrow(UnknownTeamError);
  });

  it('When a fitted state is explained, then home advantage helps the home win and the deltas balance under both pools', () => {
    const matches = simulateLeague(demoParams(10), 3, 5, '2021-08-01');
    const model = createProductionModel({ weights: [0.4, 0.3, 0.3] });
    const state = model.fit(matches, '2024-06-01');
    const e = explainMatch(state, 'Team A', 'Team B');
    expect(factor(e, 'homeAdvantage').delta[0]).toBeGreaterThan(0);
    for (const f of e.factors) expect(Math.abs(sum(f.delta))).toBeLessThan(1e-9);
    const log = explainMatch(
      { ...state, options: { ...state.options, pooling: 'logarithmic' } },
      'Team A',
      'Team B',
    );
    for (const f of log.factors) expect(Math.abs(sum(f.delta))).toBeLessThan(1e-9);
  });
});
