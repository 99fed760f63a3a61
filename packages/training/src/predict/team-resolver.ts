import {
  getTeam,
  listTeamAliases,
  normaliseTeamName,
  resolveTeamAlias,
  type Db,
} from '@scoreline/db';
import { distance } from 'fastest-levenshtein';
import type { ArtifactTeam } from '../registry/artifact-document';

/** A typed team name that does not name exactly one team the model rates. */
export class TeamNameError extends Error {
  override readonly name = 'TeamNameError';
  constructor(
    readonly input: string,
    readonly reason: 'unknown' | 'ambiguous',
    /** Closest team names, best first. */
    readonly suggestions: string[],
  ) {
    super(
      reason === 'ambiguous'
        ? `"${input}" is ambiguous: ${suggestions.join(', ')}`
        : `unknown team "${input}"${suggestions.length ? `; closest: ${suggestions.join(', ')}` : ''}`,
    );
  }
}

interface NamedTeam {
  team: ArtifactTeam;
  /** Normalised names: the model's name and the team's aliases in this league or global. */
  keys: string[];
}

/**
 * Resolves typed names to the model's team names for one league. Order: the database alias
 * table (`resolveTeamAlias`: league aliases, then global ones); the model's own names; a unique
 * word-prefix match over names and aliases ("Wolves", "Nott"), where two or more matches are
 * ambiguous; else unknown, with the closest names by edit distance.
 */
export interface TeamResolver {
  resolve(input: string): Promise<ArtifactTeam>;
}

export async function createTeamResolver(
  db: Db,
  leagueCode: string,
  teams: readonly ArtifactTeam[],
): Promise<TeamResolver> {
  const named: NamedTeam[] = [];
  for (const team of teams) {
    const keys = new Set<string>([normaliseTeamName(team.name)]);
    if (team.id !== null) {
      for (const a of await listTeamAliases(db, team.id)) {
        if (a.leagueCode === null || a.leagueCode === leagueCode) keys.add(a.normalised);
      }
    }
    named.push({ team, keys: [...keys].filter(Boolean) });
  }
  const byId = new Map(teams.filter((t) => t.id !== null).map((t) => [t.id!, t]));

  const closest = (key: string): string[] => {
    const scored = named
      .map((n) => ({
        name: n.team.name,
        d: Math.min(...n.keys.map((k) => distance(key, k) / Math.max(key.length, k.length, 1))),
      }))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
    return scored.slice(0, 3).map((s) => s.name);
  };

  return {
    async resolve(input) {
      const key = normaliseTeamName(input);
      if (!key) throw new TeamNameError(input, 'unknown', []);
      const id = await resolveTeamAlias(db, input, leagueCode);
      if (id !== null && byId.has(id)) return byId.get(id)!;
      // An artifact without team ids (imported by hand) is matched by the alias's team name.
      const aliased = id !== null && byId.size === 0 ? await getTeam(db, id) : null;
      const target = aliased ? normaliseTeamName(aliased.name) : key;
      const exact = named.filter((n) => n.keys.includes(target) || n.keys.includes(key));
      if (exact.length === 1) return exact[0]!.team;
      if (exact.length > 1) {
        throw new TeamNameError(
          input,
          'ambiguous',
          exact.map((n) => n.team.name),
        );
      }
      if (key.length >= 3) {
        const prefix = named.filter((n) =>
          n.keys.some((k) => k.startsWith(key) || k.includes(` ${key}`)),
        );
        if (prefix.length === 1) return prefix[0]!.team;
        if (prefix.length > 1) {
          throw new TeamNameError(input, 'ambiguous', prefix.map((n) => n.team.name).sort());
        }
      }
      throw new TeamNameError(input, 'unknown', closest(key));
    },
  };
}
