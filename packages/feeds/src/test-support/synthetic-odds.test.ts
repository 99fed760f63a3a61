// The odds generator the tests price matches with (test-support/synthetic-odds.ts), read back
// through the real parser: what the suites that rely on it take for granted must hold.
import { describe, expect, it } from '@jest/globals';
import { devigMultiplicative, rps } from '@scoreline/model';
import { readHistory } from '@test-support/history';
import { SYNTHETIC_MARGINS, syntheticOdds } from '@test-support/synthetic-odds';
import { parseFootballDataCsv } from '../football-data/parse-csv';
import type { ParsedMatch } from '../football-data/types';

const x12 = (m: ParsedMatch, bookmaker: string, kind: 'pre' | 'close') => {
  const o = m.odds.find((x) => x.bookmaker === bookmaker && x.market === '1x2' && x.kind === kind);
  return [o!.prices.home!, o!.prices.draw!, o!.prices.away!];
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const outcome = (m: ParsedMatch) =>
  m.homeGoals! > m.awayGoals! ? 0 : m.homeGoals === m.awayGoals ? 1 : 2;

describe('syntheticOdds', () => {
  const season = syntheticOdds('E0', '2425');
  const parsed = parseFootballDataCsv(season.csv, { file: 'E0_2425' }).matches;

  it('When the same season is priced twice, then the text is the same; another seed changes only the odds', () => {
    const other = syntheticOdds('E0', '2425', { seed: 2 });
    const results = (csv: string) =>
      parseFootballDataCsv(csv, { file: 'x' }).matches.map((m) => ({ ...m, odds: [] }));

    expect(syntheticOdds('E0', '2425').csv).toBe(season.csv);
    expect(other.csv).not.toBe(season.csv);
    expect(results(other.csv)).toEqual(results(season.csv));
    expect(other.matches).toEqual(season.matches);
  });

  it('When a season is priced, then its results and statistics are the bundled ones, row for row', () => {
    const history = parseFootballDataCsv(readHistory('E0', '2425'), { file: 'h', league: 'E0' });
    const withoutOdds = (m: ParsedMatch) => ({
      ...m,
      odds: [],
      time: undefined,
      kickoffUtc: undefined,
    });

    expect(parsed.map(withoutOdds)).toEqual(history.matches.map(withoutOdds));
  });

  it("When the books are read back, then each bookmaker's overround is its margin", () => {
    for (const [bookmaker, margin] of Object.entries(SYNTHETIC_MARGINS)) {
      for (const kind of ['pre', 'close'] as const) {
        const overround = mean(
          parsed.map((m) => x12(m, bookmaker, kind).reduce((s, o) => s + 1 / o, 0) - 1),
        );
        // Prices are rounded to two decimals, which moves the overround a little.
        expect(Math.abs(overround - margin)).toBeLessThan(0.004);
      }
    }
  });

  it('When opening and closing prices are de-vigged, then closing is closer to the true probabilities', () => {
    const distance = (kind: 'pre' | 'close') =>
      mean(
        parsed.map((m, i) => {
          const p = devigMultiplicative(x12(m, 'PS', kind));
          const t = season.matches[i]!.truth;
          return Math.abs(p[0]! - t.home) + Math.abs(p[1]! - t.draw) + Math.abs(p[2]! - t.away);
        }),
      );

    expect(distance('close')).toBeLessThan(distance('pre') * 0.6);
  });

  it('When the true probabilities are scored on the real results, then they beat the season base rates', () => {
    const base = [0, 1, 2].map((k) => mean(parsed.map((m) => (outcome(m) === k ? 1 : 0))));
    const truthRps = mean(
      parsed.map((m, i) => {
        const t = season.matches[i]!.truth;
        expect(t.home + t.draw + t.away).toBeCloseTo(1, 9);
        return rps([t.home, t.draw, t.away], outcome(m));
      }),
    );
    const baseRps = mean(parsed.map((m) => rps(base as [number, number, number], outcome(m))));

    expect(truthRps).toBeLessThan(baseRps - 0.01);
  });
});
