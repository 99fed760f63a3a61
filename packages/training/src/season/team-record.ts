// A team's recent record, two teams' meetings and a team's ratings in a fitted model: what the
// bot's /form and /h2h show, computed from stored results (oldest first) and a champion's state.
import type { DixonColesParams, MatchResult } from '@scoreline/model';

export type MatchOutcome = 'W' | 'D' | 'L';

/** One match from one team's side. */
export interface TeamMatchLine {
  date: string;
  opponent: string;
  /** Whether the team played at home. */
  home: boolean;
  goalsFor: number;
  goalsAgainst: number;
  outcome: MatchOutcome;
}

export interface TeamForm {
  team: string;
  /** Newest first. */
  matches: TeamMatchLine[];
  goalsFor: number;
  goalsAgainst: number;
  record: Record<MatchOutcome, number>;
}

/** The team's last `count` results (newest first) with their totals. */
export function teamForm(results: readonly MatchResult[], team: string, count: number): TeamForm {
  const matches: TeamMatchLine[] = [];
  for (let i = results.length - 1; i >= 0 && matches.length < count; i--) {
    const r = results[i]!;
    if (r.home !== team && r.away !== team) continue;
    const home = r.home === team;
    const goalsFor = home ? r.homeGoals : r.awayGoals;
    const goalsAgainst = home ? r.awayGoals : r.homeGoals;
    matches.push({
      date: r.date,
      opponent: home ? r.away : r.home,
      home,
      goalsFor,
      goalsAgainst,
      outcome: goalsFor > goalsAgainst ? 'W' : goalsFor < goalsAgainst ? 'L' : 'D',
    });
  }
  const record: Record<MatchOutcome, number> = { W: 0, D: 0, L: 0 };
  for (const m of matches) record[m.outcome] += 1;
  return {
    team,
    matches,
    goalsFor: matches.reduce((s, m) => s + m.goalsFor, 0),
    goalsAgainst: matches.reduce((s, m) => s + m.goalsAgainst, 0),
    record,
  };
}

export interface Meeting {
  date: string;
  home: string;
  away: string;
  homeGoals: number;
  awayGoals: number;
}

export interface HeadToHead {
  teams: [string, string];
  /** Newest first. */
  meetings: Meeting[];
  /** Wins of teams[0] and of teams[1]. */
  wins: [number, number];
  draws: number;
  /** Goals of teams[0] and of teams[1]. */
  goals: [number, number];
}

/** The last `count` meetings of `a` and `b` (either venue), newest first, with the aggregate. */
export function headToHead(
  results: readonly MatchResult[],
  a: string,
  b: string,
  count: number,
): HeadToHead {
  const meetings: Meeting[] = [];
  for (let i = results.length - 1; i >= 0 && meetings.length < count; i--) {
    const r = results[i]!;
    if ((r.home === a && r.away === b) || (r.home === b && r.away === a)) {
      const { date, home, away, homeGoals, awayGoals } = r;
      meetings.push({ date, home, away, homeGoals, awayGoals });
    }
  }
  const out: HeadToHead = { teams: [a, b], meetings, wins: [0, 0], draws: 0, goals: [0, 0] };
  for (const m of meetings) {
    const [ga, gb] = m.home === a ? [m.homeGoals, m.awayGoals] : [m.awayGoals, m.homeGoals];
    out.goals[0] += ga;
    out.goals[1] += gb;
    if (ga > gb) out.wins[0] += 1;
    else if (gb > ga) out.wins[1] += 1;
    else out.draws += 1;
  }
  return out;
}

/**
 * A team's goals-model ratings relative to the league's mean (log goal-rate units: +0.2 scores
 * about 22% more than an average side; a higher defence concedes fewer). Null for a team the
 * model does not rate.
 */
export function teamRatings(
  params: Pick<DixonColesParams, 'teams' | 'attack' | 'defence'>,
  team: string,
): { attack: number; defence: number } | null {
  const i = params.teams.indexOf(team);
  if (i < 0) return null;
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  return {
    attack: params.attack[i]! - mean(params.attack),
    defence: params.defence[i]! - mean(params.defence),
  };
}
