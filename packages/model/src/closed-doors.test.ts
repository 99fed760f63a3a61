import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from './__fixtures__/simulate';
import { rollingBacktest, type BacktestModel } from './backtest';
import { fitDixonColes } from './dixon-coles/fit';
import { expectedGoals } from './dixon-coles/predict';
import { createProductionModel } from './production';
import { closedDoorsEloAdvantage, fitOrderedLogit, orderedLogitProbs } from './ratings/elo';
import { createRng } from './rng';
import type { FixtureConditions, MatchResult, Outcome, Probs1x2 } from './types';

// Three normal seasons (home advantage η = 0.25), then a fourth behind closed doors where the
// home side has no advantage at all (η = 0), as in the 2020/21 pandemic season.
const params = demoParams(20);
const GHOST_FROM = '2022-04-01';
const matches = simulateLeague(params, 4, 11, '2020-08-01', {
  closedDoors: (d) => d >= GHOST_FROM,
  closedHomeAdvantage: 0,
});
const asOf = '2023-01-01';
const CLOSED: FixtureConditions = { behindClosedDoors: true };

/** Mean of P(home) − P(away) over every ordered pairing: the teams cancel, the home edge stays. */
function homeEdge(predict: (home: string, away: string) => Probs1x2): number {
  let s = 0;
  let n = 0;
  for (const h of params.teams) {
    for (const a of params.teams) {
      if (h === a) continue;
      const p = predict(h, a);
      s += p[0] - p[2];
      n += 1;
    }
  }
  return s / n;
}

describe('closed doors: learnt home advantage', () => {
  it('When the simulated league has a closed-door season, then its matches carry the flag', () => {
    const ghost = matches.filter((m) => m.behindClosedDoors === true);
    expect(ghost.length).toBeGreaterThan(300);
    expect(ghost.every((m) => m.date >= GHOST_FROM)).toBe(true);
  });

  it('When Dixon-Coles sees closed-door matches without home advantage, then it learns δ ≈ −η and a closed-door forecast has ~no home edge', () => {
    const fit = fitDixonColes(matches, { asOf, xi: 0.0026 });
    expect(fit.converged).toBe(true);
    expect(fit.homeAdvantage).toBeCloseTo(0.25, 1);
    expect(fit.closedDoors).toBeDefined();
    // One closed-door season of 380 matches: η + δ has a standard error of about 0.06.
    expect(Math.abs(fit.homeAdvantage + fit.closedDoors!)).toBeLessThan(0.13);
    expect(fit.closedDoors!).toBeLessThan(-0.12);
    const normal = expectedGoals(fit, 'Team A', 'Team B');
    const closed = expectedGoals(fit, 'Team A', 'Team B', CLOSED);
    expect(closed.mu).toBe(normal.mu);
    expect(closed.lambda / normal.lambda).toBeCloseTo(Math.exp(fit.closedDoors!), 12);
  });

  it('When Dixon-Coles sees no closed-door match, then δ is not a parameter and a closed-door forecast is the normal one', () => {
    const normalOnly = matches.filter((m) => m.behindClosedDoors !== true);
    const fit = fitDixonColes(normalOnly, { asOf, xi: 0.0026 });
    expect(fit.closedDoors).toBeUndefined();
    expect(expectedGoals(fit, 'Team C', 'Team D', CLOSED)).toEqual(
      expectedGoals(fit, 'Team C', 'Team D'),
    );
  });

  it('When the production model is fitted on the history, then every member forecasts ~no home edge behind closed doors and keeps it otherwise', () => {
    const model = createProductionModel({ weights: [0.4, 0.4, 0.2] });
    const state = model.fit(matches, asOf, {});
    expect(state.dixonColes.closedDoors).toBeDefined();
    expect(state.shots.closedDoors).toBeDefined();
    expect(state.elo.link.closedDoors).toBeGreaterThan(0);
    for (const member of ['dixonColes', 'shots', 'elo'] as const) {
      const normal = homeEdge((h, a) => model.predictProbs(state, h, a).components[member]);
      const closed = homeEdge((h, a) => model.predictProbs(state, h, a, CLOSED).components[member]);
      expect(normal).toBeGreaterThan(0.08);
      expect(Math.abs(closed)).toBeLessThan(0.04);
    }
    const normal = homeEdge((h, a) => model.predict(state, h, a).probs);
    const closed = homeEdge((h, a) => model.predict(state, h, a, CLOSED).probs);
    expect(normal).toBeGreaterThan(0.08);
    expect(Math.abs(closed)).toBeLessThan(0.04);
    // The full forecast's markets follow the closed-door 1X2.
    const p = model.predict(state, 'Team E', 'Team F', CLOSED);
    expect(p.markets.oneXTwo.home).toBeCloseTo(p.probs[0], 9);
    expect(p.probs).toEqual(model.predictProbs(state, 'Team E', 'Team F', CLOSED).probs);
  });

  it('When the ordered logit is fitted on samples whose closed-door cuts are shifted by ζ = 0.4, then it recovers ζ', () => {
    const rng = createRng(3);
    const truth = { beta: 1.7, cut1: -1.05, cut2: 0.15 };
    const xs: number[] = [];
    const outcomes: Outcome[] = [];
    const closed: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = 0.6 * (rng() - 0.5);
      const c = i % 2;
      const p = orderedLogitProbs({ ...truth, closedDoors: 0.4 }, x, {
        behindClosedDoors: c === 1,
      });
      const u = rng();
      xs.push(x);
      outcomes.push(u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2);
      closed.push(c);
    }
    const link = fitOrderedLogit(xs, outcomes, undefined, undefined, closed);
    expect(link.closedDoors).toBeCloseTo(0.4, 1);
    expect(link.cut1).toBeCloseTo(truth.cut1, 1);
    // Without closed-door samples the fit is the three-parameter one, bit for bit.
    const plain = fitOrderedLogit(xs, outcomes);
    expect(
      fitOrderedLogit(
        xs,
        outcomes,
        undefined,
        undefined,
        xs.map(() => 0),
      ),
    ).toEqual(plain);
    expect(plain.closedDoors).toBeUndefined();
  });

  it('When the link moves its cuts to symmetry behind closed doors, then the Elo update uses no home advantage there', () => {
    const link = { beta: 1.7, cut1: -1.05, cut2: 0.15, closedDoors: 0.45 };
    expect(closedDoorsEloAdvantage(60, link)).toBeCloseTo(0, 12);
    expect(closedDoorsEloAdvantage(60, { ...link, closedDoors: 0.225 })).toBeCloseTo(30, 12);
    expect(closedDoorsEloAdvantage(60, { beta: 1.7, cut1: -1.05, cut2: 0.15 })).toBe(60);
    expect(closedDoorsEloAdvantage(60, undefined)).toBe(60);
  });

  it('When the backtest forecasts a closed-door match, then it asks the model for a closed-door forecast, and only then', () => {
    const seen: Array<FixtureConditions | undefined> = [];
    const model: BacktestModel<number> = {
      fit: () => 0,
      predict: (_s, _h, _a, conditions) => {
        seen.push(conditions);
        return { probs: [0.4, 0.3, 0.3] };
      },
    };
    const two: MatchResult[] = [
      { date: '2021-01-02', home: 'A', away: 'B', homeGoals: 1, awayGoals: 0 },
      {
        date: '2021-01-03',
        home: 'B',
        away: 'A',
        homeGoals: 1,
        awayGoals: 0,
        behindClosedDoors: true,
      },
    ];
    rollingBacktest(two, { from: '2021-01-01', to: '2021-01-31', model });
    expect(seen).toEqual([undefined, { behindClosedDoors: true }]);
  });
});
