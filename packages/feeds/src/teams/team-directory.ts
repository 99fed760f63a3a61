// Maps a source's team names to team rows, so that every source's spelling of a club is one
// team. Lookup order: aliases already stored (they may come from another source), then the
// bundled alias files, then — for a name nobody knows — a new team under the source spelling,
// which the caller lists (never a silent duplicate of a known club). A source with its own team
// ids (SportMonks) is matched by id first, and a name match records the id on the team found.
import {
  addTeamAlias,
  AliasConflictError,
  findTeamBySportmonksId,
  getTeam,
  resolveTeamAlias,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import { createBuiltInAliasResolver, builtInTeamAliases, type AliasResolver } from './aliases';

const CYRILLIC = /[\u0400-\u04FF]/;

/** Maps one source's team names to team ids (see {@link createTeamDirectory}). */
export interface TeamDirectory {
  /**
   * The team id for `name` as written by `source` in league `leagueCode`. With `sportmonksId`,
   * the team holding that id wins; otherwise the name is resolved as usual and the id is recorded
   * on the team found, so later lookups (and renames on SportMonks' side) go by id.
   */
  teamId(name: string, leagueCode: string, sportmonksId?: number): Promise<number>;
  /** Names that matched no known club and became new teams, per league, in first-seen order. */
  newTeams(): string[];
}

/**
 * Creates a directory for one source (`football-data`, `sportmonks`). It caches ids, so create
 * one per transaction: ids of a rolled-back transaction must not outlive it.
 */
export function createTeamDirectory(
  db: Db,
  opts: { source: string; resolver?: AliasResolver },
): TeamDirectory {
  const resolver = opts.resolver ?? createBuiltInAliasResolver();
  const knownAliases = new Map(builtInTeamAliases().map((e) => [e.canonical, e.aliases]));
  const cache = new Map<string, number>();
  const created: string[] = [];

  async function addAlias(
    teamId: number,
    alias: string,
    lang: 'en' | 'ru' | 'src',
    scope?: string,
  ) {
    try {
      await addTeamAlias(db, {
        teamId,
        alias,
        lang,
        source: opts.source,
        leagueCode: scope ?? null,
      });
    } catch (err) {
      // Another club already owns this spelling in that scope (e.g. "Арсенал" in two
      // countries): leave it ambiguous rather than move it.
      if (!(err instanceof AliasConflictError)) throw err;
    }
  }

  async function lookup(name: string, leagueCode: string, sportmonksId?: number): Promise<number> {
    const stored = await resolveTeamAlias(db, name, leagueCode);
    if (stored !== null) {
      return sportmonksId === undefined ? stored : link(stored, name, leagueCode, sportmonksId);
    }

    const known = resolver.resolve(name, leagueCode);
    const canonical = known?.canonical ?? name;
    // With a SportMonks id, upsertTeam adopts a same-named team that has no id yet.
    const { id, outcome } = await upsertTeam(db, {
      name: canonical,
      country: known?.country,
      ...(sportmonksId === undefined ? {} : { sportmonksId }),
    });
    if (known && outcome === 'inserted') {
      for (const alias of [canonical, ...(knownAliases.get(canonical) ?? [])]) {
        await addAlias(id, alias, CYRILLIC.test(alias) ? 'ru' : 'en');
      }
    }
    if (!known) created.push(`${leagueCode}: ${name}`);
    // The source spelling is scoped to its league: short forms like "Sociedad" are only
    // unambiguous there.
    await addAlias(id, name, 'src', leagueCode);
    return id;
  }

  /**
   * Records `sportmonksId` on the team a name resolved to. When that team already carries another
   * SportMonks id, the name is shared by two clubs: the new one gets its own team (listed), since
   * merging two SportMonks teams would mix their results.
   */
  async function link(
    teamId: number,
    name: string,
    leagueCode: string,
    sportmonksId: number,
  ): Promise<number> {
    const team = await getTeam(db, teamId);
    if (team && team.sportmonksId === null) {
      // Under the stored name, so the adoption finds this very team, not a new one under the
      // source spelling.
      return (await upsertTeam(db, { name: team.name, sportmonksId })).id;
    }
    if (team && team.sportmonksId === sportmonksId) return teamId;
    const { id } = await upsertTeam(db, { name, sportmonksId });
    created.push(
      `${leagueCode}: ${name} (SportMonks team ${sportmonksId}; the name belongs to another team)`,
    );
    return id;
  }

  return {
    async teamId(name, leagueCode, sportmonksId) {
      const key =
        sportmonksId === undefined ? `${leagueCode}\u0000${name}` : `sm\u0000${sportmonksId}`;
      let id = cache.get(key);
      if (id === undefined) {
        const bySportmonks =
          sportmonksId === undefined ? null : await findTeamBySportmonksId(db, sportmonksId);
        id = bySportmonks?.id ?? (await lookup(name, leagueCode, sportmonksId));
        cache.set(key, id);
      }
      return id;
    },
    newTeams: () => [...created],
  };
}
