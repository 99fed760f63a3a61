import express, { type Express, type Response } from 'express';
import type { ApiDeps } from './deps';
import { errorHandler, notFoundHandler } from './http-errors';
import { httpMetrics } from './http-metrics';
import { createApiPredictions } from './predictions';
import type { ReadinessReport } from './readiness';
import { requestId, requestLog } from './request-log';
import { adminRoutes } from './routes/admin.routes';
import { fixturesRoutes } from './routes/fixtures.routes';
import { modelsRoutes } from './routes/models.routes';
import { predictRoutes } from './routes/predict.routes';
import { reportsRoutes } from './routes/reports.routes';
import { statsRoutes } from './routes/stats.routes';

export type { ApiDeps } from './deps';

const DEFAULT_BODY_LIMIT = '16kb';

/** Builds the express app without listening, so tests can mount it on port 0. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestId());
  app.use(requestLog(deps.logger));
  if (deps.metricsEnabled) app.use(httpMetrics(deps.metrics));

  // Liveness never touches dependencies: a database blip must not restart the container.
  // Each alias is its own route so the metrics label names the path actually used.
  for (const path of ['/healthz', '/health']) {
    app.get(path, (_req, res) => {
      res.json({ status: 'ok' });
    });
  }

  // Readiness reports each dependency; only an unreachable database makes it 503. Probes share
  // one cached report (and its JSON) for about a second: a fresh one is sent without waiting.
  const bodies = new WeakMap<ReadinessReport, string>();
  const sendReport = (res: Response, report: ReadinessReport) => {
    let body = bodies.get(report);
    if (body === undefined) bodies.set(report, (body = JSON.stringify(report)));
    res
      .status(report.status === 'fail' ? 503 : 200)
      .type('application/json')
      .send(body);
  };
  for (const path of ['/readyz', '/ready']) {
    app.get(path, async (_req, res) => {
      sendReport(res, deps.readiness.peek?.() ?? (await deps.readiness.report()));
    });
  }

  if (deps.metricsEnabled) {
    app.get('/metrics', async (_req, res) => {
      res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
    });
  }

  // ROLE=all in webhook mode: Telegram's calls arrive on this port. Mounted before the JSON
  // parser because the bot's handler reads (and size-limits) the raw body itself.
  if (deps.telegramWebhook) {
    const { path, handler } = deps.telegramWebhook;
    app.post(path, (req, res) => handler(req, res));
  }

  app.use(express.json({ limit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT }));
  const predictions = createApiPredictions(deps);
  app.use(fixturesRoutes(deps, predictions));
  app.use(predictRoutes(predictions));
  app.use(modelsRoutes(deps));
  app.use(reportsRoutes(deps));
  app.use(statsRoutes(deps));
  app.use(adminRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
