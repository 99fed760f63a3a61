// GET /v1/reports/:league/latest[?format=png]: the champion's retrain report or its chart.
import { findLeague, findReport, getChampion } from '@scoreline/db';
import { reportFiles } from '@scoreline/training';
import { Router } from 'express';
import { readFile } from 'node:fs/promises';
import type { ApiDeps } from '../deps';
import { badRequest, notFound } from '../http-errors';
import { text } from '../validate';
import { handle, requireDb } from './handler';

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
      // The database first: the worker that ran the retrain may live in another container, with
      // its own REPORTS_DIR.
      const stored = await findReport(db, league.code, champion.version);
      const body = stored
        ? format === 'png'
          ? stored.png
          : stored.markdown
        : await readReportFile(deps, league.code, champion.version, format);
      if (body === null) throw notFound(`no ${format} report for ${champion.version}`);
      res.setHeader('X-Model-Version', champion.version);
      res.type(format === 'png' ? 'image/png' : 'text/markdown; charset=utf-8').send(body);
    }),
  );
  return router;
}

/**
 * A report written before reports were stored in the database exists only as a file, readable
 * when this process shares the worker's volume (one container, or ROLE=all). Null when absent.
 */
async function readReportFile(
  deps: ApiDeps,
  league: string,
  version: string,
  format: 'md' | 'png',
): Promise<Buffer | null> {
  if (!deps.paths) return null;
  const files = reportFiles(deps.paths.reportsDir, league, version);
  return readFile(format === 'png' ? files.png : files.markdown).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    },
  );
}
