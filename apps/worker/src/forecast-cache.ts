// A champion's answers, kept per champion: a forecast depends only on the model and the two
// names, so a match asked again under the same champion is a lookup, not another pass over the
// score matrix and every market. The cache hangs off the LeaguePredictor instance, which the
// champion cache replaces when the champion, its artifact or the alias table changes: a new model
// version (or new aliases) starts empty and the old answers go with the old instance.
import { forecastMatch, type ForecastAttempt, type LeaguePredictor } from '@scoreline/training';

/** Answers kept per champion; past this the oldest go first (typed names are unbounded). */
export const MAX_FORECASTS_PER_CHAMPION = 2_000;

export interface ForecastCache {
  /**
   * forecastMatch(predictor, request), computed once per champion and pair of typed names.
   * The answer is shared between callers: read it, never change it.
   */
  forecast(
    predictor: LeaguePredictor,
    request: { home: string; away: string },
  ): Promise<ForecastAttempt>;
}

export function createForecastCache(max = MAX_FORECASTS_PER_CHAMPION): ForecastCache {
  const byChampion = new WeakMap<LeaguePredictor, Map<string, Promise<ForecastAttempt>>>();
  return {
    forecast(predictor, request) {
      let answers = byChampion.get(predictor);
      if (!answers) {
        answers = new Map<string, Promise<ForecastAttempt>>();
        byChampion.set(predictor, answers);
      }
      const key = `${request.home}\u0000${request.away}`;
      const known = answers.get(key);
      if (known) return known;
      const attempt = forecastMatch(predictor, request);
      if (answers.size >= max) answers.delete(answers.keys().next().value!);
      answers.set(key, attempt);
      // Only answers are kept: an unexpected failure is asked again next time.
      const table = answers;
      attempt.catch(() => {
        if (table.get(key) === attempt) table.delete(key);
      });
      return attempt;
    },
  };
}
