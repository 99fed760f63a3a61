// Model against market: the synced pre-match prices of a fixture, de-vigged per bookmaker with
// the training package's yardstick (Pinnacle, else the market average, then any other book), and
// the edge of each outcome — in percentage points of probability and as the expected value of a
// unit stake at the offered price.
import { listOddsForFixtures, type Db, type Odds } from '@scoreline/db';
import { devigMultiplicative } from '@scoreline/model';
import { groupOddsByFixture, MARKET_YARDSTICKS, marketProbs } from '@scoreline/training';

export type Outcome1x2 = 'home' | 'draw' | 'away';
export type OutcomeTotal = 'over' | 'under';

export const OUTCOMES_1X2: readonly Outcome1x2[] = ['home', 'draw', 'away'];
export const OUTCOMES_TOTAL: readonly OutcomeTotal[] = ['over', 'under'];

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

/** Bookmakers with pre-match prices, the yardstick's first, then the rest by name. */
export function bookmakerOrder(odds: readonly Odds[]): string[] {
  const present = new Set(
    odds.filter((o) => o.kind === 'pre' && !NOT_A_BOOK.has(o.bookmaker)).map((o) => o.bookmaker),
  );
  const first = PREFERRED.filter((b) => present.has(b));
  const rest = [...present].filter((b) => !PREFERRED.includes(b)).sort();
  return [...first, ...rest];
}

/** Every bookmaker's de-vigged pre-match 1X2, yardstick first. */
export function books1x2(odds: readonly Odds[]): Array<Book<Outcome1x2>> {
  const out: Array<Book<Outcome1x2>> = [];
  for (const bookmaker of bookmakerOrder(odds)) {
    let probs: [number, number, number] | null;
    try {
      probs = marketProbs(odds, 'pre', [bookmaker]);
    } catch {
      probs = null; // a price of 1 or less: not a usable book
    }
    const row = odds.find(
      (o) => o.bookmaker === bookmaker && o.market === '1x2' && o.kind === 'pre',
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

/** Every bookmaker's de-vigged pre-match over/under at `line`, yardstick first. */
export function booksTotal(odds: readonly Odds[], line = 2.5): Array<Book<OutcomeTotal>> {
  const out: Array<Book<OutcomeTotal>> = [];
  for (const bookmaker of bookmakerOrder(odds)) {
    const row = odds.find(
      (o) =>
        o.bookmaker === bookmaker &&
        o.market === `ou_${line}` &&
        o.kind === 'pre' &&
        (o.line === null || o.line === line),
    );
    if (!row?.priceOver || !row.priceUnder || row.priceOver <= 1 || row.priceUnder <= 1) continue;
    const [over, under] = devigMultiplicative([row.priceOver, row.priceUnder]) as [number, number];
    out.push({
      bookmaker,
      prices: { over: row.priceOver, under: row.priceUnder },
      probs: { over, under },
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

/** The stored price sets of the given fixtures, by fixture id. */
export async function oddsByFixture(
  db: Db,
  fixtureIds: readonly number[],
): Promise<Map<number, Odds[]>> {
  if (fixtureIds.length === 0) return new Map();
  return groupOddsByFixture(await listOddsForFixtures(db, fixtureIds));
}
