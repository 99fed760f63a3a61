// What the prediction ledger seals of a stored prediction, and how it hashes it. Kept apart from
// the repository so the migration that seals existing predictions uses the very same rules.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../canonical-json';
import { parseJson, toDate, toNumber, toNumberOrNull, toStringOrNull } from '../values';

/** The prev_hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The part of a prediction row that must never change once stored: the forecast itself. The
 * settlement columns are left out (they are written later, on purpose), and so are the model
 * inputs (an explanation, not the forecast) and the requesting chat (personal data has no place
 * in a record that is meant to be shown).
 */
export interface SealedPrediction {
  id: number;
  fixtureId: number | null;
  league: string;
  homeTeamId: number;
  awayTeamId: number;
  modelVersion: string;
  requestedAt: string;
  pHome: number;
  pDraw: number;
  pAway: number;
  markets: unknown;
}

/**
 * A ledger record's content. `match` is what was known of the match when it was sealed (names
 * and kick-off, which proves the forecast came first); it is not compared with today's rows, since
 * teams get renamed and matches rescheduled legitimately.
 */
export interface SealedContent {
  v: 1;
  prediction: SealedPrediction;
  match: { home: string | null; away: string | null; kickoffAt: string | null };
}

/** Rows with every column {@link sealedPredictionOf} and {@link sealedContentOf} read. */
export function contentRows(knex: Knex): Knex.QueryBuilder {
  return knex('predictions as p')
    .leftJoin('fixtures as f', 'f.id', 'p.fixture_id')
    .leftJoin('teams as ht', 'ht.id', 'p.home_team_id')
    .leftJoin('teams as at', 'at.id', 'p.away_team_id')
    .select(PREDICTION_COLUMNS.map((c) => `p.${c}`))
    .select({ kickoff_at: 'f.kickoff_at', home_name: 'ht.name', away_name: 'at.name' });
}

/** The prediction columns sealed, as selected by {@link contentRows}. */
export const PREDICTION_COLUMNS = [
  'id',
  'fixture_id',
  'league_code',
  'home_team_id',
  'away_team_id',
  'model_version',
  'requested_at',
  'p_home',
  'p_draw',
  'p_away',
  'markets',
] as const;

/** The sealed part of a prediction row, as the engines return it. */
export function sealedPredictionOf(r: Record<string, unknown>): SealedPrediction {
  return {
    id: toNumber(r.id),
    fixtureId: toNumberOrNull(r.fixture_id),
    league: String(r.league_code),
    homeTeamId: toNumber(r.home_team_id),
    awayTeamId: toNumber(r.away_team_id),
    modelVersion: String(r.model_version),
    requestedAt: toDate(r.requested_at).toISOString(),
    pHome: toNumber(r.p_home),
    pDraw: toNumber(r.p_draw),
    pAway: toNumber(r.p_away),
    markets: parseJson<unknown>(r.markets),
  };
}

/** The content of a row from {@link contentRows}. */
export function sealedContentOf(r: Record<string, unknown>): SealedContent {
  return {
    v: 1,
    prediction: sealedPredictionOf(r),
    match: {
      home: toStringOrNull(r.home_name),
      away: toStringOrNull(r.away_name),
      kickoffAt:
        r.fixture_id === null || r.kickoff_at === null || r.kickoff_at === undefined
          ? null
          : toDate(r.kickoff_at).toISOString(),
    },
  };
}

/** SHA-256 (hex) over the previous hash followed by the canonical content. */
export function ledgerHash(prevHash: string, contentJson: string): string {
  return createHash('sha256').update(prevHash).update(contentJson).digest('hex');
}

/** The ledger record following `prev` for a row from {@link contentRows}. */
export function nextRecord(
  prev: { seq: number; hash: string },
  row: Record<string, unknown>,
  createdAt: string,
): LedgerRow {
  const contentJson = canonicalJson(sealedContentOf(row));
  return {
    seq: prev.seq + 1,
    prediction_id: toNumber(row.id),
    created_at: createdAt,
    content_json: contentJson,
    prev_hash: prev.hash,
    hash: ledgerHash(prev.hash, contentJson),
  };
}

/** A `prediction_ledger` row as written. */
export interface LedgerRow {
  seq: number;
  prediction_id: number;
  created_at: string;
  content_json: string;
  prev_hash: string;
  hash: string;
}

/**
 * Seals the predictions `ids` (in this order) after `head` and moves the head: the caller holds
 * the head's lock (or, in a migration, is the only writer). Returns the new head.
 */
export async function appendRecords(
  knex: Knex,
  head: { seq: number; hash: string },
  ids: readonly number[],
  createdAt: string,
): Promise<{ seq: number; hash: string }> {
  if (ids.length === 0) return head;
  const rows = (await contentRows(knex).whereIn('p.id', ids)) as Array<Record<string, unknown>>;
  const byId = new Map(rows.map((r) => [toNumber(r.id), r]));
  const records: LedgerRow[] = [];
  let prev = head;
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) throw new Error(`prediction ${id} not found to seal`);
    const record = nextRecord(prev, row, createdAt);
    records.push(record);
    prev = record;
  }
  await knex('prediction_ledger').insert(records);
  await knex('prediction_ledger_head').where({ id: 1 }).update({ seq: prev.seq, hash: prev.hash });
  return { seq: prev.seq, hash: prev.hash };
}
