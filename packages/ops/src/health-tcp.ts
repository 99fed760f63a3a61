import type { Logger } from './logger';
import net, { type AddressInfo, type Socket } from 'node:net';
import { listenOrExplain } from './listen';
import type { RunningServer } from './metrics';

/** Options for {@link startTcpHealthServer}. */
export interface TcpHealthServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Default: always healthy. */
  isHealthy?: () => boolean;
}

/**
 * The legacy TCP health server (ENABLE_HEALTH): each connection gets `OK\n` (or `FAIL\n`) and
 * is closed. A taken port rejects with an AppError:
 * `Health server cannot listen on HOST:PORT: address already in use`.
 */
export async function startTcpHealthServer(opts: TcpHealthServerOptions): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A probe that hangs up early is not our problem.
    socket.on('error', () => socket.destroy());
    let healthy = false;
    try {
      healthy = opts.isHealthy ? opts.isHealthy() : true;
    } catch {
      healthy = false;
    }
    socket.end(healthy ? 'OK\n' : 'FAIL\n');
  });
  await listenOrExplain(server, opts.host, opts.port, 'Health server');
  const port = (server.address() as AddressInfo).port;
  opts.logger.info(`Health server listening on ${opts.host}:${port}`, { host: opts.host, port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
