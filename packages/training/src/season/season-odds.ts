// /season's answer, by one rule wherever it runs (the worker on a `season` job, or a process
// with the champions at hand): the champion's forecasts when it rates every team of the season,
// else the production model fitted on the stored results as of that day, and the answer says
// which (modelVersion null).
import type { Db } from '@scoreline/db';
import { UnknownTeamError, type MatchResult } from '@scoreline/model';
import type { SeasonPayload, SeasonResult } from '@scoreline/queue';
import type { LeaguePredictor } from '../predict/predict-match';
import { seasonOf } from '../retrain/training-data';
import {
  fittedForecast,
  SeasonDataError,
  seasonOutlook,
  stateForecast,
  type ScoreForecast,
} from './season-outlook';

export async function seasonOdds(
  db: Db,
  champion: LeaguePredictor | null,
  request: SeasonPayload,
): Promise<SeasonResult> {
  let modelVersion: string | null = null;
  const forecastFor = (history: readonly MatchResult[], teams: readonly string[]) => {
    if (champion) {
      const forecast = stateForecast(champion.model.artifact.state);
      if (ratesAll(forecast, teams)) {
        modelVersion = champion.model.record.version;
        return forecast;
      }
    }
    return fittedForecast(history, teams, request.asOf);
  };
  try {
    const outlook = await seasonOutlook(
      db,
      { league: request.league, asOf: request.asOf, runs: request.runs },
      forecastFor,
    );
    return { status: 'ok', outlook, modelVersion };
  } catch (err) {
    if (err instanceof SeasonDataError)
      return { status: 'no_season', season: seasonOf(request.asOf) };
    throw err;
  }
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
