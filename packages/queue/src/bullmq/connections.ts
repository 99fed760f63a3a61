// The backend's Redis connections: one shared non-blocking client for every Queue object (and
// the replies a worker publishes), and the options BullMQ opens each worker's blocking
// connections from. How patient they are depends on the process's side of the queue.
import type { Logger } from '@scoreline/ops';
import { Redis } from 'ioredis';
import { raceDeadline } from './deadlines';

// ioredis keeps a timer of `disconnectTimeout` (2 s by default) after disconnecting a socket that
// never opened, which holds the process (and Jest) open; 500 ms is plenty.
export const DISCONNECT_TIMEOUT_MS = 500;

export interface Connections {
  /** Options for a connection that blocks on Redis (workers): it retries forever. */
  readonly blocking: { url: string; maxRetriesPerRequest: null; disconnectTimeout: number };
  /** The shared non-blocking client, opened on first use. */
  producer(): Redis;
  /**
   * True while the producer connection is known to be down (lost or refused, not yet back): a
   * call then fails at once instead of waiting out its deadline. A first connection attempt is
   * given the benefit of the doubt. Always false for a patient (worker-side) producer.
   */
  knownDown(): boolean;
  /** A listener that logs a connection's errors under `source`. */
  onError(source: string): (err: Error) => void;
  /** Ends the producer client within about a second, whatever Redis's state. */
  close(): Promise<void>;
}

export function createConnections(opts: {
  redisUrl: string;
  logger: Logger;
  /** A worker-side producer waits for Redis; an api or bot one fails fast. */
  patient: boolean;
}): Connections {
  const { redisUrl, logger, patient } = opts;
  const disconnectTimeout = DISCONNECT_TIMEOUT_MS;
  let client: Redis | undefined;
  let down = false;
  const onError = (source: string) => (err: Error) =>
    logger.error('queue connection error', { source, reason: err.message });

  const producer = (): Redis => {
    if (!client) {
      client = new Redis(
        redisUrl,
        patient
          ? { maxRetriesPerRequest: null, disconnectTimeout }
          : // Fail fast: the api answers 503/504 rather than queueing commands for a dead Redis.
            { maxRetriesPerRequest: 1, enableOfflineQueue: false, disconnectTimeout },
      );
      client.on('error', onError('producer'));
      // Down from the first lost or refused connection until Redis answers again.
      client.on('close', () => {
        down = true;
      });
      client.on('ready', () => {
        down = false;
      });
    }
    return client;
  };

  return {
    blocking: { url: redisUrl, maxRetriesPerRequest: null, disconnectTimeout },
    producer,
    knownDown: () => !patient && down,
    onError,
    async close() {
      if (!client) return;
      const c = client;
      // quit() flushes politely but waits for replies (forever, with Redis gone) and does not
      // stop a reconnect loop; disconnect() afterwards always ends the client.
      await raceDeadline(
        c.quit().catch(() => undefined),
        1_000,
      );
      c.disconnect();
    },
  };
}
