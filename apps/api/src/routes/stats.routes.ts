// GET /v1/stats[?league=CODE]: the settled track record. Means over the most recent settled
// predictions (the window is stated in the answer), so the numbers are exactly what was scored.
import { listPredictions } from '@scoreline/db';
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
      const settled = await listPredictions(requireDb(deps), {
        settled: true,
        leagueCode: league,
        limit: WINDOW,
      });
      const scored = settled.filter(
        (p) => p.rps !== null && p.logLoss !== null && p.brier !== null,
      );
      const mean = (pick: (p: (typeof scored)[number]) => number) =>
        scored.length === 0 ? null : scored.reduce((s, p) => s + pick(p), 0) / scored.length;
      res.json({
        league: league ?? null,
        settled: scored.length,
        window: `latest ${WINDOW} settled predictions`,
        mean_rps: mean((p) => p.rps!),
        mean_log_loss: mean((p) => p.logLoss!),
        mean_brier: mean((p) => p.brier!),
        first_settled_at: scored.at(-1)?.settledAt?.toISOString() ?? null,
        last_settled_at: scored[0]?.settledAt?.toISOString() ?? null,
      });
    }),
  );
  return router;
}
