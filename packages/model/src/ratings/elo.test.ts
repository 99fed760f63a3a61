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
