import { describe, expect, it } from '@jest/globals';
import { createRng } from '../rng';
import type { MatchResult, Outcome } from '../types';
import { UnknownTeamError } from '../types';
import { fitElo, fitOrderedLogit, orderedLogitProbs, predictElo, runElo } from './elo';

describe('ordered logit', () => {
  it('probabilities are positive and sum to 1', () => {
    const p = orderedLogitProbs({ beta: 1.8, cut1: -1, cut2: 0.2 }, 0.3);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
    p.forEach((v) => expect(v).toBeGreaterThan(0));
  });

  it('recovers β and the cuts from simulated outcomes (seeded RNG)', () => {
    const truth = { beta: 2, cut1: -1.1, cut2: 0.1 };
    const rng = createRng(99);
    const xs: number[] = [];
    const os: Outcome[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = 1.2 * (rng() - 0.5);
      const [h, d] = orderedLogitProbs(truth, x);
      const u = rng();
      xs.push(x);
      os.push(u < h ? 0 : u < h + d ? 1 : 2);
    }
    const fit = fitOrderedLogit(xs, os);
    expect(Math.abs(fit.beta - truth.beta)).toBeLessThan(0.15);
    expect(Math.abs(fit.cut1 - truth.cut1)).toBeLessThan(0.06);
    expect(Math.abs(fit.cut2 - truth.cut2)).toBeLessThan(0.06);
  });
});

describe('Elo', () => {
  const m = (date: string, home: string, away: string, hg: number, ag: number): MatchResult => ({
    date,
    home,
    away,
    homeGoals: hg,
    awayGoals: ag,
  });

  it('updates by K·G·(S − E) with home advantage in E', () => {
    const run = runElo([m('2020-01-01', 'A', 'B', 3, 0)], '2020-01-02', {
      k: 20,
      homeAdvantage: 100,
    });
    // E = 1/(1 + 10^(−100/400)) = 0.640065; G(3) = (11 + 3)/8 = 1.75.
    const e = 1 / (1 + 10 ** (-100 / 400));
    expect(run.ratings.A).toBeCloseTo(1500 + 20 * 1.75 * (1 - e), 9);
    expect(run.ratings.B).toBeCloseTo(1500 - 20 * 1.75 * (1 - e), 9);
  });

  it('with shotsShare, scores a match by a sigmoid of the goal/SOT margin', () => {
    const match: MatchResult = {
      ...m('2020-01-01', 'A', 'B', 1, 1),
      stats: { homeShotsOnTarget: 8, awayShotsOnTarget: 2 },
    };
    const run = runElo([match], '2020-01-02', {
      k: 30,
      homeAdvantage: 0,
      shotsShare: 0.5,
      marginScale: 1,
    });
    // c = 2 goals / 10 SOT = 0.2; margin = 0.5·0 + 0.5·0.2·6 = 0.6; S = σ(0.6); E = ½.
    const s = 1 / (1 + Math.exp(-0.6));
    expect(run.ratings.A).toBeCloseTo(1500 + 30 * (s - 0.5), 9);
  });

  it('adds corners to the margin with cornersShare', () => {
    const match: MatchResult = {
      ...m('2020-01-01', 'A', 'B', 2, 0),
      stats: { homeShotsOnTarget: 6, awayShotsOnTarget: 4, homeCorners: 7, awayCorners: 3 },
    };
    const run = runElo([match], '2020-01-02', {
      k: 30,
      homeAdvantage: 0,
      shotsShare: 0.4,
      cornersShare: 0.2,
      marginScale: 1,
    });
    // c = 2/10, c' = 2/10; M = 0.4·2 + 0.4·0.2·2 + 0.2·0.2·4 = 0.8 + 0.16 + 0.16 = 1.12.
    const s = 1 / (1 + Math.exp(-1.12));
    expect(run.ratings.A).toBeCloseTo(1500 + 30 * (s - 0.5), 9);
  });

  it('When offTargetShare is set then off-target shots (shots − SOT) enter the margin', () => {
    const match: MatchResult = {
      ...m('2020-01-01', 'A', 'B', 1, 1),
      stats: { homeShotsOnTarget: 3, awayShotsOnTarget: 3, homeShots: 15, awayShots: 5 },
    };
    const run = runElo([match], '2020-01-02', {
      k: 30,
      homeAdvantage: 0,
      shotsShare: 0.3,
      offTargetShare: 0.2,
      marginScale: 1,
    });
    // Goals and SOT level; c'' = 2 goals / 14 off-target shots; M = 0.2·(2/14)·(12 − 2).
    const s = 1 / (1 + Math.exp(-0.2 * (2 / 14) * 10));
    expect(run.ratings.A).toBeCloseTo(1500 + 30 * (s - 0.5), 9);
    expect(run.ratings.B).toBeCloseTo(1500 - 30 * (s - 0.5), 9);
  });

  it('When earlyBoost is set then a team moves (1 + b)·K·(S − E) in its first matches after the summer break and K·(S − E) later', () => {
    const opts = {
      k: 20,
      homeAdvantage: 0,
      goalDifference: false,
      seasonRegression: 0,
      earlyBoost: 0.5,
      boostMatches: 2,
    };
    // Three wins for A over B in August, then a break of more than 60 days, then one more.
    const games = [
      m('2020-08-01', 'A', 'B', 1, 0),
      m('2020-08-08', 'A', 'B', 1, 0),
      m('2020-08-15', 'A', 'B', 1, 0),
      m('2020-11-01', 'A', 'B', 1, 0),
    ];
    let a = 1500;
    let b = 1500;
    const steps: number[] = [];
    for (const [i, boost] of [1.5, 1.5, 1, 1.5].entries()) {
      const e = 1 / (1 + 10 ** (-(a - b) / 400));
      a += boost * 20 * (1 - e);
      b -= boost * 20 * (1 - e);
      const run = runElo(games.slice(0, i + 1), '2021-01-01', opts);
      expect(run.ratings.A).toBeCloseTo(a, 9);
      expect(run.ratings.B).toBeCloseTo(b, 9);
      steps.push(a);
    }
    // The third match (past the boost) moved A less than the second did.
    expect(steps[2]! - steps[1]!).toBeLessThan(steps[1]! - steps[0]!);
  });

  it('When earlyBoost is set then continuing from a saved state gives the ratings of a full run', () => {
    const matches: MatchResult[] = [];
    const teams = ['A', 'B', 'C', 'D'];
    const rng = createRng(5);
    for (let d = 0; d < 150; d++) {
      const day = new Date(Date.UTC(2020, 0, 1 + d * 4)).toISOString().slice(0, 10);
      if (day.slice(5, 7) === '06' || day.slice(5, 7) === '07') continue; // a summer break
      const h = Math.floor(rng() * 4);
      const a = (h + 1 + Math.floor(rng() * 3)) % 4;
      matches.push(m(day, teams[h]!, teams[a]!, Math.floor(rng() * 4), Math.floor(rng() * 3)));
    }
    const opts = { burnInDays: 30, earlyBoost: 0.5, boostMatches: 4 };
    const full = fitElo(matches, '2021-08-01', opts);
    const first = fitElo(matches, '2020-08-20', opts);
    const cont = fitElo(matches, '2021-08-01', opts, [], first);
    for (const t of teams) expect(cont.ratings[t]).toBeCloseTo(full.ratings[t]!, 9);
    const plain = fitElo(matches, '2021-08-01', { burnInDays: 30 });
    expect(Math.abs(plain.ratings.A! - full.ratings.A!)).toBeGreaterThan(1e-6);
  });

  it('continues from a previous state exactly as a full run would', () => {
    const matches: MatchResult[] = [];
    const teams = ['A', 'B', 'C', 'D'];
    const rng = createRng(3);
    for (let d = 0; d < 120; d++) {
      const day = new Date(Date.UTC(2020, 0, 1 + d * 3)).toISOString().slice(0, 10);
      const h = Math.floor(rng() * 4);
      const a = (h + 1 + Math.floor(rng() * 3)) % 4;
      matches.push(m(day, teams[h]!, teams[a]!, Math.floor(rng() * 4), Math.floor(rng() * 3)));
    }
    const opts = { burnInDays: 30 };
    const full = fitElo(matches, '2021-01-01', opts);
    const first = fitElo(matches, '2020-07-01', opts);
    const cont = fitElo(matches, '2021-01-01', opts, [], first);
    for (const t of teams) expect(cont.ratings[t]).toBeCloseTo(full.ratings[t]!, 9);
    expect(cont.samples.x.length).toBe(full.samples.x.length);
  });

  it('rates fixture teams without history at the newcomer rating, others throw', () => {
    const s = fitElo([m('2020-01-01', 'A', 'B', 1, 0)], '2020-02-01', {}, ['New FC']);
    expect(s.ratings['New FC']).toBe(s.newcomerRating);
    expect(s.newcomerRating).toBeLessThan(1500);
    expect(() => predictElo(s, 'A', 'Ghost')).toThrow(UnknownTeamError);
    const p = predictElo(s, 'A', 'New FC');
    expect(p[0]).toBeGreaterThan(p[2]);
  });
});
