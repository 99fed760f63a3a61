import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createMetricsRegistry, startMetricsServer, type RunningServer } from './metrics';

const logger = { info: jest.fn(), error: jest.fn() };

describe('createMetricsRegistry', () => {
  it('exposes build info and default metrics, all labelled with the role', async () => {
    const registry = createMetricsRegistry({ role: 'worker', appVersion: '0.1.0', gitSha: 'abc' });
    const text = await registry.metrics();
    expect(text).toContain('scoreline_build_info{version="0.1.0",git_sha="abc",role="worker"} 1');
    expect(text).toMatch(/^scoreline_process_resident_memory_bytes\{role="worker"\} \d+/m);
    expect(text).toMatch(/^scoreline_nodejs_eventloop_lag_seconds\{role="worker"\}/m);
  });

  it('honours a custom prefix', async () => {
    const registry = createMetricsRegistry({
      role: 'api',
      appVersion: '1',
      gitSha: 'x',
      prefix: 'sl_',
    });
    const text = await registry.metrics();
    expect(text).toContain('sl_build_info{');
    expect(text).not.toContain('scoreline_');
  });
});

describe('startMetricsServer', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves GET /metrics with the registry content type and 404 elsewhere', async () => {
    const registry = createMetricsRegistry({ role: 'tgbot', appVersion: '0.1.0', gitSha: 'abc' });
    server = await startMetricsServer({ port: 0, host: '127.0.0.1', registry, logger });
    expect(server.port).toBeGreaterThan(0);

    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(registry.contentType);
    expect(await res.text()).toContain(
      'scoreline_build_info{version="0.1.0",git_sha="abc",role="tgbot"} 1',
    );

    const missing = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(missing.status).toBe(404);
    await missing.text();
    const post = await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' });
    expect(post.status).toBe(404);
    await post.text();
  });

  it('rejects with one clear line when the port is taken', async () => {
    const registry = createMetricsRegistry({ role: 'tgbot', appVersion: '0.1.0', gitSha: 'abc' });
    server = await startMetricsServer({ port: 0, host: '127.0.0.1', registry, logger });
    await expect(
      startMetricsServer({ port: server.port, host: '127.0.0.1', registry, logger }),
    ).rejects.toThrow(
      `Metrics server cannot listen on 127.0.0.1:${server.port}: address already in use`,
    );
  });
});
