// Team alias resolution: every spelling a source uses (football-data, SportMonks, Russian names
// typed by users) maps to one canonical team name.
import enAliases from './aliases.en.json';
import ruAliases from './aliases.ru.json';
import { findLeague } from '../leagues';
import { normaliseTeamName } from '@scoreline/db';

/** One team: its canonical name, country and every known spelling. */
export interface TeamAliasEntry {
  /** Canonical name, stable across sources (stored in the teams table). */
  canonical: string;
  /** Country of the team's league; disambiguates equal aliases in different countries. */
  country?: string;
  /** Source spellings and translations; the canonical name always matches too. */
  aliases: string[];
}

/** A resolved team. */
export interface ResolvedTeam {
  canonical: string;
  country?: string;
}

/** Looks team names up by exact normalised alias. */
export interface AliasResolver {
  /**
   * Resolves a name to its canonical team, or null when unknown or ambiguous. `league`
   * (football-data code or SportMonks id) restricts candidates to that league's country.
   */
  resolve(name: string, league?: string): ResolvedTeam | null;
  /** The distinct names (in first-seen order) that {@link AliasResolver.resolve} cannot resolve. */
  unresolved(names: string[], league?: string): string[];
}

/**
 * Builds a resolver from alias entries. Matching is exact on {@link normaliseTeamName}; fuzzy
 * matching is deliberately absent so a typo never silently joins two different clubs.
 * Entries with the same canonical name are merged.
 */
export function createAliasResolver(entries: readonly TeamAliasEntry[]): AliasResolver {
  const index = new Map<string, ResolvedTeam[]>();
  for (const entry of entries) {
    const team: ResolvedTeam =
      entry.country === undefined
        ? { canonical: entry.canonical }
        : { canonical: entry.canonical, country: entry.country };
    for (const alias of [entry.canonical, ...entry.aliases]) {
      const key = normaliseTeamName(alias);
      if (!key) continue;
      const list = index.get(key) ?? [];
      if (!list.some((t) => t.canonical === team.canonical && t.country === team.country)) {
        list.push(team);
      }
      index.set(key, list);
    }
  }

  const resolve = (name: string, league?: string): ResolvedTeam | null => {
    let candidates = index.get(normaliseTeamName(name)) ?? [];
    if (league !== undefined && candidates.length > 1) {
      const country = findLeague(league)?.country;
      if (country) candidates = candidates.filter((t) => t.country === country);
    }
    // Two clubs sharing a spelling cannot be told apart without more context: refuse to guess.
    const [only, ...rest] = candidates;
    return only && rest.length === 0 ? { ...only } : null;
  };

  return {
    resolve,
    unresolved(names, league) {
      const seen = new Set<string>();
      const out: string[] = [];
      for (const name of names) {
        if (seen.has(name)) continue;
        seen.add(name);
        if (!resolve(name, league)) out.push(name);
      }
      return out;
    },
  };
}

/**
 * The bundled aliases (`aliases.en.json` + `aliases.ru.json`) as entries: English/source spellings
 * and Russian names merged per canonical team.
 */
export function builtInTeamAliases(): TeamAliasEntry[] {
  const ru: Record<string, string[] | undefined> = ruAliases.teams;
  return enAliases.teams.map((t) => ({
    canonical: t.canonical,
    country: t.country,
    aliases: [...t.aliases, ...(ru[t.canonical] ?? [])],
  }));
}

/** A resolver over {@link builtInTeamAliases}. */
export function createBuiltInAliasResolver(): AliasResolver {
  return createAliasResolver(builtInTeamAliases());
}
