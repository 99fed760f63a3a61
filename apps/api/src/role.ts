import type { Config } from '@scoreline/config';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { createApp, type ApiDeps } from './app';

export interface RoleLogger {
  info(msg: string, meta?: object): unknown;
}

export interface ApiHandle {
  name: 'api';
  /** The port actually bound (differs from the configured one when that is 0). */
  port: number;
  stop(): Promise<void>;
}

/** Starts the HTTP server on `config.api.host:port`. */
export async function startApi(
  config: Pick<Config, 'api'>,
  deps: ApiDeps & { logger: RoleLogger },
): Promise<ApiHandle> {
  const server = createServer(createApp(deps));
  server.listen(config.api.port, config.api.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.api.port;
  deps.logger.info(`api listening on ${config.api.host}:${port}`, { port });
  return {
    name: 'api',
    port,
    async stop() {
      // Finish in-flight requests, drop idle keep-alive sockets so close() can resolve.
      const closed = new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
      server.closeIdleConnections();
      await closed;
    },
  };
}
