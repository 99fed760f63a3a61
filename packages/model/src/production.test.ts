import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from './__fixtures__/simulate';
import { prepareDixonColes, solveDixonColes, fitDixonColes } from './dixon-coles/fit';
import { createProductionModel, finishingFactors, shotsProxy, shotsProxyGoals } from './production';
import type { MatchResult } from './types';
import { UnknownTeamError } from './types';

const matches = simulateLeague(demoParams(12), 3, 21, '2020-08-01');
const asOf = '2024-01-01';

describe('production model', () => {
  const model = createProductionModel({ weights: [0.3, 0.5, 0.2] });
  const state = model.fit(matches, asOf, { teams: ['Promoted FC'] });

  it('has a plain-JSON state that survives a round trip', () => {
    const copy = JSON.parse(JSON.stringify(state));
    expect(model.predict(copy, 'Team A', 'Team B').probs).toEqual(
      model.predict(state, 'Team A', 'Team B').probs,
    );
  });

  it('blends components with the given weights and conforms the matrix to the blend', () => {
    const p = model.predict(state, 'Team L', 'Team A');
    const c = p.components;
    for (let k = 0; k < 3; k++) {
      expect(p.probs[k]).toBeCloseTo(
        0.3 * c.dixonColes[k]! + 0.5 * c.shots[k]! + 0.2 * c.elo[k]!,
        12,
      );
    }
    expect(p.markets.oneXTwo.home).toBeCloseTo(p.probs[0], 9);
    expect(p.markets.oneXTwo.draw).toBeCloseTo(p.probs[1], 9);
    expect(p.matrix.p.flat().reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    expect(model.predictProbs(state, 'Team L', 'Team A').probs).toEqual(p.probs);
  });

  it('predicts promoted fixture teams and rejects unknown ones', () => {
    // Rated below average: weaker at home than its opponent is at home against it.
    const asHome = model.predict(state, 'Promoted FC', 'Team F').probs;
    const asAway = model.predict(state, 'Team F', 'Promoted FC').probs;
    expect(asHome[0]).toBeLessThan(asAway[0]);
    expect(() => model.predict(state, 'Team A', 'Nobody')).toThrow(UnknownTeamError);
  });

  it('shotsProxy mixes goals with c·SOT, c = Σgoals/ΣSOT', () => {
    const two = [
      {
        ...matches[0]!,
        homeGoals: 2,
        awayGoals: 0,
        stats: { homeShotsOnTarget: 6, awayShotsOnTarget: 2 },
      },
      {
        ...matches[1]!,
        homeGoals: 1,
        awayGoals: 1,
        stats: { homeShotsOnTarget: 3, awayShotsOnTarget: 5 },
      },
    ];
    const c = 4 / 16;
    const out = shotsProxy(two, 0.5, false);
    expect(out[0]!.homeGoals).toBeCloseTo(0.5 * 2 + 0.5 * c * 6, 12);
    expect(out[1]!.awayGoals).toBeCloseTo(0.5 * 1 + 0.5 * c * 5, 12);
  });
});

describe('prepared fits', () => {
  it('solving a prepared fit with proxy goals equals fitting the proxy matches', () => {
    const asOf = '2023-06-01';
    const opts = { asOf, fixedRho: 0 };
    const direct = fitDixonColes(shotsProxy(matches, 0.3), opts);
    const prep = prepareDixonColes(matches, opts);
    const g = shotsProxyGoals(matches, 0.3);
    const viaPrep = solveDixonColes(prep, opts, {
      home: Float64Array.from(prep.usedIndex, (i) => g.home[i]!),
      away: Float64Array.from(prep.usedIndex, (i) => g.away[i]!),
    });
    expect(viaPrep.teams).toEqual(direct.teams);
    direct.attack.forEach((a, i) => expect(viaPrep.attack[i]).toBeCloseTo(a, 10));
    expect(viaPrep.intercept).toBeCloseTo(direct.intercept, 10);
  });
});

describe('team finishing', () => {
  // A converts every other shot on target, B one in four; C and D at the league's rate.
  const m = (home: string, away: string, hg: number, ag: number, hs: number, as: number) =>
    ({
      date: '2024-01-01',
      home,
      away,
      homeGoals: hg,
      awayGoals: ag,
      stats: { homeShotsOnTarget: hs, awayShotsOnTarget: as },
    }) as MatchResult;
  const games = [m('A', 'C', 4, 1, 8, 3), m('B', 'D', 1, 1, 4, 3), m('C', 'D', 1, 1, 3, 3)];

  it('When a side finishes better than the league, then its factor is above 1, and shrinkage pulls it toward 1', () => {
    const loose = finishingFactors(games, 1);
    const tight = finishingFactors(games, 1000);

    expect(loose.home[0]).toBeGreaterThan(1);
    expect(loose.home[1]).toBeLessThan(1);
    expect(Math.abs(tight.home[0]! - 1)).toBeLessThan(Math.abs(loose.home[0]! - 1) / 10);
  });

  it('When finishing is off (null), then the shots member is the league-wide proxy of before', () => {
    const off = createProductionModel({ weights: [0.3, 0.5, 0.2], finishingShrink: null });
    const on = createProductionModel({ weights: [0.3, 0.5, 0.2], finishingShrink: 50 });
    const sims = simulateLeague(demoParams(12), 2, 5, '2020-08-01');
    const withStats = sims.map((g, i) => ({
      ...g,
      stats: {
        homeShotsOnTarget: g.homeGoals * 3 + (i % 4),
        awayShotsOnTarget: g.awayGoals * 3 + 1,
      },
    }));

    const a = off.fit(withStats, '2022-06-01', { teams: [] });
    const b = on.fit(withStats, '2022-06-01', { teams: [] });
    const c = createProductionModel({ weights: [0.3, 0.5, 0.2], finishingShrink: null }).fit(
      JSON.parse(JSON.stringify(withStats)) as MatchResult[],
      '2022-06-01',
      { teams: [] },
    );

    expect(a.shots.attack).toEqual(c.shots.attack);
    expect(a.shots.attack).not.toEqual(b.shots.attack);
    expect(a.dixonColes.attack).toEqual(b.dixonColes.attack);
  });
});
