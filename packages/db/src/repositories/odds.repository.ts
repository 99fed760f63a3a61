import type { Db } from '../create-db';
import { toDate, toNumber, toNumberOrNull, type UpsertOutcome } from '../values';
import { sameValue, toDbRow, upsertCompared } from './upsert';

/**
 * Betting market: match result, over/under a total (`ou_2.5`), Asian handicap, or both teams to
 * score (`btts`: "yes" in the over column, "no" in the under column).
 */
export type OddsMarket = '1x2' | 'ah' | `ou_${string}` | 'btts';

/** `pre`: opening / pre-closing prices; `close`: closing prices. */
export type OddsKind = 'pre' | 'close';

/**
 * Decimal prices of one bookmaker for one market of one fixture. Outcomes that do not apply to
 * the market are null: 1X2 uses home/draw/away, over/under uses over/under, Asian handicap uses
 * home/away with `line` as the home handicap.
 */
export interface Odds {
  id: number;
  fixtureId: number;
  bookmaker: string;
  market: OddsMarket;
  line: number | null;
  kind: OddsKind;
  priceHome: number | null;
  priceDraw: number | null;
  priceAway: number | null;
  priceOver: number | null;
  priceUnder: number | null;
  collectedAt: Date;
  source: string;
}

/** What {@link upsertOdds} writes; identity is fixture, bookmaker, market, line and kind. */
export type OddsInput = Omit<
  Odds,
  'id' | 'line' | 'priceHome' | 'priceDraw' | 'priceAway' | 'priceOver' | 'priceUnder'
> &
  Partial<
    Pick<Odds, 'line' | 'priceHome' | 'priceDraw' | 'priceAway' | 'priceOver' | 'priceUnder'>
  >;

/**
 * Inserts or updates a price set. Same prices again are `unchanged` (the first `collected_at`
 * is kept); changed prices update the row and its `collected_at`.
 */
export async function upsertOdds(
  db: Db,
  input: OddsInput,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  const line = input.line ?? null;
  return upsertCompared(db, {
    table: 'odds',
    key: {
      fixture_id: input.fixtureId,
      bookmaker: input.bookmaker,
      market: input.market,
      line_key: lineKey(line),
      kind: input.kind,
    },
    insertOnly: { line, source: input.source },
    values: {
      price_home: input.priceHome,
      price_draw: input.priceDraw,
      price_away: input.priceAway,
      price_over: input.priceOver,
      price_under: input.priceUnder,
    },
    onChange: { collected_at: input.collectedAt },
  });
}

const PRICE_COLUMNS = [
  ['priceHome', 'price_home'],
  ['priceDraw', 'price_draw'],
  ['priceAway', 'price_away'],
  ['priceOver', 'price_over'],
  ['priceUnder', 'price_under'],
] as const;

/**
 * {@link upsertOdds} for every price set of one fixture at once: one read of the fixture's odds,
 * one batched insert, and an update per changed set. Importing a history file writes tens of
 * price sets per match, which row-by-row upserts make the bottleneck. Outcomes are in input order.
 */
export async function upsertFixtureOdds(
  db: Db,
  fixtureId: number,
  inputs: ReadonlyArray<Omit<OddsInput, 'fixtureId'>>,
): Promise<UpsertOutcome[]> {
  if (inputs.length === 0) return [];
  const identity = (o: { bookmaker: string; market: string; kind: string }, key: string) =>
    `${o.bookmaker}\u0000${o.market}\u0000${key}\u0000${o.kind}`;
  const rows = (await db.writer('odds').where({ fixture_id: fixtureId })) as Array<
    Record<string, unknown>
  >;
  const existing = new Map(
    rows.map((r) => [
      identity(r as { bookmaker: string; market: string; kind: string }, String(r.line_key)),
      r,
    ]),
  );
  const outcomes: UpsertOutcome[] = [];
  const inserts: Array<Record<string, string | number | boolean | null>> = [];
  for (const input of inputs) {
    const key = lineKey(input.line ?? null);
    const prices = Object.fromEntries(
      PRICE_COLUMNS.map(([field, column]) => [column, input[field] ?? null]),
    ) as Record<string, number | null>;
    const stored = existing.get(identity(input, key));
    if (!stored) {
      inserts.push(
        toDbRow({
          fixture_id: fixtureId,
          bookmaker: input.bookmaker,
          market: input.market,
          line: input.line ?? null,
          line_key: key,
          kind: input.kind,
          ...prices,
          collected_at: input.collectedAt,
          source: input.source,
        }),
      );
      outcomes.push('inserted');
      continue;
    }
    const changed = Object.entries(prices).filter(([col, v]) => !sameValue(stored[col], v));
    if (changed.length === 0) {
      outcomes.push('unchanged');
      continue;
    }
    await db
      .writer('odds')
      .where({ id: toNumber(stored.id) })
      .update(toDbRow({ ...Object.fromEntries(changed), collected_at: input.collectedAt }));
    outcomes.push('updated');
  }
  // Chunked: SQLite caps the bound parameters of one statement.
  for (let i = 0; i < inserts.length; i += 50) {
    await db.writer('odds').insert(inserts.slice(i, i + 50));
  }
  return outcomes;
}

/** Every price set of the given fixtures. */
export async function listOddsForFixtures(db: Db, fixtureIds: readonly number[]): Promise<Odds[]> {
  const out: Odds[] = [];
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < fixtureIds.length; i += 500) {
    const rows = (await db
      .reader('odds')
      .whereIn('fixture_id', fixtureIds.slice(i, i + 500))
      .orderBy(['fixture_id', 'bookmaker', 'market', 'line_key', 'kind'])) as Array<
      Record<string, unknown>
    >;
    out.push(...rows.map(toOdds));
  }
  return out;
}

// The unique key needs a NOT NULL column: '' for "no line", else the number's shortest text.
function lineKey(line: number | null): string {
  if (line === null) return '';
  if (!Number.isFinite(line)) throw new RangeError(`odds line must be finite, got ${line}`);
  return String(line === 0 ? 0 : line);
}

function toOdds(r: Record<string, unknown>): Odds {
  return {
    id: toNumber(r.id),
    fixtureId: toNumber(r.fixture_id),
    bookmaker: String(r.bookmaker),
    market: String(r.market) as OddsMarket,
    line: toNumberOrNull(r.line),
    kind: r.kind as OddsKind,
    priceHome: toNumberOrNull(r.price_home),
    priceDraw: toNumberOrNull(r.price_draw),
    priceAway: toNumberOrNull(r.price_away),
    priceOver: toNumberOrNull(r.price_over),
    priceUnder: toNumberOrNull(r.price_under),
    collectedAt: toDate(r.collected_at),
    source: String(r.source),
  };
}
