// POST /v1/predict {league?, home, away}: synchronous, from the app's one PredictionService
// (the worker through the queue, which finds the league itself when none is given and answers
// 504 when late; or this process's champion, which needs the league).
import { LeagueRequiredError, type PredictionService } from '@scoreline/training';
import { Router } from 'express';
import { badRequest } from '../http-errors';
import { notAForecast } from '../predictions';
import { bodyObject, optionalText, text } from '../validate';
import { handle, probsView } from './handler';

export function predictRoutes(predictions: PredictionService): Router {
  const router = Router();
  router.post(
    '/v1/predict',
    handle(async (req, res) => {
      const body = bodyObject(req.body);
      const league = optionalText(body.league, 'league', 20)?.toUpperCase();
      const home = text(body.home, 'home');
      const away = text(body.away, 'away');

      const result = await predictions
        .predict({ ...(league ? { league } : {}), home, away, requestedBy: 'api' })
        .catch((err: unknown) => {
          throw err instanceof LeagueRequiredError ? badRequest(err.message) : err;
        });
      if (result.status !== 'ok') throw notAForecast(result, { home, away });
      // The league the forecast used and the model's team names.
      res.json({
        league: result.league,
        home: result.home,
        away: result.away,
        model_version: result.modelVersion,
        probs: probsView(result.probs),
        markets: result.markets,
      });
    }),
  );
  return router;
}
