// Bounds on Redis calls: a Redis that is down must turn into a prompt, named error, never a hang.
import { QueueStateError, QueueUnavailableError } from '../errors';

/** Resolves to 'timeout' after `ms` unless `p` settles first; never leaves a timer behind. */
export async function raceDeadline<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like {@link raceDeadline} but rejects with a message naming the operation. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  p.catch(() => undefined); // a late rejection after the timeout is not unhandled
  const r = await raceDeadline(p, ms);
  if (r === 'timeout') {
    throw new QueueStateError(`${what} timed out after ${ms} ms (is Redis reachable?)`);
  }
  return r;
}

// What ioredis says when a command cannot reach Redis (offline queue off, retries spent, socket
// gone), as opposed to Redis answering with an error.
const CONNECTION_FAILURE =
  /Stream isn't writeable|Connection is closed|max retries per request|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN/i;

/**
 * A producer call's failure as the caller should see it: Redis out of reach (a connection error,
 * or our own deadline on the call) is {@link QueueUnavailableError}; anything else is unchanged.
 */
export function asUnavailable(err: unknown, what: string): Error {
  if (
    err instanceof QueueStateError ||
    (err instanceof Error && CONNECTION_FAILURE.test(err.message))
  ) {
    return new QueueUnavailableError(`${what}: the queue's Redis is unreachable`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
