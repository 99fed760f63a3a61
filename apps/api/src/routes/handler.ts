import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '@scoreline/db';
import { DependencyUnavailableError } from '@scoreline/ops';
import type { ApiDeps } from '../deps';

/** Wraps an async handler so its rejection reaches the one error middleware. */
export function handle(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}

export function requireDb(deps: ApiDeps): Db {
  if (!deps.db) {
    throw new DependencyUnavailableError('The database is not available', {
      code: 'DB_UNAVAILABLE',
    });
  }
  return deps.db;
}

export function requirePaths(deps: ApiDeps): NonNullable<ApiDeps['paths']> {
  if (!deps.paths) {
    throw new DependencyUnavailableError('Model storage is not configured', {
      code: 'NOT_CONFIGURED',
    });
  }
  return deps.paths;
}

/** Home/draw/away probabilities as named fields. */
export function probsView(p: readonly [number, number, number]) {
  return { home: p[0], draw: p[1], away: p[2] };
}
