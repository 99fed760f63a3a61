// The one prediction port: a Predictor answers "these two teams, maybe this league or fixture"
// with the queue contract's PredictResult. Which one a process uses is chosen once, when its
// roles are composed: queue-backed when another role (the worker) consumes `predict` jobs and
// stores every forecast it serves, local when the champion's artifact is at hand and nobody
// consumes them.
import type { Db } from '@scoreline/db';
import type { PredictPayload, PredictResult, QueueBackend } from '@scoreline/queue';
import { artifactWindow } from '../registry/artifact-document';
import {
  createLeaguePredictor,
  NoModelError,
  SameTeamError,
  type LeaguePredictor,
  type MatchForecast,
} from './predict-match';
import { TeamNameError } from './team-resolver';

/** What a prediction is asked for with: the `predict` job's payload. */
export type PredictRequest = PredictPayload;

export interface Predictor {
  /** `queue`: the worker answers (and stores); `local`: this process's champion answers. */
  readonly kind: 'queue' | 'local';
  /**
   * One forecast. A queue-backed predictor rejects with the queue's RequestTimeoutError when
   * nobody answers within `timeoutMs` and QueueUnavailableError when the queue is unreachable;
   * a local one ignores the timeout and rejects a request without a league with
   * {@link LeagueRequiredError}.
   */
  predict(request: PredictRequest, opts: { timeoutMs: number }): Promise<PredictResult>;
}

/** A local predictor was asked without a league (choosing one is the worker's job). */
export class LeagueRequiredError extends Error {
  override readonly name = 'LeagueRequiredError';
  constructor() {
    super('league: required when no worker is wired');
  }
}

/** A forecast from one league's champion, or the answer that says why there is none. */
export type ForecastAttempt =
  { status: 'forecast'; forecast: MatchForecast } | Exclude<PredictResult, { status: 'ok' }>;

/** Forecasts a match from `predictor`, turning name errors into their PredictResult answers. */
export async function forecastMatch(
  predictor: LeaguePredictor,
  request: Pick<PredictRequest, 'home' | 'away'>,
): Promise<ForecastAttempt> {
  try {
    return { status: 'forecast', forecast: await predictor.predict(request.home, request.away) };
  } catch (err) {
    if (err instanceof TeamNameError) {
      // The resolver tries home first, so an error about the away input is about away.
      return {
        status: 'unknown_team',
        which: err.input === request.home ? 'home' : 'away',
        reason: err.reason,
        input: err.input,
        suggestions: err.suggestions,
      };
    }
    if (err instanceof SameTeamError) return { status: 'same_team', team: err.team };
    throw err;
  }
}

/** The `ok` answer for a forecast (`predictionId`: its stored row, null when not stored). */
export function forecastResult(
  predictor: LeaguePredictor,
  f: MatchForecast,
  predictionId: number | null,
): PredictResult {
  return {
    status: 'ok',
    league: f.league,
    home: f.home,
    away: f.away,
    modelVersion: f.modelVersion,
    probs: f.probs,
    markets: f.markets,
    predictionId,
    dataThrough: predictor.model.record.dataTo ?? artifactWindow(predictor.model.artifact).to,
  };
}

/** Asks the worker through the queue: it owns the models and stores what it serves. */
export function createQueuePredictor(queue: Pick<QueueBackend, 'request'>): Predictor {
  return {
    kind: 'queue',
    predict: (request, { timeoutMs }) => queue.request('predict', request, { timeoutMs }),
  };
}

/**
 * Forecasts in this process from the league's champion under `registryDir` (loaded per request,
 * verified, with loadChampion's fallback). Nothing is stored: storing is the worker's job, and
 * a process predicting locally has no worker.
 */
export function createLocalPredictor(deps: {
  db: Db;
  registryDir: string;
  warn?: (line: string) => void;
}): Predictor {
  return {
    kind: 'local',
    async predict(request) {
      if (request.league === undefined) throw new LeagueRequiredError();
      let predictor: LeaguePredictor;
      try {
        predictor = await createLeaguePredictor(
          deps.db,
          deps.registryDir,
          request.league,
          deps.warn,
        );
      } catch (err) {
        if (err instanceof NoModelError) {
          return { status: 'no_model', league: request.league.toUpperCase() };
        }
        throw err;
      }
      const attempt = await forecastMatch(predictor, request);
      return attempt.status === 'forecast'
        ? forecastResult(predictor, attempt.forecast, null)
        : attempt;
    },
  };
}
