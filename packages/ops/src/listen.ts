import type { Server } from 'node:net';
import { AppError } from './errors';

const REASONS: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'address not available',
};

/**
 * Starts listening, turning a bind failure into an {@link AppError} whose message is one
 * clear line: `<what> cannot listen on HOST:PORT: <reason>`.
 */
export function listenOrExplain(
  server: Server,
  host: string,
  port: number,
  what: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const code = err.code ?? 'EUNKNOWN';
      const reason = REASONS[code] ?? err.message;
      reject(
        new AppError(`LISTEN_${code}`, `${what} cannot listen on ${host}:${port}: ${reason}`, {
          cause: err,
        }),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
