// GET /v1/fixtures and GET /v1/fixtures/:id/prediction.
import {
  findLeague,
  getFixture,
  getLeague,
  latestPredictionForFixture,
  listFixtures,
  type Fixture,
} from '@scoreline/db';
import type { PredictResult } from '@scoreline/queue';
import { createLeaguePredictor } from '@scoreline/training';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { AppError, DependencyUnavailableError, NotFoundError } from '@scoreline/ops';
import { badRequest, notFound } from '../http-errors';
import { teamNames } from '../team-names';
import { addDays, isoDate, positiveInt, text } from '../validate';
import { handle, probsView, requireDb, requirePaths } from './handler';

const DEFAULT_WINDOW_DAYS = 7;
// A season is about ten months; a longer window is almost certainly a typo.
const MAX_WINDOW_DAYS = 366;
// The same default wait as POST /v1/predict.
const DEFAULT_PREDICT_TIMEOUT_MS = 10_000;

export function fixturesRoutes(deps: ApiDeps): Router {
  const router = Router();
  const today = () => (deps.now?.() ?? new Date()).toISOString().slice(0, 10);

  router.get(
    '/v1/fixtures',
    handle(async (req, res) => {
      const db = requireDb(deps);
      const leagueArg = text(req.query.league, 'league', 20);
      const from = req.query.from === undefined ? today() : isoDate(req.query.from, 'from');
      const to =
        req.query.to === undefined
          ? addDays(from, DEFAULT_WINDOW_DAYS)
          : isoDate(req.query.to, 'to');
      if (to < from) throw badRequest('to must not be before from');
      if (to > addDays(from, MAX_WINDOW_DAYS)) {
        throw badRequest(`the window must not exceed ${MAX_WINDOW_DAYS} days`);
      }
      const league = await findLeague(db, leagueArg.toUpperCase());
      if (!league) throw notFound(`unknown league ${leagueArg}`);
      const fixtures = await listFixtures(db, { leagueId: league.id, from, to });
      const name = teamNames(db);
      res.json({
        league: league.code,
        from,
        to,
        fixtures: await Promise.all(
          fixtures.map(async (f) =>
            fixtureView(f, await name(f.homeTeamId), await name(f.awayTeamId)),
          ),
        ),
      });
    }),
  );

  router.get(
    '/v1/fixtures/:id/prediction',
    handle(async (req, res) => {
      const db = requireDb(deps);
      const id = positiveInt(req.params.id, 'id');
      const fixture = await getFixture(db, id);
      if (!fixture) throw notFound(`no fixture ${id}`);
      const name = teamNames(db);
      const [home, away] = [await name(fixture.homeTeamId), await name(fixture.awayTeamId)];
      const stored = await latestPredictionForFixture(db, id);
      if (stored) {
        res.json({
          fixture_id: id,
          league: stored.leagueCode,
          home,
          away,
          source: 'stored',
          model_version: stored.modelVersion,
          predicted_at: stored.requestedAt.toISOString(),
          probs: { home: stored.pHome, draw: stored.pDraw, away: stored.pAway },
          markets: stored.markets,
        });
        return;
      }
      const code = (await getLeague(db, fixture.leagueId))?.code ?? null;
      if (!code) throw notFound(`no league for fixture ${id}`);
      if (deps.queue) {
        // The worker owns the models: with separate containers the api has no artifacts of its
        // own (its MODEL_REGISTRY_PATH is another volume), so it asks, as POST /v1/predict does.
        // No answer in time is a RequestTimeoutError, which the error handler turns into 504.
        const result = await deps.queue.request(
          'predict',
          { league: code, home, away, fixtureId: id, requestedBy: 'api' },
          { timeoutMs: deps.predictTimeoutMs ?? DEFAULT_PREDICT_TIMEOUT_MS },
        );
        res.json({
          fixture_id: id,
          league: code,
          home,
          away,
          source: 'computed',
          ...queuedForecast(result, code, home, away),
        });
        return;
      }
      const predictor = await createLeaguePredictor(
        db,
        requirePaths(deps).modelRegistryPath,
        code,
        (line) => deps.logger?.warn(line),
      );
      const forecast = await predictor.predict(home, away);
      res.json({
        fixture_id: id,
        league: forecast.league,
        home: forecast.home,
        away: forecast.away,
        source: 'computed',
        model_version: forecast.modelVersion,
        probs: probsView(forecast.probs),
        markets: forecast.markets,
      });
    }),
  );
  return router;
}

function fixtureView(f: Fixture, home: string, away: string) {
  return {
    id: f.id,
    kickoff_at: f.kickoffAt.toISOString(),
    status: f.status,
    home,
    away,
    home_goals: f.homeGoals,
    away_goals: f.awayGoals,
  };
}

/** The worker's answer for a fixture: the forecast fields, or the error the client sees. */
function queuedForecast(result: PredictResult, league: string, home: string, away: string) {
  if (result.status === 'ok') {
    return {
      model_version: result.modelVersion,
      probs: probsView(result.probs),
      markets: result.markets,
    };
  }
  if (result.status === 'unknown_team') {
    // The fixture's teams come from our own database; the champion not rating one of them
    // (a promoted side, say) is still the client's 404 with the model's suggestions.
    throw new NotFoundError(
      `the ${league} model does not know the ${result.which} team "${result.which === 'home' ? home : away}"`,
      { code: 'UNKNOWN_TEAM', details: { suggestions: result.suggestions } },
    );
  }
  if (result.status === 'no_model') {
    throw new DependencyUnavailableError(`no model serves league ${league}`, { code: 'NO_MODEL' });
  }
  // Any other answer (e.g. both names resolving to one team) means the data is inconsistent.
  throw new AppError(
    'BAD_WORKER_ANSWER',
    `the prediction worker answered ${(result as { status: string }).status}`,
    { httpStatus: 502 },
  );
}
