import type { Db } from '../create-db';
import { normaliseTeamName } from '../team-name';
import { toNumber, toNumberOrNull, toStringOrNull, type UpsertOutcome } from '../values';
import { upsertCompared } from './upsert';

/** A club, under its canonical name. */
export interface Team {
  id: number;
  name: string;
  sportmonksId: number | null;
  country: string | null;
}

/** What {@link upsertTeam} writes; `undefined` fields keep their stored value. */
export interface TeamInput {
  name: string;
  sportmonksId?: number | null;
  country?: string | null;
}

/** Language of an alias: English, Russian, or a source's own spelling. */
export type AliasLang = 'en' | 'ru' | 'src';

/** A name a team is known by. */
export interface TeamAlias {
  id: number;
  teamId: number;
  alias: string;
  normalised: string;
  lang: AliasLang;
  source: string;
  /** League code the alias is limited to; null for a global alias. */
  leagueCode: string | null;
}

/** Thrown when an alias is already taken by another team in the same scope. */
export class AliasConflictError extends Error {
  override readonly name = 'AliasConflictError';
  constructor(
    readonly alias: string,
    readonly existingTeamId: number,
    readonly requestedTeamId: number,
  ) {
    super(`alias "${alias}" already belongs to team ${existingTeamId}, not ${requestedTeamId}`);
  }
}

/**
 * Inserts or updates a team. Identity is the SportMonks id when given (adopting a same-named team
 * that has none yet, e.g. one created from CSV history), else the exact canonical name.
 */
export async function upsertTeam(
  db: Db,
  input: TeamInput,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  const values = { name: input.name, sportmonks_id: input.sportmonksId, country: input.country };
  if (input.sportmonksId != null) {
    const bySportmonks = (await db
      .writer('teams')
      .where({ sportmonks_id: input.sportmonksId })
      .first()) as { id: number } | undefined;
    if (!bySportmonks) {
      const adoptable = (await db
        .writer('teams')
        .where({ name: input.name })
        .whereNull('sportmonks_id')
        .orderBy('id')
        .first()) as { id: number } | undefined;
      if (adoptable)
        return upsertCompared(db, {
          table: 'teams',
          key: { id: toNumber(adoptable.id) },
          values,
        });
    }
    return upsertCompared(db, {
      table: 'teams',
      key: { sportmonks_id: input.sportmonksId },
      values,
    });
  }
  return upsertCompared(db, { table: 'teams', key: { name: input.name }, values });
}

/** The team with this id. */
export async function getTeam(db: Db, id: number): Promise<Team | null> {
  const row = (await db.writer('teams').where({ id }).first()) as
    Record<string, unknown> | undefined;
  return row ? toTeam(row) : null;
}

/** The team with this SportMonks id. */
export async function findTeamBySportmonksId(db: Db, sportmonksId: number): Promise<Team | null> {
  const row = (await db.writer('teams').where({ sportmonks_id: sportmonksId }).first()) as
    Record<string, unknown> | undefined;
  return row ? toTeam(row) : null;
}

/**
 * Adds an alias for a team, global or limited to one league. Adding the same alias again is
 * `unchanged`; an alias that another team already owns in that scope throws
 * {@link AliasConflictError}, so a name never resolves to two teams.
 */
export async function addTeamAlias(
  db: Db,
  input: {
    teamId: number;
    alias: string;
    lang: AliasLang;
    source: string;
    leagueCode?: string | null;
  },
): Promise<'inserted' | 'unchanged'> {
  const normalised = normaliseTeamName(input.alias);
  if (!normalised) throw new RangeError(`alias "${input.alias}" has no letters or digits`);
  const scope = input.leagueCode ?? '';
  const inserted = await db
    .writer('team_aliases')
    .insert({
      team_id: input.teamId,
      alias: input.alias,
      alias_normalised: normalised,
      lang: input.lang,
      source: input.source,
      scope,
    })
    .onConflict(['scope', 'alias_normalised'])
    .ignore()
    .returning('id');
  if (inserted.length > 0) return 'inserted';
  const owner = (await db
    .writer('team_aliases')
    .where({ scope, alias_normalised: normalised })
    .first()) as {
    team_id: unknown;
  };
  const ownerId = toNumber(owner.team_id);
  if (ownerId !== input.teamId) throw new AliasConflictError(input.alias, ownerId, input.teamId);
  return 'unchanged';
}

/**
 * The team a typed or source name refers to: an alias of that league first, then a global one.
 * Null when unknown.
 */
export async function resolveTeamAlias(
  db: Db,
  name: string,
  leagueCode?: string | null,
): Promise<number | null> {
  const normalised = normaliseTeamName(name);
  if (!normalised) return null;
  const scopes = leagueCode ? [leagueCode, ''] : [''];
  const rows = (await db
    .writer('team_aliases')
    .select('team_id', 'scope')
    .where({ alias_normalised: normalised })
    .whereIn('scope', scopes)) as Array<{ team_id: unknown; scope: string }>;
  const hit = rows.find((r) => r.scope !== '') ?? rows[0];
  return hit ? toNumber(hit.team_id) : null;
}

/** An alias as name resolution uses it: the normalised name, its team, and its scope. */
export interface ScopedAlias {
  normalised: string;
  teamId: number;
  /** League code the alias is limited to; null for a global alias. */
  leagueCode: string | null;
}

/**
 * Every alias a name in this league can resolve through (the league's own and the global ones),
 * in one query: a resolver loads them once instead of asking {@link resolveTeamAlias} per name.
 */
export async function listAliasesInScope(db: Db, leagueCode: string): Promise<ScopedAlias[]> {
  const rows = (await db
    .reader('team_aliases')
    .select('alias_normalised', 'team_id', 'scope')
    .whereIn('scope', [leagueCode, ''])
    .orderBy('id')) as Array<{ alias_normalised: string; team_id: unknown; scope: string }>;
  return rows.map((r) => ({
    normalised: r.alias_normalised,
    teamId: toNumber(r.team_id),
    leagueCode: r.scope === '' ? null : r.scope,
  }));
}

/** A team's aliases. */
export async function listTeamAliases(db: Db, teamId: number): Promise<TeamAlias[]> {
  const rows = (await db.reader('team_aliases').where({ team_id: teamId }).orderBy('id')) as Array<
    Record<string, unknown>
  >;
  return rows.map((r) => ({
    id: toNumber(r.id),
    teamId: toNumber(r.team_id),
    alias: String(r.alias),
    normalised: String(r.alias_normalised),
    lang: r.lang as AliasLang,
    source: String(r.source),
    leagueCode: r.scope === '' ? null : String(r.scope),
  }));
}

function toTeam(r: Record<string, unknown>): Team {
  return {
    id: toNumber(r.id),
    name: String(r.name),
    sportmonksId: toNumberOrNull(r.sportmonks_id),
    country: toStringOrNull(r.country),
  };
}
