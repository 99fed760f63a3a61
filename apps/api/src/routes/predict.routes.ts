// POST /v1/predict {league, home, away}: synchronous. Through the queue when one is wired (the
// worker owns the model and answers; no answer in time is 504), else straight from the champion.
import { createLeaguePredictor } from '@scoreline/training';
import type { PredictResult } from '@scoreline/queue';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { ApiError } from '../http-errors';
import { bodyObject, text } from '../validate';
import { handle, probsView, requireDb, requirePaths } from './handler';

const DEFAULT_TIMEOUT_MS = 10_000;

export function predictRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/v1/predict',
    handle(async (req, res) => {
      const body = bodyObject(req.body);
      const league = text(body.league, 'league', 20).toUpperCase();
      const home = text(body.home, 'home');
      const away = text(body.away, 'away');

      if (deps.queue) {
        const result = await deps.queue.request(
          'predict',
          { league, home, away, requestedBy: 'api' },
          { timeoutMs: deps.predictTimeoutMs ?? DEFAULT_TIMEOUT_MS },
        );
        res.json(fromQueue(result, league, home, away));
        return;
      }
      const predictor = await createLeaguePredictor(
        requireDb(deps),
        requirePaths(deps).modelRegistryPath,
        league,
        (line) => deps.logger?.warn(line),
      );
      const f = await predictor.predict(home, away);
      res.json({
        league: f.league,
        home: f.home,
        away: f.away,
        model_version: f.modelVersion,
        probs: probsView(f.probs),
        markets: f.markets,
      });
    }),
  );
  return router;
}

function fromQueue(result: PredictResult, league: string, home: string, away: string) {
  switch (result.status) {
    case 'ok':
      return {
        league,
        home,
        away,
        model_version: result.modelVersion,
        probs: probsView(result.probs),
        markets: result.markets,
      };
    case 'unknown_team':
      throw new ApiError(
        404,
        'unknown_team',
        `unknown ${result.which} team "${result.which === 'home' ? home : away}"`,
        { suggestions: result.suggestions },
      );
    case 'same_team':
      throw new ApiError(400, 'same_team', `a team cannot play itself (${result.team})`);
    case 'no_model':
      throw new ApiError(503, 'no_model', `no model serves league ${result.league}`);
  }
}
