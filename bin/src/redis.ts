import type { Redis } from 'ioredis';

/** ioredis, loaded only by a process that has Redis configured (the embedded default has not). */
function ioredis(): typeof import('ioredis') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ioredis') as typeof import('ioredis');
}

/**
 * One connection attempt and a PING, no background reconnects: used by the dry run and as the
 * unit the startup retry loop repeats.
 */
export async function pingRedisOnce(url: string, timeoutMs = 3000): Promise<void> {
  const client = new (ioredis().Redis)(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // connect() rejects with a bare "Connection is closed"; the real reason arrives as an event.
  let lastError: Error | undefined;
  client.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw lastError ?? err;
  } finally {
    client.disconnect();
  }
}

/** The long-lived client for heartbeats and readiness: reconnects on its own. */
export function createRedisClient(url: string): Redis {
  const client = new (ioredis().Redis)(url, { maxRetriesPerRequest: 1, connectTimeout: 5000 });
  return client;
}
