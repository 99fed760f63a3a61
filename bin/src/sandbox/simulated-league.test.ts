import { describe, expect, it } from '@jest/globals';
import { computeMarkets, devigMultiplicative, scoreMatrixFromRates } from '@scoreline/model';
import { mulberry32 } from './rng';
import {
  bookOdds,
  DEFAULT_SEED,
  doubleRoundRobin,
  SIMULATED_CLUBS,
  simulateLeague,
} from './simulated-league';

const NOW = new Date('2026-11-28T10:00:00Z');

describe('simulated league', () => {
  it('When generated twice with the same seed, then clubs, results and calendar are identical', () => {
    const first = simulateLeague({ seed: 7, now: NOW });
    const second = simulateLeague({ seed: 7, now: NOW });

    expect(second).toEqual(first);
  });

  it('When the seed differs, then the results differ', () => {
    const score = (seed: number) =>
      simulateLeague({ seed, now: NOW }).matches.map((m) => `${m.homeGoals}:${m.awayGoals}`);

    expect(score(8)).not.toEqual(score(7));
  });

  it('When played out, then home wins and goals per match look like football', () => {
    for (const seed of [DEFAULT_SEED, 1, 2, 3]) {
      const { matches } = simulateLeague({ seed, now: NOW });
      const homeWins = matches.filter((m) => m.homeGoals > m.awayGoals).length;
      const goals = matches.reduce((sum, m) => sum + m.homeGoals + m.awayGoals, 0);

      expect(homeWins / matches.length).toBeGreaterThanOrEqual(0.35);
      expect(homeWins / matches.length).toBeLessThanOrEqual(0.55);
      expect(goals / matches.length).toBeGreaterThanOrEqual(2);
      expect(goals / matches.length).toBeLessThanOrEqual(3.5);
    }
  });

  it('When a match is recorded, then its shots include its shots on target, which include its goals', () => {
    const { matches } = simulateLeague({ seed: DEFAULT_SEED, now: NOW });

    for (const m of matches) {
      expect(m.homeShots).toBeGreaterThanOrEqual(m.homeShotsOnTarget);
      expect(m.homeShotsOnTarget).toBeGreaterThanOrEqual(m.homeGoals);
      expect(m.awayShots).toBeGreaterThanOrEqual(m.awayShotsOnTarget);
      expect(m.awayShotsOnTarget).toBeGreaterThanOrEqual(m.awayGoals);
      expect(m.htHomeGoals).toBeLessThanOrEqual(m.homeGoals);
      expect(m.htAwayGoals).toBeLessThanOrEqual(m.awayGoals);
    }
  });

  it('When three seasons are simulated, then every club meets every other once at home and once away per season', () => {
    const { matches } = simulateLeague({ seed: DEFAULT_SEED, now: NOW });
    const seasons = [...new Set(matches.map((m) => m.season))];
    const clubs = SIMULATED_CLUBS.length;

    expect(seasons).toHaveLength(3);
    for (const season of seasons) {
      const pairings = matches.filter((m) => m.season === season).map((m) => `${m.home}|${m.away}`);
      expect(pairings).toHaveLength(clubs * (clubs - 1));
      expect(new Set(pairings).size).toBe(pairings.length);
    }
  });

  it('When placed around now, then history is over and upcoming fixtures start today and run over the next days', () => {
    const { matches, upcoming } = simulateLeague({ seed: DEFAULT_SEED, now: NOW });
    const day = 86_400_000;

    expect(Math.max(...matches.map((m) => m.kickoffAt.getTime()))).toBeLessThan(NOW.getTime());
    expect(upcoming).toHaveLength(SIMULATED_CLUBS.length);
    expect(upcoming[0]!.kickoffAt.toISOString().slice(0, 10)).toBe('2026-11-28');
    for (const f of upcoming) {
      expect(f.kickoffAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
      expect(f.kickoffAt.getTime()).toBeLessThan(NOW.getTime() + 7 * day);
    }
  });

  it('When now is just before midnight in Moscow, then the first upcoming fixture is still on that local date', () => {
    const lateEvening = new Date('2026-11-28T20:55:00Z'); // 23:55 in Moscow
    const moscowDate = (d: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(d);

    const { upcoming } = simulateLeague({ seed: DEFAULT_SEED, now: lateEvening });

    expect(moscowDate(upcoming[0]!.kickoffAt)).toBe(moscowDate(lateEvening));
  });

  it('When a round-robin is drawn for four clubs, then each pair meets twice with home and away swapped', () => {
    const rounds = doubleRoundRobin([0, 1, 2, 3]);
    const games = rounds.flat().map(([h, a]) => `${h}-${a}`);

    expect(rounds).toHaveLength(6);
    expect(new Set(games).size).toBe(12);
    for (const round of rounds) expect(new Set(round.flat()).size).toBe(4);
  });

  it('When the simulated book prices a match, then its margin is 5% and, de-vigged, it is the true probability give or take its noise', () => {
    const rates = { homeRate: 1.7, awayRate: 1.1 };
    const truth = computeMarkets(scoreMatrixFromRates(rates.homeRate, rates.awayRate, 0)).oneXTwo;
    const random = mulberry32(11);
    const books = Array.from({ length: 400 }, () => bookOdds(random, rates));

    for (const b of books) {
      expect(1 / b.home + 1 / b.draw + 1 / b.away).toBeCloseTo(1.05, 1);
      expect(1 / b.over25 + 1 / b.under25).toBeCloseTo(1.05, 1);
    }
    const meanHome =
      books.reduce((sum, b) => sum + devigMultiplicative([b.home, b.draw, b.away])[0]!, 0) /
      books.length;
    expect(meanHome).toBeCloseTo(truth.home, 1);
    // Noise: the book is not the truth on any single match.
    expect(new Set(books.map((b) => b.home)).size).toBeGreaterThan(20);
  });

  it('When the league is simulated, then every match and fixture has prices, and the results do not depend on them', () => {
    const league = simulateLeague({ seed: DEFAULT_SEED, now: NOW });

    for (const m of [...league.matches, ...league.upcoming]) {
      expect(
        Math.min(m.odds.home, m.odds.draw, m.odds.away, m.odds.over25, m.odds.under25),
      ).toBeGreaterThan(1);
    }
    // The book draws from its own stream: the seed's results are those it had before the book
    // existed (the README's transcript stays true).
    expect(league.matches.slice(0, 6).map((m) => `${m.homeGoals}:${m.awayGoals}`)).toEqual([
      '0:2',
      '1:1',
      '3:1',
      '2:0',
      '1:0',
      '3:0',
    ]);
  });
});
