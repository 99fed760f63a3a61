// POST /v1/admin/retrain | sync | backup: enqueue work for the worker. Bearer-token protected.
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { requireAdmin } from '../admin-auth';
import { DependencyUnavailableError } from '@scoreline/ops';
import { badRequest } from '../http-errors';
import { bodyObject, isoDate, optionalText } from '../validate';
import { handle } from './handler';

export function adminRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use('/v1/admin', requireAdmin(deps.adminToken));

  // Without a queue (ROLE=api with no REDIS_URL) no worker can receive a job: say so and what
  // to do, rather than a bare 503. A configured queue that is down answers 503 with Retry-After
  // (QueueUnavailableError, see http-errors).
  const queue = () => {
    if (!deps.queue) {
      throw new DependencyUnavailableError(
        'Admin jobs go to the worker through the Redis queue, and this api runs without one ' +
          "(REDIS_URL is not set): set REDIS_URL to the worker's Redis, or run the job with the " +
          'scoreline CLI (retrain, sync, backup) where the worker runs.',
        { code: 'QUEUE_UNAVAILABLE' },
      );
    }
    return deps.queue;
  };

  router.post(
    '/v1/admin/retrain',
    handle(async (req, res) => {
      const body = bodyObject(req.body, true);
      const league = optionalText(body.league, 'league', 20)?.toUpperCase();
      const job = await queue().enqueue('retrain', { league, reason: 'api' });
      res.status(202).json({ job: { name: 'retrain', id: job.id } });
    }),
  );

  router.post(
    '/v1/admin/sync',
    handle(async (req, res) => {
      const body = bodyObject(req.body, true);
      const leagues = body.leagues;
      if (
        leagues !== undefined &&
        (!Array.isArray(leagues) || !leagues.every((l) => typeof l === 'string' && l !== ''))
      ) {
        throw badRequest('leagues must be an array of league codes or ids');
      }
      const from = body.from === undefined ? undefined : isoDate(body.from, 'from');
      const to = body.to === undefined ? undefined : isoDate(body.to, 'to');
      const job = await queue().enqueue('sync', {
        leagues: leagues as string[] | undefined,
        from,
        to,
      });
      res.status(202).json({ job: { name: 'sync', id: job.id } });
    }),
  );

  router.post(
    '/v1/admin/backup',
    handle(async (_req, res) => {
      const job = await queue().enqueue('maintenance', { tasks: ['backup'] });
      res.status(202).json({ job: { name: 'maintenance', id: job.id } });
    }),
  );
  return router;
}
