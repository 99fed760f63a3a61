// Maps a source's team names to team rows, so that every source's spelling of a club is one
// team. Lookup order: aliases already stored (they may come from another source), then the
// bundled alias files, then — for a name nobody knows — a new team under the source spelling,
// which the caller lists (never a silent duplicate of a known club).
import {
  addTeamAlias,
  AliasConflictError,
  resolveTeamAlias,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import { createBuiltInAliasResolver, builtInTeamAliases, type AliasResolver } from './aliases';

const CYRILLIC = /[\u0400-\u04FF]/;

export interface TeamDirectory {
  /** The team id for `name` as written by `source` in league `leagueCode`. */
  teamId(name: string, leagueCode: string): Promise<number>;
  /** Names that matched no known club and became new teams, per league, in first-seen order. */
  newTeams(): string[];
}

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

  async function lookup(name: string, leagueCode: string): Promise<number> {
    const stored = await resolveTeamAlias(db, name, leagueCode);
    if (stored !== null) return stored;

    const known = resolver.resolve(name, leagueCode);
    const canonical = known?.canonical ?? name;
    const { id, outcome } = await upsertTeam(db, { name: canonical, country: known?.country });
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

  return {
    async teamId(name, leagueCode) {
      const key = `${leagueCode}\u0000${name}`;
      let id = cache.get(key);
      if (id === undefined) {
        id = await lookup(name, leagueCode);
        cache.set(key, id);
      }
      return id;
    },
    newTeams: () => [...created],
  };
}
