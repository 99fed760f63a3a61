// The rest of a league's current season by simulation (/season): seasonOutlook from
// @scoreline/training over the stored results and fixtures (the pairings of the double
// round-robin still owed), each match forecast by the league's champion. Where the champion
// cannot forecast every team (no registry in this process, or a team promoted since it was
// trained), the production model is fitted on the stored results as of today instead, and the
// answer says so.
import { UnknownTeamError, type MatchResult } from '@scoreline/model';
import type { Db, League } from '@scoreline/db';
import {
  fittedForecast,
  SeasonDataError,
  seasonOf,
  seasonOutlook,
  stateForecast,
  type ScoreForecast,
  type SeasonOutlook,
} from '@scoreline/training';
import type { ChampionService } from './champions';

export type SeasonOddsAnswer =
  | {
      status: 'ok';
      outlook: SeasonOutlook;
      /** The champion's version, or null when a model was fitted on the stored results. */
      modelVersion: string | null;
    }
  /** No fixture of the season (the one `asOf` falls in) is stored. */
  | { status: 'no_season'; season: string };

export interface SeasonOddsService {
  outlook(league: League, runs: number): Promise<SeasonOddsAnswer>;
}

export function createSeasonOddsService(deps: {
  db: Db;
  champions: ChampionService;
  now: () => Date;
}): SeasonOddsService {
  return {
    async outlook(league, runs) {
      const asOf = deps.now().toISOString().slice(0, 10);
      const champion = await deps.champions.champion(league.code);
      let modelVersion: string | null = null;
      const forecastFor = (history: readonly MatchResult[], teams: readonly string[]) => {
        if (champion) {
          const forecast = stateForecast(champion.model.artifact.state);
          if (ratesAll(forecast, teams)) {
            modelVersion = champion.model.record.version;
            return forecast;
          }
        }
        return fittedForecast(history, teams, asOf);
      };
      try {
        const outlook = await seasonOutlook(
          deps.db,
          { league: league.code, asOf, runs },
          forecastFor,
        );
        return { status: 'ok', outlook, modelVersion };
      } catch (err) {
        if (err instanceof SeasonDataError) return { status: 'no_season', season: seasonOf(asOf) };
        throw err;
      }
    },
  };
}

/** Whether the forecast rates every team of the season (a champion may predate a promotion). */
function ratesAll(forecast: ScoreForecast, teams: readonly string[]): boolean {
  try {
    for (let i = 0; i < teams.length; i++) forecast(teams[i]!, teams[(i + 1) % teams.length]!);
    return true;
  } catch (err) {
    if (err instanceof UnknownTeamError) return false;
    throw err;
  }
}
