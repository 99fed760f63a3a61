// POST /v1/predict {league?, home, away}: synchronous. Through the queue when one is wired (the
// worker owns the model and answers, and finds the league itself when none is given; no answer
// in time is 504), else straight from the league's champion.
import { createLeaguePredictor } from '@scoreline/training';
import type { PredictResult } from '@scoreline/queue';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { ApiError, badRequest } from '../http-errors';
import { bodyObject, optionalText, text } from '../validate';
import { handle, probsView, requireDb, requirePaths } from './handler';

const DEFAULT_TIMEOUT_MS = 10_000;

export function predictRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/v1/predict',
    handle(async (req, res) => {
      const body = bodyObject(req.body);
      const league = optionalText(body.league, 'league', 20)?.toUpperCase();
      const home = text(body.home, 'home');
      const away = text(body.away, 'away');

      if (deps.queue) {
        const result = await deps.queue.request(
          'predict',
          { ...(league ? { league } : {}), home, away, requestedBy: 'api' },
          { timeoutMs: deps.predictTimeoutMs ?? DEFAULT_TIMEOUT_MS },
        );
        res.json(fromQueue(result, home, away));
        return;
      }
      if (!league) {
        throw badRequest('league: required when no worker is wired');
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

/** The worker's answer as the response: the league it used and the model's team names. */
function fromQueue(result: PredictResult, home: string, away: string) {
  switch (result.status) {
    case 'ok':
      return {
        league: result.league,
        home: result.home,
        away: result.away,
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
      throw new ApiError(
        503,
        'no_model',
        result.league ? `no model serves league ${result.league}` : 'no league has a model yet',
      );
  }
}
