import { dsnsOf, type Db } from './create-db';
import { errorText } from '@scoreline/ops';
import { DbConnectionError } from './errors';

/**
 * `SELECT 1` on the writer, failing after `timeoutMs`. Rejects with a {@link DbConnectionError}
 * whose message names the target (host/port/db or file), never a password.
 */
export async function pingDb(db: Db, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.writer.raw('SELECT 1'), timeout]);
  } catch (err) {
    throw toConnectionError(db, err);
  } finally {
    clearTimeout(timer);
  }
}

/** Wraps a driver error into a {@link DbConnectionError} scrubbed of DSNs and passwords. */
export function toConnectionError(db: Db, err: unknown): DbConnectionError {
  const reason = errorText(err, dsnsOf(db));
  return new DbConnectionError(`database unreachable (${db.target}): ${reason}`, db.target);
}
