// A league table from results: three points a win, one a draw; ties broken by goal difference,
// then goals scored (the Premier League's first two tie-breakers; the rest — head-to-head, play-
// offs — are left out), then by name so the order is stable.
import type { MatchResult } from '../types';

export type FormLetter = 'W' | 'D' | 'L';

export interface TableRow {
  team: string;
  played: number;
  won: number;
  drawn: number;
  lost: number;
  goalsFor: number;
  goalsAgainst: number;
  goalDifference: number;
  points: number;
  /** The last five results, oldest first. */
  form: FormLetter[];
}

/** Compares rows as a table orders them: better first. */
export function compareRows(
  a: Pick<TableRow, 'points' | 'goalDifference' | 'goalsFor' | 'team'>,
  b: Pick<TableRow, 'points' | 'goalDifference' | 'goalsFor' | 'team'>,
): number {
  return (
    b.points - a.points ||
    b.goalDifference - a.goalDifference ||
    b.goalsFor - a.goalsFor ||
    a.team.localeCompare(b.team)
  );
}

/**
 * The table after `results` (in any order; form follows their dates). `teams` adds teams that
 * have not played yet, with an empty row.
 */
export function leagueTable(
  results: readonly MatchResult[],
  teams: readonly string[] = [],
): TableRow[] {
  const rows = new Map<string, TableRow>();
  const row = (team: string): TableRow => {
    let r = rows.get(team);
    if (!r) {
      r = {
        team,
        played: 0,
        won: 0,
        drawn: 0,
        lost: 0,
        goalsFor: 0,
        goalsAgainst: 0,
        goalDifference: 0,
        points: 0,
        form: [],
      };
      rows.set(team, r);
    }
    return r;
  };
  teams.forEach(row);
  const byDate = [...results].sort((a, b) => a.date.localeCompare(b.date));
  for (const m of byDate) {
    record(row(m.home), m.homeGoals, m.awayGoals);
    record(row(m.away), m.awayGoals, m.homeGoals);
  }
  return [...rows.values()].sort(compareRows);
}

function record(r: TableRow, scored: number, conceded: number): void {
  r.played += 1;
  r.goalsFor += scored;
  r.goalsAgainst += conceded;
  r.goalDifference = r.goalsFor - r.goalsAgainst;
  const letter: FormLetter = scored > conceded ? 'W' : scored === conceded ? 'D' : 'L';
  if (letter === 'W') {
    r.won += 1;
    r.points += 3;
  } else if (letter === 'D') {
    r.drawn += 1;
    r.points += 1;
  } else {
    r.lost += 1;
  }
  r.form = [...r.form, letter].slice(-5);
}
