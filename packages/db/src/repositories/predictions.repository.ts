import type { Db } from '../create-db';
import {
  insertedId,
  parseJson,
  toDate,
  toDateOrNull,
  toDbTimestamp,
  toNumber,
  toNumberOrNull,
} from '../values';
import { unsettledWithResult } from './unsettled-with-result';

/** Match outcome from the home side's view. */
export type MatchOutcome = 'H' | 'D' | 'A';

/** A prediction as made: what, by which model, for whom, when. */
export interface PredictionInput {
  fixtureId?: number | null;
  /**
   * Instead of `fixtureId`: the fixture is found inside the insert (one statement, no read
   * before it). With `id`, that fixture when it kicks off after `at`; without, the league's next
   * scheduled meeting of these two teams kicking off from `at` to the day of `until` (UTC).
   * Null when there is none.
   */
  linkFixture?: { id?: number; at: Date; until: Date };
  leagueCode: string;
  homeTeamId: number;
  awayTeamId: number;
  modelVersion: string;
  /** Telegram chat id; null for API or CLI requests. */
  requestedBy?: number | null;
  requestedAt?: Date;
  inputs: unknown;
  pHome: number;
  pDraw: number;
  pAway: number;
  markets: unknown;
}

/** The scored outcome of a prediction. */
export interface Settlement {
  outcome: MatchOutcome;
  homeGoals: number;
  awayGoals: number;
  rps: number;
  logLoss: number;
  brier: number;
  settledAt?: Date;
}

/** A stored prediction, settled or not: the track record. */
export interface Prediction {
  id: number;
  fixtureId: number | null;
  leagueCode: string;
  homeTeamId: number;
  awayTeamId: number;
  modelVersion: string;
  requestedBy: number | null;
  requestedAt: Date;
  inputs: unknown;
  pHome: number;
  pDraw: number;
  pAway: number;
  markets: unknown;
  settledAt: Date | null;
  outcome: MatchOutcome | null;
  homeGoals: number | null;
  awayGoals: number | null;
  rps: number | null;
  logLoss: number | null;
  brier: number | null;
}

/**
 * Stores a prediction with one statement and returns its id. The database queues it for its
 * ledger record (migration 008's trigger); {@link sealPendingPredictions} seals it.
 */
export async function insertPrediction(db: Db, input: PredictionInput): Promise<number> {
  const rows: unknown[] = await db
    .writer('predictions')
    .insert({
      fixture_id: input.linkFixture ? fixtureToLink(db, input) : (input.fixtureId ?? null),
      league_code: input.leagueCode,
      home_team_id: input.homeTeamId,
      away_team_id: input.awayTeamId,
      model_version: input.modelVersion,
      requested_by: input.requestedBy ?? null,
      requested_at: toDbTimestamp(input.requestedAt ?? new Date()),
      inputs: JSON.stringify(input.inputs ?? null),
      p_home: input.pHome,
      p_draw: input.pDraw,
      p_away: input.pAway,
      markets: JSON.stringify(input.markets ?? null),
    })
    .returning('id');
  return insertedId(rows);
}

/** The subquery of {@link PredictionInput.linkFixture}: at most one fixture id. */
function fixtureToLink(db: Db, input: PredictionInput) {
  const link = input.linkFixture!;
  const at = toDbTimestamp(link.at);
  if (link.id !== undefined) {
    return db.writer('fixtures').select('id').where({ id: link.id }).where('kickoff_at', '>', at);
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return (
    db
      .writer('fixtures')
      .select('id')
      .whereIn('league_id', db.writer('leagues').select('id').where({ code: input.leagueCode }))
      .where({
        home_team_id: input.homeTeamId,
        away_team_id: input.awayTeamId,
        status: 'scheduled',
      })
      // kickoff_date bounds the index range; kickoff_at is the exact test.
      .whereBetween('kickoff_date', [day(link.at), day(link.until)])
      .where('kickoff_at', '>=', at)
      .orderBy([
        { column: 'kickoff_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(1)
  );
}

/** The prediction with this id. */
export async function getPrediction(db: Db, id: number): Promise<Prediction | null> {
  const row = (await db.writer('predictions').where({ id }).first()) as
    Record<string, unknown> | undefined;
  return row ? toPrediction(row) : null;
}

/** The newest stored prediction of a fixture, if any. */
export async function latestPredictionForFixture(
  db: Db,
  fixtureId: number,
): Promise<Prediction | null> {
  const row = (await db
    .reader('predictions')
    .where({ fixture_id: fixtureId })
    .orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as Record<string, unknown> | undefined;
  return row ? toPrediction(row) : null;
}

/**
 * Unsettled predictions whose fixture is finished with a score, oldest first, with that score:
 * the settle job's work list. Settling is idempotent, so a lagging reader is harmless.
 */
export async function listUnsettledWithResult(
  db: Db,
  opts: { limit?: number } = {},
): Promise<Array<{ prediction: Prediction; homeGoals: number; awayGoals: number }>> {
  const rows = await unsettledWithResult(db.reader, 'predictions', toPrediction, opts.limit ?? 500);
  return rows.map(({ row, ...score }) => ({ prediction: row, ...score }));
}

/** Records the outcome once: true when settled now, false when it already was (a no-op). */
export async function settlePrediction(db: Db, id: number, s: Settlement): Promise<boolean> {
  const n = await db
    .writer('predictions')
    .where({ id })
    .whereNull('settled_at')
    .update({
      settled_at: toDbTimestamp(s.settledAt ?? new Date()),
      outcome: s.outcome,
      home_goals: s.homeGoals,
      away_goals: s.awayGoals,
      rps: s.rps,
      log_loss: s.logLoss,
      brier: s.brier,
    });
  return n > 0;
}

/** Predictions newest first, optionally of one chat, league and/or fixture. */
export async function listPredictions(
  db: Db,
  query: {
    requestedBy?: number;
    leagueCode?: string;
    fixtureId?: number;
    settled?: boolean;
    limit?: number;
  } = {},
): Promise<Prediction[]> {
  const q = db
    .reader('predictions')
    .orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(query.limit ?? 50);
  if (query.requestedBy !== undefined) void q.where({ requested_by: query.requestedBy });
  if (query.leagueCode) void q.where({ league_code: query.leagueCode });
  if (query.fixtureId !== undefined) void q.where({ fixture_id: query.fixtureId });
  if (query.settled === true) void q.whereNotNull('settled_at');
  if (query.settled === false) void q.whereNull('settled_at');
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toPrediction);
}

function toPrediction(r: Record<string, unknown>): Prediction {
  return {
    id: toNumber(r.id),
    fixtureId: toNumberOrNull(r.fixture_id),
    leagueCode: String(r.league_code),
    homeTeamId: toNumber(r.home_team_id),
    awayTeamId: toNumber(r.away_team_id),
    modelVersion: String(r.model_version),
    requestedBy: toNumberOrNull(r.requested_by),
    requestedAt: toDate(r.requested_at),
    inputs: parseJson<unknown>(r.inputs),
    pHome: toNumber(r.p_home),
    pDraw: toNumber(r.p_draw),
    pAway: toNumber(r.p_away),
    markets: parseJson<unknown>(r.markets),
    settledAt: toDateOrNull(r.settled_at),
    outcome: (r.outcome ?? null) as MatchOutcome | null,
    homeGoals: toNumberOrNull(r.home_goals),
    awayGoals: toNumberOrNull(r.away_goals),
    rps: toNumberOrNull(r.rps),
    logLoss: toNumberOrNull(r.log_loss),
    brier: toNumberOrNull(r.brier),
  };
}
