// Model against market, shared by the bot's /value and /compare and the worker's value alerts:
// each bookmaker's synced pre-match book de-vigged with the training package's yardstick order
// (Pinnacle, else the market average, then any other book), and the edge of each outcome — in
// percentage points of probability and as the expected value of a unit stake at the price.
import type { Odds, OddsKind } from '@scoreline/db';
import { devigMultiplicative, type Markets } from '@scoreline/model';
import { MARKET_YARDSTICKS, marketProbs } from './market-probs';

export type Outcome1x2 = 'home' | 'draw' | 'away';
export type OutcomeTotal = 'over' | 'under';
export type OutcomeBtts = 'yes' | 'no';

export const OUTCOMES_1X2: readonly Outcome1x2[] = ['home', 'draw', 'away'];
export const OUTCOMES_TOTAL: readonly OutcomeTotal[] = ['over', 'under'];
export const OUTCOMES_BTTS: readonly OutcomeBtts[] = ['yes', 'no'];

/** The markets value bets are offered on: 1X2, over/under 2.5 and both teams to score. */
export const VALUE_MARKETS = ['1x2', 'ou25', 'btts'] as const;
export type ValueMarket = (typeof VALUE_MARKETS)[number];
export type ValueSide = Outcome1x2 | OutcomeTotal | OutcomeBtts;

/** One bookmaker's book for a market: the offered prices and their de-vigged probabilities. */
export interface Book<O extends string> {
  bookmaker: string;
  prices: Record<O, number>;
  probs: Record<O, number>;
}

/** One outcome: the model's probability against one book. */
export interface Edge<O extends string> {
  outcome: O;
  model: number;
  market: number;
  price: number;
  /** model − market, in percentage points. */
  pp: number;
  /** Expected value of a unit stake at `price`: model × price − 1. */
  ev: number;
}

/** The pre-match yardstick: its bookmakers come first, in its order (DESIGN §6). */
const PRE_YARDSTICK = MARKET_YARDSTICKS.find((y) => y.kind === 'pre');
const PREFERRED: readonly string[] = PRE_YARDSTICK?.bookmakers ?? [];
/** Best price over all books: a price to take, but no bookmaker's book, so nothing to de-vig. */
const NOT_A_BOOK = new Set(['Max', 'BbMx']);

/** Bookmakers with prices of `kind`, the yardstick's first, then the rest by name. */
export function bookmakerOrder(odds: readonly Odds[], kind: OddsKind = 'pre'): string[] {
  const present = new Set(
    odds.filter((o) => o.kind === kind && !NOT_A_BOOK.has(o.bookmaker)).map((o) => o.bookmaker),
  );
  const first = PREFERRED.filter((b) => present.has(b));
  const rest = [...present].filter((b) => !PREFERRED.includes(b)).sort();
  return [...first, ...rest];
}

/** Every bookmaker's de-vigged 1X2 of `kind` (pre-match by default), yardstick first. */
export function books1x2(odds: readonly Odds[], kind: OddsKind = 'pre'): Array<Book<Outcome1x2>> {
  const out: Array<Book<Outcome1x2>> = [];
  for (const bookmaker of bookmakerOrder(odds, kind)) {
    let probs: [number, number, number] | null;
    try {
      probs = marketProbs(odds, kind, [bookmaker]);
    } catch {
      probs = null; // a price of 1 or less: not a usable book
    }
    const row = odds.find(
      (o) => o.bookmaker === bookmaker && o.market === '1x2' && o.kind === kind,
    );
    if (!probs || !row?.priceHome || !row.priceDraw || !row.priceAway) continue;
    out.push({
      bookmaker,
      prices: { home: row.priceHome, draw: row.priceDraw, away: row.priceAway },
      probs: { home: probs[0], draw: probs[1], away: probs[2] },
    });
  }
  return out;
}

/** A two-way book from one row's over/under columns, de-vigged; null when unusable. */
function twoWay(over: number | null, under: number | null): [number, number] | null {
  if (!over || !under || over <= 1 || under <= 1) return null;
  return devigMultiplicative([over, under]) as [number, number];
}

/** Every bookmaker's de-vigged over/under at `line` of `kind`, yardstick first. */
export function booksTotal(
  odds: readonly Odds[],
  line = 2.5,
  kind: OddsKind = 'pre',
): Array<Book<OutcomeTotal>> {
  const out: Array<Book<OutcomeTotal>> = [];
  for (const bookmaker of bookmakerOrder(odds, kind)) {
    const row = odds.find(
      (o) =>
        o.bookmaker === bookmaker &&
        o.market === `ou_${line}` &&
        o.kind === kind &&
        (o.line === null || o.line === line),
    );
    const probs = row ? twoWay(row.priceOver, row.priceUnder) : null;
    if (!row || !probs) continue;
    out.push({
      bookmaker,
      prices: { over: row.priceOver!, under: row.priceUnder! },
      probs: { over: probs[0], under: probs[1] },
    });
  }
  return out;
}

/**
 * Every bookmaker's de-vigged both-teams-to-score book of `kind`: a `btts` row with "yes" in
 * the over column and "no" in the under column (no feed stores one yet; a feed that does gets
 * alerts on it without further code).
 */
export function booksBtts(odds: readonly Odds[], kind: OddsKind = 'pre'): Array<Book<OutcomeBtts>> {
  const out: Array<Book<OutcomeBtts>> = [];
  for (const bookmaker of bookmakerOrder(odds, kind)) {
    const row = odds.find(
      (o) => o.bookmaker === bookmaker && o.market === 'btts' && o.kind === kind,
    );
    const probs = row ? twoWay(row.priceOver, row.priceUnder) : null;
    if (!row || !probs) continue;
    out.push({
      bookmaker,
      prices: { yes: row.priceOver!, no: row.priceUnder! },
      probs: { yes: probs[0], no: probs[1] },
    });
  }
  return out;
}

/** The edge of every outcome of `book` for the model's probabilities. */
export function edgesOf<O extends string>(
  model: Record<O, number>,
  book: Book<O>,
  outcomes: readonly O[],
): Array<Edge<O>> {
  return outcomes.map((outcome) => ({
    outcome,
    model: model[outcome],
    market: book.probs[outcome],
    price: book.prices[outcome],
    pp: (model[outcome] - book.probs[outcome]) * 100,
    ev: model[outcome] * book.prices[outcome] - 1,
  }));
}

/** One value-market outcome against the first (yardstick) book that prices it. */
export interface MarketEdge {
  market: ValueMarket;
  edge: Edge<ValueSide>;
  bookmaker: string;
}

/** The first book of `market` in `odds` (yardstick first), generic over the market's outcomes. */
export function firstBook(
  odds: readonly Odds[],
  market: ValueMarket,
  kind: OddsKind = 'pre',
): Book<ValueSide> | undefined {
  const books =
    market === '1x2'
      ? books1x2(odds, kind)
      : market === 'ou25'
        ? booksTotal(odds, 2.5, kind)
        : booksBtts(odds, kind);
  return books[0] as Book<ValueSide> | undefined;
}

/** The model's probabilities of a value market's outcomes, if the forecast prices it. */
export function modelOf(markets: Markets, market: ValueMarket): Record<string, number> | undefined {
  if (market === '1x2') return markets.oneXTwo;
  if (market === 'ou25') {
    const line = markets.totals.find((x) => x.line === 2.5);
    return line ? { over: line.over, under: line.under } : undefined;
  }
  return markets.bothTeamsToScore;
}

export const OUTCOMES_OF: Record<ValueMarket, readonly ValueSide[]> = {
  '1x2': OUTCOMES_1X2,
  ou25: OUTCOMES_TOTAL,
  btts: OUTCOMES_BTTS,
};

/** Every outcome of the value markets against the yardstick book of each, by market. */
export function marketEdges(
  markets: Markets,
  odds: readonly Odds[],
  only: readonly ValueMarket[] = VALUE_MARKETS,
): MarketEdge[] {
  const out: MarketEdge[] = [];
  for (const market of only) {
    const book = firstBook(odds, market);
    const model = modelOf(markets, market);
    if (!book || !model) continue;
    for (const edge of edgesOf(model as Record<ValueSide, number>, book, OUTCOMES_OF[market])) {
      out.push({ market, edge, bookmaker: book.bookmaker });
    }
  }
  return out;
}
