// Chooses the league of a match typed without one ("/predict Arsenal - Chelsea"): the user knows
// the teams, not our league codes, so every league's champion is asked to resolve both names.
import type { ArtifactTeam } from '../registry/artifact-document';
import type { MatchKind, TeamMatch, TeamResolver } from './team-resolver';

/** One league's resolver, in the caller's order of preference (ties go to the earlier one). */
export interface LeagueResolver {
  league: string;
  resolver: Pick<TeamResolver, 'match'>;
}

/** A side that resolved in the chosen league. */
export interface ResolvedSide {
  team: ArtifactTeam;
  kind: MatchKind;
  distance: number;
}

/** The league chosen for a match, or why none fits. */
export type LeagueChoice =
  | { status: 'matched'; league: string; home: ResolvedSide; away: ResolvedSide }
  | {
      status: 'unknown_team';
      /** The league whose teams the suggestions come from. */
      league: string;
      which: 'home' | 'away';
      reason: 'unknown' | 'ambiguous';
      input: string;
      suggestions: string[];
    }
  /** No league to choose from. */
  | { status: 'no_league' };

const KIND_RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, fuzzy: 2 };
const FAILURE_RANK = { ambiguous: 1, unknown: 2 } as const;

/** How good one side's match is, as a sortable tuple (smaller is better). */
function quality(m: TeamMatch): [number, number, number] {
  return m.status === 'matched'
    ? [0, KIND_RANK[m.kind], m.distance]
    : [FAILURE_RANK[m.status], 0, m.distance];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The league where both names resolve, preferring exact and alias matches over word prefixes and
 * prefixes over typos (fewest weak sides, then smallest total typo distance, then the earlier
 * league). When no league resolves both, the unknown (or ambiguous) side is reported from the
 * league where the better of the two names came closest, with that league's suggestions; when
 * both fail there, the home side is reported, as a single-league prediction would.
 */
export async function chooseLeague(
  leagues: readonly LeagueResolver[],
  home: string,
  away: string,
): Promise<LeagueChoice> {
  const tried = await Promise.all(
    leagues.map(async ({ league, resolver }) => ({
      league,
      home: await resolver.match(home),
      away: await resolver.match(away),
    })),
  );
  if (tried.length === 0) return { status: 'no_league' };

  let bestBoth: { score: number[]; choice: LeagueChoice } | null = null;
  for (const t of tried) {
    if (t.home.status !== 'matched' || t.away.status !== 'matched') continue;
    const score = [
      KIND_RANK[t.home.kind] + KIND_RANK[t.away.kind],
      t.home.distance + t.away.distance,
    ];
    if (bestBoth && compare(score, bestBoth.score) >= 0) continue;
    const side = (m: typeof t.home & { status: 'matched' }): ResolvedSide => ({
      team: m.team,
      kind: m.kind,
      distance: m.distance,
    });
    bestBoth = {
      score,
      choice: { status: 'matched', league: t.league, home: side(t.home), away: side(t.away) },
    };
  }
  if (bestBoth) return bestBoth.choice;

  // Nothing resolves both: report from the league where one of the names did best.
  const ranked = tried
    .map((t, order) => {
      const [better, worse] = [quality(t.home), quality(t.away)].sort(compare);
      return { t, key: [...better!, ...worse!, order] };
    })
    .sort((a, b) => compare(a.key, b.key));
  const { t } = ranked[0]!;
  const which = t.home.status !== 'matched' ? 'home' : 'away';
  const failed = t[which];
  if (failed.status === 'matched') throw new Error('unreachable: both sides matched');
  return {
    status: 'unknown_team',
    league: t.league,
    which,
    reason: failed.status,
    input: failed.input,
    suggestions: failed.suggestions,
  };
}
