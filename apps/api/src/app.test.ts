import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import type { Server } from 'node:http';
import { createApp } from './app';
import type { ReadinessReport } from './readiness';

describe('api app', () => {
  let server: Server;
  let base: string;
  let report: ReadinessReport;

  beforeAll(async () => {
    const metrics = new Registry();
    metrics.setDefaultLabels({ role: 'api' });
    const readiness = { report: () => Promise.resolve(report) };
    server = createApp({ metrics, metricsEnabled: false, readiness }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['/healthz', '/health'])('GET %s answers 200 {"status":"ok"}', async (path) => {
    const res = await fetch(`${base}${path}`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it.each(['/readyz', '/ready'])(
    'GET %s answers 200 with the checks while the database is up',
    async (path) => {
      report = {
        status: 'degraded',
        checks: { db: 'ok', redis: 'disabled', worker: 'stale', tgbot: 'absent', scheduler: 'ok' },
      };

      const res = await fetch(`${base}${path}`);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(report);
    },
  );

  it('GET /readyz answers 503 when the database check fails', async () => {
    report = {
      status: 'fail',
      checks: { db: 'fail', redis: 'ok', worker: 'ok', tgbot: 'ok', scheduler: 'ok' },
    };

    const res = await fetch(`${base}/readyz`);

    expect(res.status).toBe(503);
    expect(((await res.json()) as ReadinessReport).status).toBe('fail');
  });

  it('When metrics are disabled, then /metrics is 404 with the JSON error shape', async () => {
    const res = await fetch(`${base}/metrics`);

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such route' } });
  });
});
