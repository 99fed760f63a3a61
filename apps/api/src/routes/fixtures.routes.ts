// GET /v1/fixtures and GET /v1/fixtures/:id/prediction (the fixture's forecast: stored if sealed,
// else computed; see PredictionService).
import { findLeague, getFixture, getLeague, listFixtures, type Fixture } from '@scoreline/db';
import type { PredictionService } from '@scoreline/training';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { badRequest, notFound } from '../http-errors';
import { notAForecast } from '../predictions';
import { teamNames } from '../team-names';
import { addDays, isoDate, positiveInt, text } from '../validate';
import { handle, probsView, requireDb } from './handler';

const DEFAULT_WINDOW_DAYS = 7;
// A season is about ten months; a longer window is almost certainly a typo.
const MAX_WINDOW_DAYS = 366;

export function fixturesRoutes(deps: ApiDeps, predictions: PredictionService): Router {
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
      const code = (await getLeague(db, fixture.leagueId))?.code ?? null;
      if (!code) throw notFound(`no league for fixture ${id}`);
      // No answer in time from the worker is a RequestTimeoutError: the error handler's 504.
      const forecast = await predictions.forFixture(
        { id, league: code, home, away },
        { requestedBy: 'api' },
      );
      if (forecast.source === 'stored') {
        res.json({
          fixture_id: id,
          league: forecast.league,
          home,
          away,
          source: 'stored',
          model_version: forecast.modelVersion,
          predicted_at: forecast.predictedAt.toISOString(),
          probs: probsView(forecast.probs),
          markets: forecast.markets,
        });
        return;
      }
      const { result } = forecast;
      if (result.status !== 'ok') throw notAForecast(result, { home, away, fixtureLeague: code });
      res.json({
        fixture_id: id,
        league: code,
        home,
        away,
        source: 'computed',
        model_version: result.modelVersion,
        probs: probsView(result.probs),
        markets: result.markets,
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
