import { getTeam, listAliasesInScope, normaliseTeamName, type Db } from '@scoreline/db';
import { transliterate } from 'transliteration';
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

/**
 * Largest normalised edit distance (edits / length of the longer name) a typo may have and still
 * resolve: one slip in a 4-letter name, two in an 8-letter one ("Chelsae", "arsnal", "Man Untd").
 */
export const FUZZY_MAX_DISTANCE = 0.25;
/**
 * A typo resolves only when every other team is at least this much further away; otherwise the
 * close ones are offered as ambiguous ("Sheffield Utd" is as near to Weds as to United).
 */
export const FUZZY_MIN_MARGIN = 0.1;
/** Shorter names are too easy to hit by accident ("Lens" → "Leeds"), so they never fuzzy-match. */
const FUZZY_MIN_LENGTH = 4;
/** How many closest names an unknown name is answered with. */
const SUGGESTIONS = 3;

/** How a name was matched, best first: alias table or exact name; word prefix; typo. */
export type MatchKind = 'exact' | 'prefix' | 'fuzzy';

/**
 * One typed name against one league's teams. `distance` is 0 for exact and prefix matches, the
 * normalised edit distance of a fuzzy match, and of the closest team for a failure (so callers
 * can compare how near a failed name came in different leagues).
 */
export type TeamMatch =
  | { status: 'matched'; team: ArtifactTeam; kind: MatchKind; distance: number }
  | {
      status: 'unknown' | 'ambiguous';
      input: string;
      suggestions: string[];
      distance: number;
    };

/**
 * Resolves typed names to the model's team names for one league. Each step is tried with the
 * name as typed and, for Cyrillic input, with its Latin transliteration ("Болтон" → "bolton"), so
 * Russian names missing from the alias table still find the English model names:
 * 1. the database alias table (league aliases, then global ones; read once, when the resolver is
 *    built, so resolving a name costs no query: rebuild the resolver after an import);
 * 2. the model's own names and the team's aliases;
 * 3. a unique word-prefix match over names and aliases ("Wolves", "Nott"); two or more are
 *    ambiguous;
 * 4. a typo: the team with the smallest normalised edit distance (adjacent swaps count as one
 *    edit) when it is at most {@link FUZZY_MAX_DISTANCE} and {@link FUZZY_MIN_MARGIN} better than
 *    every other team; several close teams are ambiguous;
 * 5. else unknown, with the {@link SUGGESTIONS} closest names.
 */
export interface TeamResolver {
  /** The team, or throws {@link TeamNameError} (unknown or ambiguous). */
  resolve(input: string): Promise<ArtifactTeam>;
  /** The team with how it matched, or why not; never throws for a bad name. */
  match(input: string): Promise<TeamMatch>;
}

interface NamedTeam {
  team: ArtifactTeam;
  /** Normalised names: the model's name and the team's aliases in this league or global. */
  keys: string[];
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * The Latin form of a Cyrillic name, normalised; null when the name has no Cyrillic letters or
 * the Latin form adds nothing.
 */
export function transliteratedKey(input: string): string | null {
  if (!CYRILLIC.test(input)) return null;
  // Transliterate the normalised name so "ФК" and the other affixes are gone first.
  const native = normaliseTeamName(input);
  const key = normaliseTeamName(transliterate(native));
  return key && key !== native ? key : null;
}

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions as one edit,
 * because swapped letters are the commonest typo ("Chelsae") and plain Levenshtein counts two.
 */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length || !b.length) return Math.max(a.length, b.length);
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const relativeDistance = (a: string, b: string) =>
  typoDistance(a, b) / Math.max(a.length, b.length, 1);

export async function createTeamResolver(
  db: Db,
  leagueCode: string,
  teams: readonly ArtifactTeam[],
): Promise<TeamResolver> {
  const aliases = await listAliasesInScope(db, leagueCode);
  // The alias table as resolveTeamAlias reads it: the league's alias wins over a global one.
  const aliasTable = new Map<string, number>();
  const aliasesOf = new Map<number, string[]>();
  for (const a of aliases) {
    if (a.leagueCode !== null || !aliasTable.has(a.normalised)) {
      aliasTable.set(a.normalised, a.teamId);
    }
    aliasesOf.set(a.teamId, [...(aliasesOf.get(a.teamId) ?? []), a.normalised]);
  }
  const named: NamedTeam[] = teams.map((team) => {
    const keys = new Set<string>([normaliseTeamName(team.name)]);
    if (team.id !== null) for (const k of aliasesOf.get(team.id) ?? []) keys.add(k);
    return { team, keys: [...keys].filter(Boolean) };
  });
  const byId = new Map(teams.filter((t) => t.id !== null).map((t) => [t.id!, t]));

  /** The team the alias table names for `name`, or its normalised team name (id-less artifacts). */
  const fromAliasTable = async (name: string): Promise<ArtifactTeam | string | null> => {
    const normalised = normaliseTeamName(name);
    const id = normalised ? (aliasTable.get(normalised) ?? null) : null;
    if (id === null) return null;
    if (byId.has(id)) return byId.get(id)!;
    // An artifact without team ids (imported by hand) is matched by the alias's team name.
    const aliased = byId.size === 0 ? await getTeam(db, id) : null;
    return aliased ? normaliseTeamName(aliased.name) : null;
  };

  /** Every team by its smallest distance to any of `forms`, closest first. */
  const ranked = (forms: readonly string[]) =>
    named
      .map((n) => ({
        name: n.team.name,
        team: n.team,
        d: Math.min(...n.keys.flatMap((k) => forms.map((f) => relativeDistance(f, k)))),
      }))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));

  const match = async (input: string): Promise<TeamMatch> => {
    const key = normaliseTeamName(input);
    if (!key) return { status: 'unknown', input, suggestions: [], distance: 1 };
    const latin = transliteratedKey(input);
    const forms = latin ? [key, latin] : [key];

    const targets = new Set(forms);
    for (const name of latin ? [input, latin] : [input]) {
      const hit = await fromAliasTable(name);
      if (hit === null) continue;
      if (typeof hit !== 'string')
        return { status: 'matched', team: hit, kind: 'exact', distance: 0 };
      targets.add(hit);
    }
    const exact = named.filter((n) => n.keys.some((k) => targets.has(k)));
    if (exact.length === 1) {
      return { status: 'matched', team: exact[0]!.team, kind: 'exact', distance: 0 };
    }
    if (exact.length > 1) {
      const suggestions = exact.map((n) => n.team.name);
      return { status: 'ambiguous', input, suggestions, distance: 0 };
    }

    const prefixForms = forms.filter((f) => f.length >= 3);
    const prefix = named.filter((n) =>
      n.keys.some((k) => prefixForms.some((f) => k.startsWith(f) || k.includes(` ${f}`))),
    );
    if (prefix.length === 1) {
      return { status: 'matched', team: prefix[0]!.team, kind: 'prefix', distance: 0 };
    }
    if (prefix.length > 1) {
      const suggestions = prefix.map((n) => n.team.name).sort();
      return { status: 'ambiguous', input, suggestions, distance: 0 };
    }

    const scored = ranked(forms);
    const best = scored[0];
    if (!best) return { status: 'unknown', input, suggestions: [], distance: 1 };
    const fuzzyAllowed = forms.some((f) => f.length >= FUZZY_MIN_LENGTH);
    if (fuzzyAllowed && best.d <= FUZZY_MAX_DISTANCE) {
      const close = scored.filter((s) => s.d < best.d + FUZZY_MIN_MARGIN);
      if (close.length === 1) {
        return { status: 'matched', team: best.team, kind: 'fuzzy', distance: best.d };
      }
      const suggestions = close.map((s) => s.name);
      return { status: 'ambiguous', input, suggestions, distance: best.d };
    }
    const suggestions = scored.slice(0, SUGGESTIONS).map((s) => s.name);
    return { status: 'unknown', input, suggestions, distance: best.d };
  };

  return {
    match,
    async resolve(input) {
      const m = await match(input);
      if (m.status === 'matched') return m.team;
      throw new TeamNameError(m.input, m.status, m.suggestions);
    },
  };
}
