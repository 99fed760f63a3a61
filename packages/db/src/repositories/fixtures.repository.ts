import type { Db } from '../create-db';
import {
  assertIsoDate,
  countOf,
  toDate,
  toNumber,
  toNumberOrNull,
  type UpsertOutcome,
} from '../values';
import { upsertCompared, type ColumnValue } from './upsert';

/** Where a fixture is in its life. */
export type FixtureStatus = 'scheduled' | 'live' | 'finished' | 'postponed' | 'cancelled';

/** Result and match statistics; null when unknown. */
export interface FixtureStats {
  homeGoals: number | null;
  awayGoals: number | null;
  htHomeGoals: number | null;
  htAwayGoals: number | null;
  homeShots: number | null;
  awayShots: number | null;
  homeShotsOnTarget: number | null;
  awayShotsOnTarget: number | null;
  homeCorners: number | null;
  awayCorners: number | null;
  homeFouls: number | null;
  awayFouls: number | null;
  homeYellow: number | null;
  awayYellow: number | null;
  homeRed: number | null;
  awayRed: number | null;
}

/** A match. Its identity is (league, kickoff date, home team, away team). */
export interface Fixture extends FixtureStats {
  id: number;
  leagueId: number;
  seasonId: number | null;
  /** Kickoff instant (UTC). */
  kickoffAt: Date;
  /** 'YYYY-MM-DD': the date part of the identity. */
  kickoffDate: string;
  homeTeamId: number;
  awayTeamId: number;
  status: FixtureStatus;
  sportmonksId: number | null;
  /** The source that first created the row (`csv`, `sportmonks`, …). */
  source: string;
  updatedAt: Date;
}

/**
 * What an upsert writes. Statistics left `undefined` keep their stored values, so a CSV without
 * corners does not erase corners SportMonks supplied; `null` clears a value.
 */
export interface FixtureInput extends Partial<FixtureStats> {
  leagueId: number;
  seasonId?: number | null;
  kickoffAt: Date;
  /** Defaults to the UTC date of `kickoffAt`. */
  kickoffDate?: string;
  homeTeamId: number;
  awayTeamId: number;
  status: FixtureStatus;
  sportmonksId?: number | null;
  source: string;
}

const STAT_COLUMNS: ReadonlyArray<readonly [keyof FixtureStats, string]> = [
  ['homeGoals', 'home_goals'],
  ['awayGoals', 'away_goals'],
  ['htHomeGoals', 'ht_home_goals'],
  ['htAwayGoals', 'ht_away_goals'],
  ['homeShots', 'home_shots'],
  ['awayShots', 'away_shots'],
  ['homeShotsOnTarget', 'home_shots_on_target'],
  ['awayShotsOnTarget', 'away_shots_on_target'],
  ['homeCorners', 'home_corners'],
  ['awayCorners', 'away_corners'],
  ['homeFouls', 'home_fouls'],
  ['awayFouls', 'away_fouls'],
  ['homeYellow', 'home_yellow'],
  ['awayYellow', 'away_yellow'],
  ['homeRed', 'home_red'],
  ['awayRed', 'away_red'],
];

/**
 * Inserts or updates a fixture by its identity. Re-importing the same data is `unchanged`.
 */
export async function upsertFixture(
  db: Db,
  input: FixtureInput,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  const kickoffDate = kickoffDateOf(input);
  return upsertCompared(db, {
    table: 'fixtures',
    key: {
      league_id: input.leagueId,
      kickoff_date: kickoffDate,
      home_team_id: input.homeTeamId,
      away_team_id: input.awayTeamId,
    },
    insertOnly: { source: input.source },
    values: fixtureValues(input),
    onChange: { updated_at: new Date() },
  });
}

/**
 * Inserts or updates a fixture by SportMonks id. A fixture with that identity but no SportMonks
 * id yet (imported from CSV) is adopted, so both sources end in one row.
 */
export async function upsertFixtureBySportmonksId(
  db: Db,
  input: FixtureInput & { sportmonksId: number },
): Promise<{ id: number; outcome: UpsertOutcome }> {
  const kickoffDate = kickoffDateOf(input);
  const known = (await db
    .writer('fixtures')
    .where({ sportmonks_id: input.sportmonksId })
    .first()) as { id: unknown } | undefined;
  const key: Record<string, string | number> = known
    ? { id: toNumber(known.id) }
    : {
        league_id: input.leagueId,
        kickoff_date: kickoffDate,
        home_team_id: input.homeTeamId,
        away_team_id: input.awayTeamId,
      };
  return upsertCompared(db, {
    table: 'fixtures',
    key,
    insertOnly: { source: input.source },
    values: {
      ...fixtureValues(input),
      league_id: input.leagueId,
      kickoff_date: kickoffDate,
      home_team_id: input.homeTeamId,
      away_team_id: input.awayTeamId,
    },
    onChange: { updated_at: new Date() },
  });
}

/** The fixture with this id. */
export async function getFixture(db: Db, id: number): Promise<Fixture | null> {
  const row = (await db.writer('fixtures').where({ id }).first()) as
    Record<string, unknown> | undefined;
  return row ? toFixture(row) : null;
}

/** A league's fixtures with kickoff dates in [from, to] (inclusive, 'YYYY-MM-DD'), by kickoff. */
export async function listFixtures(
  db: Db,
  query: { leagueId: number; from: string; to: string; status?: FixtureStatus },
): Promise<Fixture[]> {
  const q = db
    .reader('fixtures')
    .where({ league_id: query.leagueId })
    .whereBetween('kickoff_date', [
      assertIsoDate(query.from, 'from'),
      assertIsoDate(query.to, 'to'),
    ])
    .orderBy([
      { column: 'kickoff_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  if (query.status) void q.where({ status: query.status });
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toFixture);
}

/**
 * Finished fixtures with a result, strictly before `before` ('YYYY-MM-DD'): training data that
 * cannot leak the day being predicted.
 */
export async function listFinishedFixturesBefore(
  db: Db,
  query: { leagueId: number; before: string; from?: string },
): Promise<Fixture[]> {
  const q = db
    .reader('fixtures')
    .where({ league_id: query.leagueId, status: 'finished' })
    .where('kickoff_date', '<', assertIsoDate(query.before, 'before'))
    .whereNotNull('home_goals')
    .whereNotNull('away_goals')
    .orderBy([
      { column: 'kickoff_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  if (query.from) void q.where('kickoff_date', '>=', assertIsoDate(query.from, 'from'));
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toFixture);
}

/** Number of fixtures, optionally of one league and/or status. */
export async function countFixtures(
  db: Db,
  query: { leagueId?: number; status?: FixtureStatus } = {},
): Promise<number> {
  const q = db.reader('fixtures').count({ n: '*' });
  if (query.leagueId !== undefined) void q.where({ league_id: query.leagueId });
  if (query.status) void q.where({ status: query.status });
  return countOf(await q);
}

/** The kick-off date (YYYY-MM-DD) of the newest finished fixture: how fresh the data is. */
export async function latestFinishedDate(db: Db, leagueId?: number): Promise<string | null> {
  const q = db.reader('fixtures').where({ status: 'finished' }).max({ d: 'kickoff_date' });
  if (leagueId !== undefined) void q.where({ league_id: leagueId });
  const row: { d?: unknown } | undefined = await q.first();
  return typeof row?.d === 'string' ? row.d : null;
}

/**
 * The next scheduled kick-off at or after `from` (in one league, or any), or null: "does the
 * bot know any upcoming fixture at all", which decides between "none today" and "none known".
 */
export async function nextScheduledKickoff(
  db: Db,
  from: Date,
  leagueId?: number,
): Promise<Date | null> {
  const q = db
    .reader('fixtures')
    .where({ status: 'scheduled' })
    .where('kickoff_date', '>=', from.toISOString().slice(0, 10))
    .orderBy([
      { column: 'kickoff_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    // The day filter is coarse (a fixture earlier today has passed): a few rows cover it.
    .limit(50);
  if (leagueId !== undefined) void q.where({ league_id: leagueId });
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toFixture).find((f) => f.kickoffAt >= from)?.kickoffAt ?? null;
}

function kickoffDateOf(input: FixtureInput): string {
  if (Number.isNaN(input.kickoffAt.getTime()))
    throw new RangeError('kickoffAt is not a valid date');
  return assertIsoDate(
    input.kickoffDate ?? input.kickoffAt.toISOString().slice(0, 10),
    'kickoffDate',
  );
}

function fixtureValues(input: FixtureInput): Record<string, ColumnValue | undefined> {
  const values: Record<string, ColumnValue | undefined> = {
    season_id: input.seasonId,
    kickoff_at: input.kickoffAt,
    status: input.status,
    sportmonks_id: input.sportmonksId,
  };
  for (const [field, column] of STAT_COLUMNS) values[column] = input[field];
  return values;
}

function toFixture(r: Record<string, unknown>): Fixture {
  const stats = Object.fromEntries(
    STAT_COLUMNS.map(([field, column]) => [field, toNumberOrNull(r[column])]),
  ) as unknown as FixtureStats;
  return {
    id: toNumber(r.id),
    leagueId: toNumber(r.league_id),
    seasonId: toNumberOrNull(r.season_id),
    kickoffAt: toDate(r.kickoff_at),
    kickoffDate: String(r.kickoff_date),
    homeTeamId: toNumber(r.home_team_id),
    awayTeamId: toNumber(r.away_team_id),
    status: r.status as FixtureStatus,
    ...stats,
    sportmonksId: toNumberOrNull(r.sportmonks_id),
    source: String(r.source),
    updatedAt: toDate(r.updated_at),
  };
}
