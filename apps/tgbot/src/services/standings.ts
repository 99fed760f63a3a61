// League tables from the stored results (the computation is the domain's: @scoreline/training).
import type { Db, League } from '@scoreline/db';
import { leagueStandings, type Standings } from '@scoreline/training';

export interface StandingsService {
  /** The table of the season starting in `seasonStartYear`, or the current one; null without data. */
  table(league: League, seasonStartYear?: number): Promise<Standings | null>;
}

export function createStandingsService(db: Db): StandingsService {
  return { table: (league, year) => leagueStandings(db, league.code, year) };
}
