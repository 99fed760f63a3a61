import type { Db } from '../create-db';
import {
  assertIsoDate,
  toNumber,
  toNumberOrNull,
  toStringOrNull,
  type UpsertOutcome,
} from '../values';
import { upsertCompared } from './upsert';

/** A league's season, named like `2024/25`. */
export interface Season {
  id: number;
  leagueId: number;
  name: string;
  sportmonksId: number | null;
  /** 'YYYY-MM-DD' */
  startDate: string | null;
  /** 'YYYY-MM-DD' */
  endDate: string | null;
}

/** What {@link upsertSeason} writes; `undefined` fields keep their stored value. */
export interface SeasonInput {
  leagueId: number;
  name: string;
  sportmonksId?: number | null;
  startDate?: string | null;
  endDate?: string | null;
}

/** Inserts or updates a season by (league, name). */
export async function upsertSeason(
  db: Db,
  input: SeasonInput,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  if (input.startDate) assertIsoDate(input.startDate, 'startDate');
  if (input.endDate) assertIsoDate(input.endDate, 'endDate');
  return upsertCompared(db, {
    table: 'seasons',
    key: { league_id: input.leagueId, name: input.name },
    values: {
      sportmonks_id: input.sportmonksId,
      start_date: input.startDate,
      end_date: input.endDate,
    },
  });
}

/** The season of a league by name. */
export async function findSeason(db: Db, leagueId: number, name: string): Promise<Season | null> {
  const row = (await db.writer('seasons').where({ league_id: leagueId, name }).first()) as
    Record<string, unknown> | undefined;
  return row ? toSeason(row) : null;
}

/** A league's seasons, oldest first. */
export async function listSeasons(db: Db, leagueId: number): Promise<Season[]> {
  const rows = (await db.reader('seasons').where({ league_id: leagueId }).orderBy('name')) as Array<
    Record<string, unknown>
  >;
  return rows.map(toSeason);
}

function toSeason(r: Record<string, unknown>): Season {
  return {
    id: toNumber(r.id),
    leagueId: toNumber(r.league_id),
    name: String(r.name),
    sportmonksId: toNumberOrNull(r.sportmonks_id),
    startDate: toStringOrNull(r.start_date),
    endDate: toStringOrNull(r.end_date),
  };
}
