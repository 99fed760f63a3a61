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

/** The message of an unknown thrown value. */
export function errorMessage(err: unknown): string {
  // Duck-typed: native driver errors can come from another realm (e.g. under Jest), where
  // `instanceof Error` is false.
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
