import type { Logger } from './logger';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { listenOrExplain } from './listen';

/** Options for {@link createMetricsRegistry}. */
export interface MetricsRegistryOptions {
  role: string;
  appVersion: string;
  gitSha: string;
  /** Prefix of the project's own metrics (not of the Node/process defaults); default `scoreline_`. */
  prefix?: string;
}

/**
 * Creates a registry with the default label `role`, prom-client's Node/process metrics under
 * their standard names (`process_*`, `nodejs_*`: what Node dashboards, alert rules and exporters
 * look for), and a `<prefix>build_info{version,git_sha} 1` gauge. The project's own metrics
 * carry the `scoreline_` prefix.
 */
export function createMetricsRegistry(opts: MetricsRegistryOptions): Registry {
  const prefix = opts.prefix ?? 'scoreline_';
  const registry = new Registry();
  registry.setDefaultLabels({ role: opts.role });
  collectDefaultMetrics({ register: registry });
  const buildInfo = new Gauge({
    name: `${prefix}build_info`,
    help: 'Build information; the value is always 1.',
    labelNames: ['version', 'git_sha'] as const,
    registers: [registry],
  });
  buildInfo.set({ version: opts.appVersion, git_sha: opts.gitSha }, 1);
  return registry;
}

/** Options for {@link startMetricsServer}. */
export interface MetricsServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default `0.0.0.0`. */
  host?: string;
  registry: Registry;
  logger: Pick<Logger, 'info' | 'error'>;
}

/** A running server. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` from the registry on its own port (worker and tgbot run alone);
 * anything else answers 404.
 */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '0.0.0.0';
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found\n');
      return;
    }
    opts.registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': opts.registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => {
        opts.logger.error('Metrics collection failed', { err });
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Error\n');
      },
    );
  });
  await listenOrExplain(server, host, opts.port, 'Metrics server');
  const port = (server.address() as AddressInfo).port;
  opts.logger.info(`Metrics server listening on ${host}:${port}`, { host, port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
