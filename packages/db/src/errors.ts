/**
 * Thrown when a database cannot be reached. The message names host, port and database only:
 * DSNs carry passwords, and these messages end up in logs and readiness output.
 */
export class DbConnectionError extends Error {
  override readonly name = 'DbConnectionError';
  constructor(
    message: string,
    /** `host:port/db` (Postgres) or the file path (SQLite). */
    readonly target: string,
  ) {
    super(message);
  }
}

/**
 * Thrown when another process held the SQLite file's write lock past busy_timeout. The message is
 * for operators (CLI and logs): it names the file and says what to do, not the SQL that waited.
 */
export class DbBusyError extends Error {
  override readonly name = 'DbBusyError';
  constructor(
    /** The SQLite file. */
    readonly path: string,
    /** SQLite's code (`SQLITE_BUSY`, `SQLITE_BUSY_SNAPSHOT`, …), kept for retry checks. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`the database is busy (another process is writing to ${path}); try again`, options);
  }
}

/**
 * The one place SQLite's busy answers become a {@link DbBusyError}; any other error is returned
 * as it is. Duck-typed: driver errors may come from another realm (e.g. under Jest).
 */
export function toBusyError(err: unknown, path: string): unknown {
  if (err instanceof DbBusyError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) return err;
  return new DbBusyError(path, code, { cause: err });
}

/** `host:port/db` for a Postgres DSN; never includes the user or password. */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default)';
    return `${u.hostname || 'localhost'}:${u.port || '5432'}/${db}`;
  } catch {
    return '(unparseable Postgres URL)';
  }
}
