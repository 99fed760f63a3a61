// Request ids and one log line per request. The id comes from X-Request-Id when the caller (a
// proxy, a test) sent a sane one, else it is generated; it is echoed on every response.
import type { Logger } from '@scoreline/ops';
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { routeLabel } from './route-label';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// Probes arrive every few seconds: logging them at info would drown the useful lines.
const QUIET_ROUTES = new Set(['/healthz', '/health', '/readyz', '/ready', '/metrics']);

export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && SAFE_ID.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}

export function requestLog(logger: Logger | undefined): RequestHandler {
  return (req, res, next) => {
    if (!logger) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = routeLabel(req);
      // A passing probe logs at debug only; winston formats (and redacts) a line before it
      // checks the level, which under probe load costs more than the probe itself.
      if (
        res.statusCode < 500 &&
        QUIET_ROUTES.has(route) &&
        logger.isLevelEnabled?.('debug') === false
      ) {
        return;
      }
      const meta = {
        request_id: res.locals.requestId as string,
        method: req.method,
        route,
        status: res.statusCode,
        duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
      };
      const line = `http ${req.method} ${route} ${res.statusCode}`;
      // A failing probe is news (a 503 readiness included); a passing one is noise.
      if (res.statusCode >= 500) logger.warn(line, meta);
      else if (QUIET_ROUTES.has(route)) logger.debug?.(line, meta);
      else logger.info(line, meta);
    });
    next();
  };
}
