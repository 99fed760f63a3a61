import { describe, expect, it } from '@jest/globals';
import { scoreMatrixFromRates } from '../dixon-coles/predict';
import { createRng } from '../rng';
import type { MatchResult, ScoreMatrix } from '../types';
import { leagueTable } from './league-table';
import { scoreSeasonForecast } from './season-scores';
import { remainingRoundRobin, simulateSeason, startSeasonSimulation } from './simulate-season';

const match = (date: string, home: string, away: string, hg: number, ag: number): MatchResult => ({
  date,
  home,
  away,
  homeGoals: hg,
  awayGoals: ag,
});

/** All probability on one score. */
function certain(home: number, away: number): ScoreMatrix {
  const p = Array.from({ length: 6 }, (_, x) =>
    Array.from({ length: 6 }, (_, y) => (x === home && y === away ? 1 : 0)),
  );
  return { maxGoals: 5, p, lambda: home, mu: away };
}

describe('leagueTable', () => {
  it('When teams are level on points, then goal difference and then goals scored order them', () => {
    const table = leagueTable([
      match('2025-08-01', 'A', 'B', 3, 0),
      match('2025-08-01', 'C', 'D', 1, 0),
      match('2025-08-08', 'B', 'C', 2, 2),
      match('2025-08-08', 'D', 'A', 4, 3),
    ]);

    expect(table.map((r) => [r.team, r.points, r.goalDifference, r.goalsFor])).toEqual([
      ['C', 4, 1, 3],
      ['A', 3, 2, 6],
      ['D', 3, 0, 4],
      ['B', 1, -3, 2],
    ]);
    expect(table.find((r) => r.team === 'A')).toMatchObject({ played: 2, won: 1, lost: 1 });
  });

  it('When a team has played more than five, then its form is the last five, oldest first', () => {
    const results = ['W', 'L', 'D', 'W', 'W', 'L', 'D'].map((r, i) =>
      match(`2025-09-${String(10 + i)}`, 'A', 'B', r === 'W' ? 1 : 0, r === 'L' ? 1 : 0),
    );

    const [a] = leagueTable(results.reverse()).filter((r) => r.team === 'A');

    expect(a!.form).toEqual(['D', 'W', 'W', 'L', 'D']);
  });

  it('When a team of the season has not played, then it has an empty row', () => {
    expect(leagueTable([], ['Z'])).toEqual([expect.objectContaining({ team: 'Z', played: 0 })]);
  });
});

describe('simulateSeason', () => {
  const played = [match('2025-08-01', 'A', 'B', 1, 0), match('2025-08-01', 'C', 'D', 0, 0)];

  it('When nothing remains, then the final table is the current one, with certainty', () => {
    const outlook = simulateSeason(played, [], {
      runs: 50,
      rng: createRng(1),
      topPlaces: 1,
      relegationPlaces: 1,
    });

    expect(outlook.map((t) => [t.team, t.title, t.relegation, t.expectedPoints])).toEqual([
      ['A', 1, 0, 3],
      ['B', 0, 1, 0],
      ['C', 0, 0, 1],
      ['D', 0, 0, 1],
    ]);
  });

  it('When the last match is a certain away win, then it decides the title', () => {
    const outlook = simulateSeason(played, [{ home: 'A', away: 'C', matrix: certain(0, 3) }], {
      runs: 20,
      rng: createRng(2),
    });

    expect(outlook.find((t) => t.title === 1)?.team).toBe('C');
    expect(outlook.find((t) => t.team === 'C')!.expectedPoints).toBe(4);
  });

  it('When a double round-robin of random matches is simulated, then the probabilities add up and the stronger team is likelier champion', () => {
    const teams = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Eps', 'Zeta'];
    const strength = (t: string) => (t === 'Alpha' ? 2.2 : 1.2);
    const remaining = remainingRoundRobin(teams, []).map((p) => ({
      ...p,
      matrix: scoreMatrixFromRates(strength(p.home), strength(p.away), 0),
    }));

    const outlook = simulateSeason([], remaining, {
      runs: 4000,
      rng: createRng(3),
      topPlaces: 2,
      relegationPlaces: 1,
    });

    const total = (pick: (t: (typeof outlook)[number]) => number) =>
      outlook.reduce((s, t) => s + pick(t), 0);
    expect(total((t) => t.title)).toBeCloseTo(1, 10);
    expect(total((t) => t.top)).toBeCloseTo(2, 10);
    expect(total((t) => t.relegation)).toBeCloseTo(1, 10);
    for (const t of outlook) expect(t.positions.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
    const alpha = outlook.find((t) => t.team === 'Alpha')!;
    expect(alpha.title).toBeGreaterThan(0.5);
    expect(Math.max(...outlook.filter((t) => t !== alpha).map((t) => t.title))).toBeLessThan(0.2);
    // 30 matches, each worth 2 points (a draw) to 3 (a win) in all.
    expect(total((t) => t.expectedPoints)).toBeGreaterThan(60);
    expect(total((t) => t.expectedPoints)).toBeLessThan(90);
  });

  it('When run twice with the same seed, then the outlook is identical', () => {
    const remaining = remainingRoundRobin(['A', 'B', 'C', 'D'], played).map((p) => ({
      ...p,
      matrix: scoreMatrixFromRates(1.4, 1.1, -0.05),
    }));
    const run = () => simulateSeason(played, remaining, { runs: 500, rng: createRng(42) });

    expect(run()).toEqual(run());
  });

  it('When the seasons are played in slices, then the outlook is exactly the one of a single pass', () => {
    const remaining = remainingRoundRobin(['A', 'B', 'C', 'D'], played).map((p) => ({
      ...p,
      matrix: scoreMatrixFromRates(1.4, 1.1, -0.05),
    }));
    const sliced = startSeasonSimulation(played, remaining, { rng: createRng(42) });
    expect(() => sliced.outlook()).toThrow('no season has been played yet');
    for (const slice of [1, 199, 300]) sliced.play(slice);

    expect(sliced.runs).toBe(500);
    expect(sliced.outlook()).toEqual(
      simulateSeason(played, remaining, { runs: 500, rng: createRng(42) }),
    );
  });
});

describe('remainingRoundRobin', () => {
  it('When two of twelve pairings are played, then the other ten remain, each once', () => {
    const left = remainingRoundRobin(['A', 'B', 'C', 'D'], played4());

    expect(left).toHaveLength(10);
    expect(left).not.toContainEqual({ home: 'A', away: 'B' });
    expect(left).toContainEqual({ home: 'B', away: 'A' });
  });
  const played4 = () => [match('2025-08-01', 'A', 'B', 1, 0), match('2025-08-01', 'C', 'D', 0, 0)];
});

describe('scoreSeasonForecast', () => {
  it('When the forecast was certain and right, then every score is 0; when certain and wrong, the Brier scores are high', () => {
    const outlook = simulateSeason(
      [match('2025-08-01', 'A', 'B', 1, 0), match('2025-08-01', 'C', 'D', 2, 0)],
      [],
      { runs: 10, rng: createRng(5), topPlaces: 1, relegationPlaces: 1 },
    );
    const places = { top: 1, relegation: 1 };

    expect(scoreSeasonForecast(outlook, ['C', 'A', 'B', 'D'], places)).toEqual({
      positionRps: 0,
      titleBrier: 0,
      topBrier: 0,
      relegationBrier: 0,
    });
    const wrong = scoreSeasonForecast(outlook, ['D', 'B', 'A', 'C'], places);
    expect(wrong.titleBrier).toBe(0.5);
    expect(wrong.positionRps).toBeGreaterThan(0.3);
  });

  it('When a team of the forecast is not in the final table, then it says which', () => {
    const outlook = simulateSeason([match('2025-08-01', 'A', 'B', 1, 0)], [], {
      runs: 1,
      rng: createRng(1),
    });

    expect(() => scoreSeasonForecast(outlook, ['A', 'X'])).toThrow('B is not in the final table');
  });
});
