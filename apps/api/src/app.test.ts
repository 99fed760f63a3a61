import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createInProcessBackend, type QueueBackend } from '@scoreline/queue';
import { Registry } from 'prom-client';
import type { Server } from 'node:http';
import { createApp } from './app';
import type { ApiDeps } from './deps';
import type { ReadinessReport } from './readiness';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function serve(deps: Partial<ApiDeps> & { report?: () => ReadinessReport }) {
  const metrics = new Registry();
  metrics.setDefaultLabels({ role: 'api' });
  const report = deps.report ?? (() => okReport);
  const server: Server = createApp({
    metrics,
    metricsEnabled: false,
    readiness: { report: () => Promise.resolve(report()) },
    ...deps,
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { server, base, metrics, close: () => new Promise((r) => server.close(r)) };
}

const okReport: ReadinessReport = {
  status: 'ok',
  checks: { db: 'ok', redis: 'ok', worker: 'ok', tgbot: 'ok', scheduler: 'ok' },
};

describe('api app', () => {
  let app: Awaited<ReturnType<typeof serve>>;
  let report: ReadinessReport;

  beforeAll(async () => {
    app = await serve({ report: () => report });
  });
  afterAll(() => app.close());

  it.each(['/healthz', '/health'])('GET %s answers 200 {"status":"ok"}', async (path) => {
    const res = await fetch(`${app.base}${path}`);

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

      const res = await fetch(`${app.base}${path}`);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(report);
    },
  );

  it('GET /readyz answers 503 when the database check fails', async () => {
    report = {
      status: 'fail',
      checks: { db: 'fail', redis: 'ok', worker: 'ok', tgbot: 'ok', scheduler: 'ok' },
    };

    const res = await fetch(`${app.base}/readyz`);

    expect(res.status).toBe(503);
    expect(((await res.json()) as ReadinessReport).status).toBe('fail');
  });

  it('When metrics are disabled, then /metrics is 404 with the JSON error shape', async () => {
    const res = await fetch(`${app.base}/metrics`);

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such route' } });
  });

  it('When the caller sends X-Request-Id, then it is echoed; else one is generated', async () => {
    const given = await fetch(`${app.base}/healthz`, { headers: { 'X-Request-Id': 'abc-123' } });
    const generated = await fetch(`${app.base}/nope`);
    const hostile = await fetch(`${app.base}/healthz`, {
      headers: { 'X-Request-Id': 'a b\tc<script>' },
    });

    expect(given.headers.get('x-request-id')).toBe('abc-123');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When the JSON body is malformed, then 400 invalid_json without a stack trace', async () => {
    const res = await fetch(`${app.base}/v1/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"league": "E0",',
    });
    const text = await res.text();

    expect(res.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'invalid_json', message: 'The request body is not valid JSON' },
    });
    expect(text).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('When the body is over the limit, then 413 payload_too_large', async () => {
    const res = await fetch(`${app.base}/v1/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ league: 'E0', home: 'x'.repeat(20_000), away: 'y' }),
    });

    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('When the predict body is not an object or misses a field, then 400 bad_request', async () => {
    const post = (body: string) =>
      fetch(`${app.base}/v1/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });

    const [array, missing] = await Promise.all([post('[1]'), post('{"league":"E0","home":"A"}')]);

    expect(array.status).toBe(400);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: {
        code: 'bad_request',
        message: 'away must be a non-empty string of at most 100 characters',
      },
    });
  });

  it('When the database is not wired, then /v1 data routes answer 503 db_unavailable', async () => {
    const res = await fetch(`${app.base}/v1/models`);

    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('db_unavailable');
  });
});

describe('admin routes', () => {
  it('When no admin token is configured, then every admin route is 404', async () => {
    const app = await serve({});
    try {
      for (const action of ['retrain', 'sync', 'backup']) {
        const res = await fetch(`${app.base}/v1/admin/${action}`, {
          method: 'POST',
          headers: { Authorization: 'Bearer anything' },
        });
        expect(res.status).toBe(404);
      }
    } finally {
      await app.close();
    }
  });

  describe('with a token', () => {
    let app: Awaited<ReturnType<typeof serve>>;
    let queue: QueueBackend;
    const token = 's3cret-admin-token';

    beforeAll(async () => {
      queue = createInProcessBackend({ logger: quiet });
      app = await serve({ adminToken: token, queue });
    });
    afterAll(async () => {
      await app.close();
      await queue.close();
    });

    it.each([
      ['no header', undefined],
      ['a wrong token', `Bearer ${token}x`],
      ['a shorter wrong token', 'Bearer s3'],
      ['another scheme', `Basic ${token}`],
    ])('When the request has %s, then 401', async (_what, authorization) => {
      const res = await fetch(`${app.base}/v1/admin/retrain`, {
        method: 'POST',
        headers: authorization ? { Authorization: authorization } : {},
      });

      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    });

    it.each([
      ['retrain', { league: 'e0' }, 'retrain', { league: 'E0', reason: 'api' }],
      [
        'sync',
        { from: '2025-01-01', to: '2025-01-07' },
        'sync',
        { from: '2025-01-01', to: '2025-01-07' },
      ],
      ['backup', undefined, 'maintenance', { tasks: ['backup'] }],
    ] as const)(
      'When POST /v1/admin/%s has the right token, then the job is queued (202)',
      async (action, body, jobName, _payload) => {
        const res = await fetch(`${app.base}/v1/admin/${action}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const doc = (await res.json()) as { job: { name: string; id: string } };

        expect(res.status).toBe(202);
        expect(doc.job.name).toBe(jobName);
        expect((await queue.getJob(jobName, doc.job.id)).state).toBe('waiting');
      },
    );

    it('When the sync dates are invalid, then 400 and nothing is queued', async () => {
      const before = (await queue.counts()).sync.waiting;

      const res = await fetch(`${app.base}/v1/admin/sync`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: '2025-02-30' }),
      });

      expect(res.status).toBe(400);
      expect((await queue.counts()).sync.waiting).toBe(before);
    });
  });
});

describe('http metrics', () => {
  it('When requests hit a route with an id, then the label is the route pattern, not the URL', async () => {
    const app = await serve({ metricsEnabled: true });
    try {
      await fetch(`${app.base}/healthz`);
      await fetch(`${app.base}/v1/fixtures/12345/prediction`);
      await fetch(`${app.base}/no/such/path/987`);

      const text = await (await fetch(`${app.base}/metrics`)).text();

      expect(text).toMatch(
        /scoreline_http_requests_total\{method="GET",route="\/healthz",status="200",role="api"\} 1/,
      );
      expect(text).toMatch(
        /scoreline_http_requests_total\{method="GET",route="\/v1\/fixtures\/:id\/prediction",status="503",role="api"\} 1/,
      );
      expect(text).toMatch(/route="unmatched",status="404"/);
      expect(text).toMatch(
        /scoreline_http_request_duration_seconds_count\{[^}]*method="GET",route="\/healthz",status="200"[^}]*\} 1/,
      );
      expect(text).not.toMatch(/12345|987/);
    } finally {
      await app.close();
    }
  });
});

describe('request logging and faults', () => {
  it('When a handler throws, then the client gets a bare 500 and the log line carries the request id', async () => {
    const lines: Array<{ level: string; msg: string; meta?: Record<string, unknown> }> = [];
    const logger = {
      info: (msg: string, meta?: object) => lines.push({ level: 'info', msg, meta: meta as never }),
      warn: (msg: string, meta?: object) => lines.push({ level: 'warn', msg, meta: meta as never }),
      error: (msg: string, meta?: object) =>
        lines.push({ level: 'error', msg, meta: meta as never }),
    };
    const app = await serve({
      logger,
      readiness: { report: () => Promise.reject(new Error('pool exhausted at db.ts:42')) },
    });
    try {
      const res = await fetch(`${app.base}/readyz`, { headers: { 'X-Request-Id': 'req-500' } });
      const text = await res.text();
      await fetch(`${app.base}/v1/nothing`, { headers: { 'X-Request-Id': 'req-404' } });

      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        error: { code: 'internal_error', message: 'Internal server error' },
      });
      expect(text).not.toContain('pool exhausted');
      const fault = lines.find((l) => l.level === 'error');
      expect(fault?.msg).toBe('request failed');
      expect(fault?.meta?.err).toContain('pool exhausted');
      expect(fault?.meta?.stack).toContain('pool exhausted');
      expect(fault?.meta?.request_id).toBe('req-500');
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: 'http GET /readyz 500' }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'info',
          msg: 'http GET unmatched 404',
          meta: expect.objectContaining({ request_id: 'req-404', status: 404 }),
        }),
      );
    } finally {
      await app.close();
    }
  });

  it('When a probe passes, then its debug line is built only when debug is enabled', async () => {
    for (const debugOn of [false, true]) {
      const debugLines: string[] = [];
      const logger = {
        ...quiet,
        debug: (msg: string) => debugLines.push(msg),
        isLevelEnabled: (level: string) => level !== 'debug' || debugOn,
      };
      const app = await serve({ logger });
      try {
        await (await fetch(`${app.base}/healthz`)).text();
        await (await fetch(`${app.base}/readyz`)).text();
      } finally {
        await app.close();
      }
      expect(debugLines).toEqual(debugOn ? ['http GET /healthz 200', 'http GET /readyz 200'] : []);
    }
  });
});
