// Database and Redis connection strings: precedence, assembly from components, and the
// Python-era forms the predecessor's operators still have in their Amvera settings.
import { EnvError, makeValidator } from 'envalid';

export type DatabaseTarget = { client: 'pg'; url: string } | { client: 'sqlite'; path: string };

const PG_SCHEMES = /^(postgres|postgresql)(\+[a-z0-9_]+)?:\/\//i;
const SQLITE_SCHEMES = /^sqlite(\+[a-z0-9_]+)?:\/\//i;

/**
 * Normalises a DSN to what knex/pg (or SQLite) accept:
 * `postgresql+asyncpg://u:p@h/db` → `postgres://u:p@h/db`; SQLAlchemy `sqlite:///rel.db` and
 * `sqlite+aiosqlite:////abs.db` → a SQLite path. asyncpg's `ssl=require` becomes `sslmode=require`.
 * Throws an EnvError (without the value) for anything else.
 */
export function parseDatabaseUrl(input: string): DatabaseTarget {
  const raw = input.trim();
  if (SQLITE_SCHEMES.test(raw)) {
    // SQLAlchemy: three slashes then a relative path, four slashes for an absolute one.
    const rest = raw.replace(SQLITE_SCHEMES, '');
    const path = rest.startsWith('/') ? rest.slice(1) : rest;
    if (!path)
      throw new EnvError(
        'expected a SQLite URL with a file path, e.g. sqlite:////data/bot.sqlite3',
      );
    return { client: 'sqlite', path };
  }
  if (!PG_SCHEMES.test(raw)) {
    throw new EnvError('expected a Postgres URL such as postgres://user:password@host:5432/db');
  }
  let url: URL;
  try {
    url = new URL(raw.replace(PG_SCHEMES, 'postgres://'));
  } catch {
    throw new EnvError('expected a Postgres URL such as postgres://user:password@host:5432/db');
  }
  if (!url.hostname) throw new EnvError('expected a Postgres URL with a host name');
  const ssl = url.searchParams.get('ssl');
  if (ssl !== null && !url.searchParams.has('sslmode')) {
    url.searchParams.delete('ssl');
    if (['require', 'true', '1'].includes(ssl.toLowerCase()))
      url.searchParams.set('sslmode', 'require');
    else if (['disable', 'false', '0'].includes(ssl.toLowerCase()))
      url.searchParams.set('sslmode', 'disable');
  }
  return { client: 'pg', url: url.toString() };
}

export const databaseUrl = makeValidator<string>((input) => {
  parseDatabaseUrl(input);
  return input.trim();
});

export interface PgComponents {
  user?: string;
  password?: string;
  database?: string;
  port?: number;
}

/** `postgres://user:password@host:port/db`, with user and password URL-encoded. */
export function assemblePgUrl(host: string, c: PgComponents): string {
  const auth = c.user
    ? `${encodeURIComponent(c.user)}${c.password ? `:${encodeURIComponent(c.password)}` : ''}@`
    : '';
  const port = c.port ?? 5432;
  const db = c.database ? `/${encodeURIComponent(c.database)}` : '';
  return `postgres://${auth}${host}:${port}${db}`;
}

export interface RedisComponents {
  host?: string;
  port?: number;
  db?: number;
  password?: string;
}

/** `redis://:password@host:port/db`, password URL-encoded; undefined without a host. */
export function assembleRedisUrl(c: RedisComponents): string | undefined {
  if (!c.host) return undefined;
  const auth = c.password ? `:${encodeURIComponent(c.password)}@` : '';
  return `redis://${auth}${c.host}:${c.port ?? 6379}/${c.db ?? 0}`;
}
