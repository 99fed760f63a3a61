// GET /v1/stats[?league=CODE]: the settled track record — the same computation as the bot's
// /stats (packages/training trackRecord): means of the scores stored at settlement, the hit rate,
// and the de-vigged market scored on the same matches. The window is the newest settled
// predictions and is stated in the answer, so the numbers are exactly what was scored.
import { listOddsForFixtures, listPredictions } from '@scoreline/db';
import { groupOddsByFixture, settledFixtureIds, trackRecord } from '@scoreline/training';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { optionalText } from '../validate';
import { handle, requireDb } from './handler';

const WINDOW = 5000;

export function statsRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get(
    '/v1/stats',
    handle(async (req, res) => {
      const league = optionalText(req.query.league, 'league', 20)?.toUpperCase();
      const db = requireDb(deps);
      const settled = await listPredictions(db, {
        settled: true,
        leagueCode: league,
        limit: WINDOW,
      });
      const odds = groupOddsByFixture(await listOddsForFixtures(db, settledFixtureIds(settled)));
      const record = trackRecord(settled, odds, league ?? null);
      const scored = record.n > 0;
      res.json({
        league: league ?? null,
        settled: record.n,
        window: `latest ${WINDOW} settled predictions`,
        mean_rps: scored ? record.model.rps : null,
        mean_log_loss: scored ? record.model.logLoss : null,
        mean_brier: scored ? record.model.brier : null,
        hit_rate: scored ? record.model.hitRate : null,
        // Each market yardstick with prices, model and market scored on the same matches.
        markets: record.markets.map((m) => ({
          market: m.key,
          label: m.label,
          matches: m.n,
          model: { rps: m.model.rps, log_loss: m.model.logLoss, brier: m.model.brier },
          bookmakers: { rps: m.market.rps, log_loss: m.market.logLoss, brier: m.market.brier },
        })),
        // When the counted forecasts were made (all of them before their kick-off).
        first_predicted_at: record.from?.toISOString() ?? null,
        last_predicted_at: record.to?.toISOString() ?? null,
      });
    }),
  );
  return router;
}
