import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { request } from 'node:http';
import { startApi } from './role';
import type { ReadinessReport } from './readiness';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const report: ReadinessReport = {
  status: 'ok',
  checks: { db: 'ok', redis: 'ok', worker: 'ok', tgbot: 'ok', scheduler: 'ok' },
};

/** GET over a keep-alive agent-less socket; resolves with status, Connection header and body. */
function get(port: number, path: string) {
  return new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Connection: 'keep-alive' } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startApi().stop()', () => {
  it('When stop() is called during a slow request, then it completes, new connections are refused, and stop resolves', async () => {
    let release!: () => void;
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const slow = new Promise<void>((r) => (release = r));
    const api = await startApi(
      {
        api: { host: '127.0.0.1', port: 0, adminToken: undefined },
        shutdown: { timeoutMs: 30_000 },
      },
      {
        logger: quiet,
        metrics: new Registry(),
        metricsEnabled: false,
        readiness: {
          report: async () => {
            entered();
            await slow;
            return report;
          },
        },
      },
    );
    // An idle keep-alive connection as well: stop() must not wait for it.
    const idle = await get(api.port, '/healthz');
    expect(idle.status).toBe(200);

    const inFlight = get(api.port, '/readyz');
    await inHandler;
    let stopped = false;
    const stopping = api.stop().then(() => (stopped = true));

    await expect(get(api.port, '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(stopped).toBe(false);

    release();
    const answer = await inFlight;
    await stopping;

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(report);
    expect(answer.connection).toBe('close');
    expect(stopped).toBe(true);
  });

  it('When a request outlives the shutdown timeout, then stop() closes it and resolves', async () => {
    const api = await startApi(
      { api: { host: '127.0.0.1', port: 0, adminToken: undefined }, shutdown: { timeoutMs: 100 } },
      {
        logger: quiet,
        metrics: new Registry(),
        metricsEnabled: false,
        readiness: { report: () => new Promise<ReadinessReport>(() => undefined) },
      },
    );
    const hanging = get(api.port, '/readyz').then(
      () => 'answered',
      (err: Error) => err.message,
    );
    await new Promise((r) => setTimeout(r, 50));

    await api.stop();

    expect(await hanging).toMatch(/socket hang up|ECONNRESET/);
  });
});
