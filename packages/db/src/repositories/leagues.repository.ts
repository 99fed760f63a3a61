import type { Db } from '../create-db';
import { toNumber, toNumberOrNull, toStringOrNull, type UpsertOutcome } from '../values';
import { upsertCompared } from './upsert';

/** A competition, known by its football-data code (`E0`) and, where mapped, its SportMonks id. */
export interface League {
  id: number;
  code: string;
  sportmonksId: number | null;
  name: string;
  country: string | null;
}

/** What {@link upsertLeague} writes; `undefined` fields keep their stored value. */
export interface LeagueInput {
  code: string;
  name: string;
  sportmonksId?: number | null;
  country?: string | null;
}

/** Inserts or updates a league by its code. */
export async function upsertLeague(
  db: Db,
  input: LeagueInput,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  return upsertCompared(db, {
    table: 'leagues',
    key: { code: input.code },
    values: { name: input.name, sportmonks_id: input.sportmonksId, country: input.country },
  });
}

// Point lookups go to the writer: they sit on import paths that have just written.

/** The league with this id. */
export async function getLeague(db: Db, id: number): Promise<League | null> {
  const row = (await db.writer('leagues').where({ id }).first()) as
    Record<string, unknown> | undefined;
  return row ? toLeague(row) : null;
}

/** The league with this football-data code. */
export async function findLeagueByCode(db: Db, code: string): Promise<League | null> {
  const row = (await db.writer('leagues').where({ code }).first()) as
    Record<string, unknown> | undefined;
  return row ? toLeague(row) : null;
}

/** The league with this SportMonks id. */
export async function findLeagueBySportmonksId(
  db: Db,
  sportmonksId: number,
): Promise<League | null> {
  const row = (await db.writer('leagues').where({ sportmonks_id: sportmonksId }).first()) as
    Record<string, unknown> | undefined;
  return row ? toLeague(row) : null;
}

/**
 * Resolves a CLI/API league argument (DESIGN §6): a football-data code, or a SportMonks id
 * given as digits.
 */
export async function findLeague(db: Db, codeOrSportmonksId: string): Promise<League | null> {
  const byCode = await findLeagueByCode(db, codeOrSportmonksId);
  if (byCode || !/^\d+$/.test(codeOrSportmonksId)) return byCode;
  return findLeagueBySportmonksId(db, Number(codeOrSportmonksId));
}

/** Every league, by code. */
export async function listLeagues(db: Db): Promise<League[]> {
  const rows = (await db.reader('leagues').select('*').orderBy('code')) as Array<
    Record<string, unknown>
  >;
  return rows.map(toLeague);
}

export function toLeague(r: Record<string, unknown>): League {
  return {
    id: toNumber(r.id),
    code: String(r.code),
    sportmonksId: toNumberOrNull(r.sportmonks_id),
    name: String(r.name),
    country: toStringOrNull(r.country),
  };
}
