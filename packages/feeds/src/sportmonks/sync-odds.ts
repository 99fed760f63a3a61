// SportMonks pre-match odds -> the odds table's price sets: 1X2, goal totals and Asian handicap.
// Only complete sets are kept (a 1X2 without its draw price, or an over without its under, is
// useless for margin removal and would read as a price set the bookmaker never offered).
import type { OddsInput } from '@scoreline/db';
import type { SmOdds } from './types';

/** A price set ready for `upsertFixtureOdds`. */
export type SyncOddsInput = Omit<OddsInput, 'fixtureId'>;

/** Which SportMonks markets hold totals and handicaps (market 1 is always 1X2, CONTRACT.md §10). */
export interface OddsMarketIds {
  /**
   * "Goals Over/Under" markets, selections `Over`/`Under` with a `total`. Default `[80]`: the id
   * seen in public SportMonks v3 payloads, not confirmed by CONTRACT.md.
   */
  totals?: readonly number[];
  /**
   * Asian handicap markets, selections `Home`/`Away` (or `1`/`2`) with each side's own
   * `handicap`. Default `[6]`: remembered from SportMonks' market list, not confirmed by
   * CONTRACT.md; a wrong id writes nothing unless the selections fit the shape.
   */
  handicaps?: readonly number[];
}

const DEFAULT_TOTALS = [80];
const DEFAULT_HANDICAPS = [6];

/** Parses `2.5`, `+0.5`, or a split line `-0.5, -1.0` (its mean, as quarter lines are quoted). */
function parseLine(raw: string | null): number | null {
  if (raw === null) return null;
  const parts = raw.split(',').map((p) => Number(p.trim()));
  if (parts.length === 0 || parts.some((n) => !Number.isFinite(n))) return null;
  const mean = parts.reduce((a, b) => a + b, 0) / parts.length;
  // Round away binary noise so the same line always gives the same key (`-0.75`).
  return Math.round(mean * 100) / 100 + 0;
}

/** SportMonks' `latest_bookmaker_update` is UTC without a zone marker. */
function collectedAt(odds: SmOdds, now: Date): Date {
  const s = odds.updatedAt;
  if (s && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?/.test(s)) {
    const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return now;
}

type Side = 'home' | 'away';
const SIDE: Record<string, Side> = { home: 'home', '1': 'home', away: 'away', '2': 'away' };

/**
 * Converts one fixture's pre-match odds into price sets: bookmaker `sm:<bookmakerId>` (the odds
 * carry no bookmaker name), kind `pre`, source `sportmonks`. Other markets are left out.
 */
export function oddsInputsOf(
  odds: readonly SmOdds[],
  now: Date,
  markets: OddsMarketIds = {},
): SyncOddsInput[] {
  const totals = new Set(markets.totals ?? DEFAULT_TOTALS);
  const handicaps = new Set(markets.handicaps ?? DEFAULT_HANDICAPS);
  const out: SyncOddsInput[] = [];
  for (const o of odds) {
    const base = {
      bookmaker: `sm:${o.bookmakerId}`,
      kind: 'pre' as const,
      collectedAt: collectedAt(o, now),
      source: 'sportmonks',
    };
    if (o.market === '1x2') {
      const { home, draw, away } = o.prices;
      if (home !== undefined && draw !== undefined && away !== undefined) {
        out.push({ ...base, market: '1x2', priceHome: home, priceDraw: draw, priceAway: away });
      }
    } else if (totals.has(o.marketId)) {
      out.push(...totalsOf(o).map((t) => ({ ...base, ...t })));
    } else if (handicaps.has(o.marketId)) {
      out.push(...handicapsOf(o).map((h) => ({ ...base, ...h })));
    }
  }
  // Two market ids configured for one kind could yield the same identity; the table holds one.
  const seen = new Set<string>();
  return out.filter((o) => {
    const key = `${o.bookmaker}|${o.market}|${o.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function totalsOf(
  o: SmOdds,
): Array<Pick<SyncOddsInput, 'market' | 'line' | 'priceOver' | 'priceUnder'>> {
  const byLine = new Map<number, { over?: number; under?: number }>();
  for (const s of o.selections) {
    const side = s.label.trim().toLowerCase();
    const line = parseLine(s.total);
    if ((side !== 'over' && side !== 'under') || line === null) continue;
    const entry = byLine.get(line) ?? {};
    entry[side] = s.value;
    byLine.set(line, entry);
  }
  return [...byLine]
    .filter(([, p]) => p.over !== undefined && p.under !== undefined)
    .map(([line, p]) => ({
      market: `ou_${line}` as const,
      line,
      priceOver: p.over!,
      priceUnder: p.under!,
    }));
}

function handicapsOf(
  o: SmOdds,
): Array<Pick<SyncOddsInput, 'market' | 'line' | 'priceHome' | 'priceAway'>> {
  // Keyed by the home handicap: the away side quotes the opposite line (home -0.5 = away +0.5).
  const byLine = new Map<number, { home?: number; away?: number }>();
  for (const s of o.selections) {
    const side = SIDE[s.label.trim().toLowerCase()];
    const own = parseLine(s.handicap);
    if (side === undefined || own === null) continue;
    const line = side === 'home' ? own : -own + 0;
    const entry = byLine.get(line) ?? {};
    entry[side] = s.value;
    byLine.set(line, entry);
  }
  return [...byLine]
    .filter(([, p]) => p.home !== undefined && p.away !== undefined)
    .map(([line, p]) => ({ market: 'ah' as const, line, priceHome: p.home!, priceAway: p.away! }));
}
