import type { Logger } from '@scoreline/ops';
import type { Config } from '@scoreline/config';
import { createServer, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { createApp } from './app';
import type { ApiDeps } from './deps';

export interface ApiHandle {
  name: 'api';
  /** The port actually bound (differs from the configured one when that is 0). */
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish within the shutdown timeout,
   * then closes every socket (idle keep-alive ones at once).
   */
  stop(): Promise<void>;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Starts the HTTP server on `config.api.host:port`. The admin token, data paths and shutdown
 * timeout come from the config when the caller does not set them in `deps`.
 */
export async function startApi(
  config: Pick<Config, 'api'> & Partial<Pick<Config, 'paths' | 'shutdown'>>,
  deps: ApiDeps & { logger: Logger },
): Promise<ApiHandle> {
  const app = createApp({
    ...deps,
    adminToken: deps.adminToken ?? config.api.adminToken,
    paths: deps.paths ?? config.paths,
  });
  const server = createServer(app);
  let stopping = false;
  // A keep-alive client must not keep a draining server busy: every answer still to be sent
  // once stop() is called closes its connection.
  const pending = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    pending.add(res);
    res.once('close', () => pending.delete(res));
  });
  server.listen(config.api.port, config.api.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.api.port;
  deps.logger.info(`api listening on ${config.api.host}:${port}`, { port });
  const timeoutMs = config.shutdown?.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  let closing: Promise<void> | undefined;

  return {
    name: 'api',
    port,
    stop() {
      closing ??= new Promise<void>((resolve, reject) => {
        stopping = true;
        for (const res of pending) if (!res.headersSent) res.setHeader('Connection', 'close');
        // Requests already running mark their response Connection: close from here on.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => {
          deps.logger.warn(`api: in-flight requests still open after ${timeoutMs} ms; closing`);
          server.closeAllConnections();
        }, timeoutMs);
        sweep.unref();
        deadline.unref();
        server.close((err) => {
          clearInterval(sweep);
          clearTimeout(deadline);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
