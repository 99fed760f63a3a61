// The api's one PredictionService, built with the app: every prediction route asks it, none
// looks at which dependencies happen to be wired.
import type { PredictResult } from '@scoreline/queue';
import {
  createLocalPredictor,
  createPredictionService,
  createQueuePredictor,
  type PredictionService,
  type Predictor,
} from '@scoreline/training';
import type { ApiDeps } from './deps';
import {
  AppError,
  DependencyUnavailableError,
  NotFoundError,
  ValidationError,
} from '@scoreline/ops';
import { requireDb, requirePaths } from './routes/handler';

const DEFAULT_PREDICT_TIMEOUT_MS = 10_000;

export function createApiPredictions(deps: ApiDeps): PredictionService {
  return createPredictionService({
    predictor: deps.predictor ?? defaultPredictor(deps),
    timeoutMs: deps.predictTimeoutMs ?? DEFAULT_PREDICT_TIMEOUT_MS,
    ...(deps.db ? { db: deps.db } : {}),
  });
}

/**
 * For an app built without a chosen Predictor (tests, embedding): the worker through the queue
 * when one is wired, else the champion under MODEL_REGISTRY_PATH.
 */
function defaultPredictor(deps: ApiDeps): Predictor {
  if (deps.queue) return createQueuePredictor(deps.queue);
  if (deps.db && deps.paths) {
    return createLocalPredictor({
      db: deps.db,
      registryDir: deps.paths.modelRegistryPath,
      warn: (line) => deps.logger?.warn(line),
    });
  }
  // Nothing to predict with: every request gets the 503 saying what is missing.
  return {
    kind: 'local',
    predict: () => {
      requireDb(deps);
      requirePaths(deps);
      return Promise.reject(new Error('unreachable: a database and paths are configured'));
    },
  };
}

/**
 * An answer that is not a forecast, as the client's error. `asked` holds the names as asked;
 * `fixtureLeague` is set for a fixture's forecast, whose teams come from our own database.
 */
export function notAForecast(
  result: Exclude<PredictResult, { status: 'ok' }>,
  asked: { home: string; away: string; fixtureLeague?: string },
): AppError {
  const league = asked.fixtureLeague;
  switch (result.status) {
    case 'unknown_team': {
      const input = result.which === 'home' ? asked.home : asked.away;
      if (result.reason === 'ambiguous') {
        return new ValidationError(`"${input}" fits several teams`, {
          code: 'AMBIGUOUS_TEAM',
          details: { suggestions: result.suggestions },
        });
      }
      // For a fixture, the champion not rating one of our own teams (a promoted side, say) is
      // still the client's 404 with the model's suggestions.
      return new NotFoundError(
        league
          ? `the ${league} model does not know the ${result.which} team "${input}"`
          : `unknown ${result.which} team "${input}"`,
        { code: 'UNKNOWN_TEAM', details: { suggestions: result.suggestions } },
      );
    }
    case 'same_team':
      // A fixture's two teams resolving to one means the data is inconsistent.
      return league
        ? new AppError('BAD_WORKER_ANSWER', 'the prediction worker answered same_team', {
            httpStatus: 502,
          })
        : new ValidationError(`a team cannot play itself (${result.team})`, { code: 'SAME_TEAM' });
    case 'no_model':
      return new DependencyUnavailableError(
        (league ?? result.league)
          ? `no model serves league ${league ?? result.league}`
          : 'no league has a model yet',
        { code: 'NO_MODEL' },
      );
  }
}
