// GET /v1/models[?league=CODE]: the registry.
import { listModels, type ModelRecord } from '@scoreline/db';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { optionalText } from '../validate';
import { handle, requireDb } from './handler';

export function modelsRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get(
    '/v1/models',
    handle(async (req, res) => {
      const league = optionalText(req.query.league, 'league', 20)?.toUpperCase();
      const models = await listModels(requireDb(deps), league);
      res.json({ models: models.map(modelView) });
    }),
  );
  return router;
}

function modelView(m: ModelRecord) {
  return {
    league: m.leagueCode,
    version: m.version,
    kind: m.kind,
    status: m.status,
    trained_at: m.trainedAt.toISOString(),
    promoted_at: m.promotedAt?.toISOString() ?? null,
    data_from: m.dataFrom,
    data_to: m.dataTo,
    metrics: m.metrics,
    sha256: m.sha256,
  };
}
