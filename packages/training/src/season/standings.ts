// A league's table for one season, computed from the stored results (the current season when
// none is named: the one of the newest result).
import { findLeagueByCode, listLeagueResults, type Db } from '@scoreline/db';
import { leagueTable, type MatchResult, type TableRow } from '@scoreline/model';
import { seasonOf } from '../retrain/training-data';

export interface Standings {
  league: string;
  /** `2024/25`. */
  season: string;
  played: number;
  /** The date of the newest result counted. */
  through: string;
  table: TableRow[];
}

/** The season label (`2019/20`) that starts in `year`. */
export const seasonStarting = (year: number) =>
  `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/** Null when the league has no result in that season (or none at all). */
export async function leagueStandings(
  db: Db,
  leagueCode: string,
  seasonStartYear?: number,
): Promise<Standings | null> {
  const league = await findLeagueByCode(db, leagueCode);
  if (!league) return null;
  const results: MatchResult[] = await listLeagueResults(db, {
    leagueId: league.id,
    leagueCode: league.code,
  });
  const newest = results.at(-1);
  if (!newest) return null;
  const season =
    seasonStartYear === undefined ? seasonOf(newest.date) : seasonStarting(seasonStartYear);
  const played = results.filter((r) => seasonOf(r.date) === season);
  if (played.length === 0) return null;
  return {
    league: league.code,
    season,
    played: played.length,
    through: played.at(-1)!.date,
    table: leagueTable(played),
  };
}
