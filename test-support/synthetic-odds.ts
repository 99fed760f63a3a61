// Bookmaker odds for tests, generated: the repository holds no odds (their source is not licensed
// for redistribution), so a season of the bundled history is priced here from KNOWN probabilities
// and written as a football-data.co.uk season file, which the real importer then reads.
//
// The truth: a pre-match Elo rating of the real results (warmed up on the seasons before), turned
// into Poisson goal rates and every market through @scoreline/model's score matrix. The market
// sees the truth through seeded noise on those rates, smaller at closing than at opening; each
// bookmaker adds its own small noise and its margin. So: the same seed gives the same text;
// closing prices are closer to the truth than opening ones; Pinnacle's margin is the smallest of
// the sportsbooks (only the exchange's is smaller).
import {
  computeMarkets,
  createRng,
  scoreMatrixFromRates,
  type AsianHandicapLine,
  type Rng,
} from '@scoreline/model';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv';
import { historySeasons, readHistory, seasonStartYear, type HistoryLeague } from './history';

/** The probabilities a match was priced from. */
export interface SyntheticTruth {
  home: number;
  draw: number;
  away: number;
  /** Over 2.5 goals. */
  over: number;
}

export interface SyntheticMatch {
  /** ISO date, as in the history file. */
  date: string;
  home: string;
  away: string;
  truth: SyntheticTruth;
}

export interface SyntheticOdds {
  /** football-data.co.uk layout: `Div`, `DD/MM/YYYY` dates, `Time`, results, statistics, odds. */
  csv: string;
  /** The rows of `csv`, in order, with their true probabilities. */
  matches: SyntheticMatch[];
}

export interface SyntheticOddsOptions {
  /** Seed of the noise (default 1). */
  seed?: number;
  /** Start the text with a UTF-8 byte-order mark, as some football-data files do. */
  bom?: boolean;
}

/** Margin (overround) of each bookmaker's 1X2 book; totals and handicaps use the same. */
export const SYNTHETIC_MARGINS = {
  B365: 0.05,
  BW: 0.06,
  PS: 0.025,
  WH: 0.06,
  '1XB': 0.04,
  BFE: 0.015,
} as const;
type Bookmaker = keyof typeof SYNTHETIC_MARGINS;
const BOOKMAKERS = Object.keys(SYNTHETIC_MARGINS) as Bookmaker[];
/** The sportsbooks behind the market's Max and Avg columns (the exchange is not one). */
const SPORTSBOOKS: Bookmaker[] = ['B365', 'BW', 'PS', 'WH', '1XB'];
/** Bookmakers with totals and handicap prices; football-data writes Pinnacle `P` there. */
const TWO_WAY: Array<[Bookmaker | 'Max' | 'Avg', string]> = [
  ['B365', 'B365'],
  ['PS', 'P'],
  ['Max', 'Max'],
  ['Avg', 'Avg'],
  ['BFE', 'BFE'],
];

/**
 * Noise sd of the market's log goal rates at opening and at closing, and of each bookmaker's log
 * probabilities around the market.
 */
export const SYNTHETIC_NOISE = { open: 0.12, close: 0.04, bookmaker: 0.02 } as const;

// The rating: Elo with a goal-difference multiplier, home advantage in rating points, and a fifth
// of the way back to the mean between seasons; promoted teams start below the mean.
const ELO = { k: 20, home: 70, promoted: -70, regress: 0.2, warmupSeasons: 3 };
// log λ = BASE + SLOPE·d, log μ = BASE − SLOPE·d, d = (R_home + home − R_away)/400: level
// teams score ≈1.55 at home and ≈1.2 away, a 300-point favourite ≈2.7 against ≈0.7.
const RATES = { base: 0.31, slope: 0.73, rho: -0.05 };

const MATCH_COLUMNS = [
  'HTHG',
  'HTAG',
  'HTR',
  'Referee',
  'HS',
  'AS',
  'HST',
  'AST',
  'HF',
  'AF',
  'HC',
  'AC',
  'HY',
  'AY',
  'HR',
  'AR',
];

type Row = Record<string, string>;

function readRows(league: HistoryLeague, season: string): Row[] {
  const [header, ...rows] = readCsv(readHistory(league, season));
  return rows.map((r) => Object.fromEntries(header!.map((c, i) => [c, r[i] ?? ''])));
}

/** Pre-match Elo ratings, updated with each result. */
class Elo {
  private readonly ratings = new Map<string, number>();
  private seasons = 0;

  rating(team: string): number {
    let r = this.ratings.get(team);
    if (r === undefined) {
      r = this.seasons > 0 ? this.mean() + ELO.promoted : 0;
      this.ratings.set(team, r);
    }
    return r;
  }

  /** d = (R_home + home advantage − R_away) / 400. */
  diff(home: string, away: string): number {
    return (this.rating(home) + ELO.home - this.rating(away)) / 400;
  }

  update(home: string, away: string, homeGoals: number, awayGoals: number): void {
    const expected = 1 / (1 + 10 ** -this.diff(home, away));
    const score = homeGoals > awayGoals ? 1 : homeGoals === awayGoals ? 0.5 : 0;
    const delta = ELO.k * (Math.log(1 + Math.abs(homeGoals - awayGoals)) + 1) * (score - expected);
    this.ratings.set(home, this.rating(home) + delta);
    this.ratings.set(away, this.rating(away) - delta);
  }

  newSeason(): void {
    const mean = this.mean();
    for (const [team, r] of this.ratings) this.ratings.set(team, r - ELO.regress * (r - mean));
    this.seasons += 1;
  }

  private mean(): number {
    const all = [...this.ratings.values()];
    return all.length === 0 ? 0 : all.reduce((s, r) => s + r, 0) / all.length;
  }
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Fair probabilities of one view of a match: 1X2, [over, under] 2.5, [home, away] handicap. */
interface View {
  oneXTwo: number[];
  total: number[];
  /** Each side's stake-weighted chance to win the bet (1 / fair odds), so they sum to 1. */
  handicap: number[];
  /** The handicap line (home's handicap). */
  line: number;
}

/** The markets of goal rates λ, μ; the handicap on the line of `lines` nearest to even money. */
function view(lambda: number, mu: number, lines: number[]): View {
  const m = computeMarkets(scoreMatrixFromRates(lambda, mu, RATES.rho), {
    totalLines: [2.5],
    teamTotalLines: [],
    handicapLines: lines,
    topScores: 0,
  });
  // football-data's `AHh` is the quarter line nearest to even money.
  const gap = (l: AsianHandicapLine) => Math.abs(Math.log(l.home.fairOdds / l.away.fairOdds));
  const ah = m.asianHandicap.reduce((best, l) => (gap(l) < gap(best) ? l : best));
  const over = m.totals[0]!.over / (m.totals[0]!.over + m.totals[0]!.under);
  return {
    oneXTwo: [m.oneXTwo.home, m.oneXTwo.draw, m.oneXTwo.away],
    total: [over, 1 - over],
    handicap: [1 / ah.home.fairOdds, 1 / ah.away.fairOdds],
    line: ah.line,
  };
}

/** A bookmaker's own read of fair probabilities: seeded noise on each, renormalised. */
function jitter(p: number[], rng: Rng): number[] {
  const q = p.map((x) => x * Math.exp(SYNTHETIC_NOISE.bookmaker * normal(rng)));
  const sum = q.reduce((s, x) => s + x, 0);
  return q.map((x) => x / sum);
}

const HANDICAP_LINES = Array.from({ length: 25 }, (_, i) => -3 + i * 0.25);

/** A price as football-data writes it: two decimals, trailing zeros dropped, at least 1.01. */
const price = (fair: number, margin: number) =>
  String(Math.max(1.01, Math.round((fair / (1 + margin)) * 100) / 100));
/** One bookmaker's prices, in column order: 1X2, over/under 2.5, handicap home/away. */
interface Book {
  x12: string[];
  total: string[];
  ah: string[];
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** RFC 4180 quoting, for referees written "Wiley, A. G.". */
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const ukDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A plausible UK kick-off time for the day of the week. */
function kickoff(iso: string, rng: Rng): string {
  const day = new Date(`${iso}T12:00:00Z`).getUTCDay();
  const pick = (times: string[]) => times[Math.floor(rng() * times.length)]!;
  if (day === 6) return pick(['12:30', '15:00', '15:00', '15:00', '17:30']);
  if (day === 0) return pick(['14:00', '16:30']);
  return pick(['19:30', '20:00']);
}

function seedOf(league: string, season: string, seed: number): number {
  let h = seed >>> 0;
  for (const ch of `${league}/${season}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/**
 * Prices one season of the bundled history (`syntheticOdds('E0', '2425')`): the real results and
 * statistics with generated 1X2, over/under 2.5 and Asian-handicap odds, opening and closing, of
 * Bet365, Bet&Win, Pinnacle, William Hill, 1xBet, the Betfair exchange, and the market's Max and Avg.
 */
export function syntheticOdds(
  league: HistoryLeague,
  season: string,
  opts: SyntheticOddsOptions = {},
): SyntheticOdds {
  const rng = createRng(seedOf(league, season, opts.seed ?? 1));
  // Kick-off times are part of the fixture, not of the odds: the same for every seed.
  const times = createRng(seedOf(league, season, 0));
  const elo = new Elo();
  const warmup = historySeasons(league).filter(
    (s) =>
      seasonStartYear(s) < seasonStartYear(season) &&
      seasonStartYear(s) >= seasonStartYear(season) - ELO.warmupSeasons,
  );
  for (const s of warmup) {
    for (const r of readRows(league, s)) {
      elo.update(r.HomeTeam!, r.AwayTeam!, Number(r.FTHG), Number(r.FTAG));
    }
    elo.newSeason();
  }

  const header = ['Div', 'Date', 'Time', 'HomeTeam', 'AwayTeam', 'FTHG', 'FTAG', 'FTR'];
  header.push(...MATCH_COLUMNS);
  for (const c of ['', 'C']) {
    for (const bk of [...BOOKMAKERS, 'Max', 'Avg'])
      header.push(...'HDA'.split('').map((s) => `${bk}${c}${s}`));
    for (const [, code] of TWO_WAY) header.push(`${code}${c}>2.5`, `${code}${c}<2.5`);
    header.push(`AH${c}h`);
    for (const [, code] of TWO_WAY) header.push(`${code}${c}AHH`, `${code}${c}AHA`);
  }

  const lines = [header.join(',')];
  const matches: SyntheticMatch[] = [];
  for (const r of readRows(league, season)) {
    const [home, away, date] = [r.HomeTeam!, r.AwayTeam!, r.Date!];
    const d = elo.diff(home, away);
    const lambda = Math.exp(RATES.base + RATES.slope * d);
    const mu = Math.exp(RATES.base - RATES.slope * d);
    const truth = view(lambda, mu, HANDICAP_LINES);
    const line = truth.line;
    matches.push({
      date,
      home,
      away,
      truth: {
        home: truth.oneXTwo[0]!,
        draw: truth.oneXTwo[1]!,
        away: truth.oneXTwo[2]!,
        over: truth.total[0]!,
      },
    });

    const cells = [
      league,
      ukDate(date),
      kickoff(date, times),
      home,
      away,
      r.FTHG!,
      r.FTAG!,
      r.FTR!,
    ];
    cells.push(...MATCH_COLUMNS.map((c) => r[c] ?? ''));
    for (const sd of [SYNTHETIC_NOISE.open, SYNTHETIC_NOISE.close]) {
      // The market's view at this time (noise on the goal rates), then each bookmaker's around it.
      const market = view(lambda * Math.exp(sd * normal(rng)), mu * Math.exp(sd * normal(rng)), [
        line,
      ]);
      const books = new Map<string, Book>();
      for (const bk of BOOKMAKERS) {
        const prices = (p: number[]) =>
          jitter(p, rng).map((x) => price(1 / x, SYNTHETIC_MARGINS[bk]));
        books.set(bk, {
          x12: prices(market.oneXTwo),
          total: prices(market.total),
          ah: prices(market.handicap),
        });
      }
      // The market's maximum and average over the sportsbooks, column by column.
      for (const [name, agg] of [
        ['Max', (xs: number[]) => Math.max(...xs)],
        ['Avg', mean],
      ] as const) {
        const over = (key: keyof Book) =>
          books
            .get('PS')!
            [key].map((_, i) =>
              price(agg(SPORTSBOOKS.map((bk) => Number(books.get(bk)![key][i]))), 0),
            );
        books.set(name, { x12: over('x12'), total: over('total'), ah: over('ah') });
      }
      for (const bk of [...BOOKMAKERS, 'Max', 'Avg']) cells.push(...books.get(bk)!.x12);
      for (const [bk] of TWO_WAY) cells.push(...books.get(bk)!.total);
      cells.push(String(line));
      for (const [bk] of TWO_WAY) cells.push(...books.get(bk)!.ah);
    }
    lines.push(cells.map(field).join(','));
    elo.update(home, away, Number(r.FTHG), Number(r.FTAG));
  }
  return { csv: `${opts.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, matches };
}

/** Writes {@link syntheticOdds} to `<dir>/<league>_<season>.csv` and returns the path. */
export function writeSyntheticOdds(
  dir: string,
  league: HistoryLeague,
  season: string,
  opts: SyntheticOddsOptions = {},
): string {
  const file = join(dir, `${league}_${season}.csv`);
  writeFileSync(file, syntheticOdds(league, season, opts).csv);
  return file;
}
