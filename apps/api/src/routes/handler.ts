import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '@scoreline/db';
import type { ApiDeps } from '../deps';
import { ApiError } from '../http-errors';

/** Wraps an async handler so its rejection reaches the one error middleware. */
export function handle(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}

export function requireDb(deps: ApiDeps): Db {
  if (!deps.db) throw new ApiError(503, 'db_unavailable', 'The database is not available');
  return deps.db;
}

export function requirePaths(deps: ApiDeps): NonNullable<ApiDeps['paths']> {
  if (!deps.paths) throw new ApiError(503, 'not_configured', 'Model storage is not configured');
  return deps.paths;
}

/** Home/draw/away probabilities as named fields. */
export function probsView(p: readonly [number, number, number]) {
  return { home: p[0], draw: p[1], away: p[2] };
}
