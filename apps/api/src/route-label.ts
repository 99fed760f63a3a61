import type { Request } from 'express';

/**
 * The matched route pattern (`/v1/fixtures/:id/prediction`), never the raw URL: ids in labels
 * would give Prometheus one time series per fixture. Routers declare full paths and are mounted
 * without a prefix, so the pattern alone is the whole path.
 */
export function routeLabel(req: Request): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
