import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { Readiness } from './readiness';

export interface ApiDeps {
  readiness: Readiness;
  /** The process's metrics registry; /metrics is served only when `metricsEnabled`. */
  metrics: Registry;
  metricsEnabled: boolean;
}

/** Builds the express app without listening, so tests can mount it on port 0. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  // Liveness never touches dependencies: a database blip must not restart the container.
  app.get(['/healthz', '/health'], (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness reports each dependency; only an unreachable database makes it 503.
  app.get(['/readyz', '/ready'], async (_req, res) => {
    const report = await deps.readiness.report();
    res.status(report.status === 'fail' ? 503 : 200).json(report);
  });

  if (deps.metricsEnabled) {
    app.get('/metrics', async (_req, res) => {
      res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'No such route' } });
  });
  return app;
}
