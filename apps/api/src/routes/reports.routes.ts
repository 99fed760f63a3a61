// GET /v1/reports/:league/latest[?format=png]: the champion's retrain report or its chart.
import { findLeague, getChampion } from '@scoreline/db';
import { reportFiles } from '@scoreline/training';
import { Router } from 'express';
import { readFile } from 'node:fs/promises';
import type { ApiDeps } from '../deps';
import { badRequest, notFound } from '../http-errors';
import { text } from '../validate';
import { handle, requireDb, requirePaths } from './handler';

export function reportsRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get(
    '/v1/reports/:league/latest',
    handle(async (req, res) => {
      const db = requireDb(deps);
      const format = req.query.format ?? 'md';
      if (format !== 'md' && format !== 'png') throw badRequest('format must be md or png');
      const leagueArg = text(req.params.league, 'league', 20);
      const league = await findLeague(db, leagueArg.toUpperCase());
      if (!league) throw notFound(`unknown league ${leagueArg}`);
      const champion = await getChampion(db, league.code);
      if (!champion) throw notFound(`no model for ${league.code} yet`);
      const files = reportFiles(requirePaths(deps).reportsDir, league.code, champion.version);
      const path = format === 'png' ? files.png : files.markdown;
      const body = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') throw notFound(`no ${format} report for ${champion.version}`);
        throw err;
      });
      res.setHeader('X-Model-Version', champion.version);
      res.type(format === 'png' ? 'image/png' : 'text/markdown; charset=utf-8').send(body);
    }),
  );
  return router;
}
