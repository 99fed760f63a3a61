import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createMetricsRegistry, startMetricsServer, type RunningServer } from './metrics';

const logger = { info: jest.fn(), error: jest.fn() };

describe('createMetricsRegistry', () => {
  it('When scraped, then build info carries the scoreline_ prefix and the default metrics their standard names, all labelled with the role', async () => {
    const registry = createMetricsRegistry({ role: 'worker', appVersion: '0.1.0', gitSha: 'abc' });
    const text = await registry.metrics();
    expect(text).toContain('scoreline_build_info{version="0.1.0",git_sha="abc",role="worker"} 1');
    expect(text).toMatch(/^process_resident_memory_bytes\{role="worker"\} \d+/m);
    expect(text).toMatch(/^process_cpu_seconds_total\{role="worker"\} /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{role="worker"\}/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{role="worker"\}/m);
    expect(text).not.toMatch(/^scoreline_(process|nodejs)_/m);
  });

  it('When a custom prefix is given, then it names the own metrics and leaves the defaults standard', async () => {
    const registry = createMetricsRegistry({
      role: 'api',
      appVersion: '1',
      gitSha: 'x',
      prefix: 'sl_',
    });
    const text = await registry.metrics();
    expect(text).toContain('sl_build_info{');
    expect(text).not.toContain('scoreline_');
    expect(text).toMatch(/^process_resident_memory_bytes\{role="api"\}/m);
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
