import type { Odds } from '@scoreline/db';
import { devigMultiplicative, type Probs1x2 } from '@scoreline/model';

/** A market yardstick: which prices, from which bookmakers in order of preference. */
export interface MarketYardstick {
  key: 'closing' | 'preClosing';
  label: string;
  kind: 'pre' | 'close';
  bookmakers: readonly string[];
}

/** Pinnacle, else the market average; closing and pre-closing (DESIGN §6). */
export const MARKET_YARDSTICKS: readonly MarketYardstick[] = [
  { key: 'closing', label: 'market closing', kind: 'close', bookmakers: ['PS', 'Avg'] },
  { key: 'preClosing', label: 'market pre-closing', kind: 'pre', bookmakers: ['PS', 'Avg'] },
];

/** De-vigged (multiplicative) 1X2 probabilities of the preferred bookmaker with a full price set. */
export function marketProbs(
  odds: readonly Odds[],
  kind: 'pre' | 'close',
  bookmakers: readonly string[],
): Probs1x2 | null {
  for (const bookmaker of bookmakers) {
    const o = odds.find((x) => x.bookmaker === bookmaker && x.market === '1x2' && x.kind === kind);
    if (o && o.priceHome && o.priceDraw && o.priceAway) {
      return devigMultiplicative([o.priceHome, o.priceDraw, o.priceAway]) as Probs1x2;
    }
  }
  return null;
}

/** Odds grouped by fixture id. */
export function groupOddsByFixture(odds: readonly Odds[]): Map<number, Odds[]> {
  const out = new Map<number, Odds[]>();
  for (const o of odds) {
    const list = out.get(o.fixtureId);
    if (list) list.push(o);
    else out.set(o.fixtureId, [o]);
  }
  return out;
}
