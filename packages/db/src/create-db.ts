import type { Logger } from '@scoreline/ops';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import knex, { type Knex } from 'knex';
import type { PoolClient } from 'pg';
import { describePgUrl, toBusyError } from './errors';
import type { CreateDbOptions, DatabaseSettings } from './settings';
import { sqliteClient } from './sqlite-client';

/** Connection handles for one database. */
export interface Db {
  readonly client: 'sqlite' | 'pg';
  /** Read-write handle: every write goes here. */
  readonly writer: Knex;
  /** Read-only handle for reads that tolerate lag; the writer when no reader is configured. */
  readonly reader: Knex;
  /** Replica handle for heavy reads; the reader when no replica is configured. */
  readonly replica: Knex;
  /** `sqlite <path>` or `pg <host:port/db>`: safe to log (never a password). */
  readonly target: string;
  /** The SQLite file, for backups and maintenance; undefined on Postgres. */
  readonly sqlitePath?: string;
  /** Closes every pool (each distinct handle once). */
  destroy(): Promise<void>;
}

/** How long a SQLite connection waits for another process's write lock (DESIGN §4). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Pragmas applied to every SQLite connection (DESIGN §4). busy_timeout comes first: switching a
 * new file to WAL needs the lock, and must wait for it like everything else.
 */
export const SQLITE_PRAGMAS = [
  `busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
] as const;

// Small pools: Amvera's managed Postgres allows few connections, and three roles share it.
const PG_WRITER_POOL = { min: 0, max: 5 };
const PG_READ_POOL = { min: 0, max: 3 };
const ACQUIRE_TIMEOUT_MS = 10_000;
const PG_CONNECT_TIMEOUT_MS = 5_000;

const secrets = new WeakMap<Db, string[]>();

/** DSNs a Db was built from, so error messages can be scrubbed of them. */
export function dsnsOf(db: Db): readonly string[] {
  return secrets.get(db) ?? [];
}

/**
 * Builds the knex handles for `settings`. No connection is opened until the first query
 * (call {@link pingDb} to check reachability).
 */
export function createDb(settings: DatabaseSettings, opts: CreateDbOptions = {}): Db {
  const db =
    settings.client === 'sqlite'
      ? createSqlite(settings.path, opts.logger)
      : createPg(settings, opts.logger);
  return db;
}

function createSqlite(path: string, logger: Logger | undefined): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const writer = knex({
    // Write transactions begin IMMEDIATE and busy answers become DbBusyError (sqlite-client.ts).
    client: sqliteClient(path) as unknown as typeof knex.Client,
    connection: { filename: path },
    useNullAsDefault: true,
    // One connection per process: better-sqlite3 is synchronous, and a single connection
    // serialises this process's writes instead of having them fight over the file lock.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (
        conn: BetterSqlite3.Database,
        done: (err: Error | null, conn: unknown) => void,
      ) => {
        try {
          for (const pragma of SQLITE_PRAGMAS) conn.pragma(pragma);
          done(null, conn);
        } catch (err) {
          done(toBusyError(err, path) as Error, conn);
        }
      },
    },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    log: knexLog(logger),
  });
  const db: Db = {
    client: 'sqlite',
    writer,
    // One file: a second pool would only add lock contention, so reads share the writer.
    reader: writer,
    replica: writer,
    target: `sqlite ${path}`,
    sqlitePath: path,
    destroy: () => writer.destroy(),
  };
  return db;
}

function createPg(
  settings: Extract<DatabaseSettings, { client: 'pg' }>,
  logger: Logger | undefined,
): Db {
  const writer = pgKnex(settings.writerUrl, PG_WRITER_POOL, false, settings.searchPath, logger);
  const reader = settings.readerUrl
    ? pgKnex(settings.readerUrl, PG_READ_POOL, true, settings.searchPath, logger)
    : writer;
  const replica = settings.replicaUrl
    ? pgKnex(settings.replicaUrl, PG_READ_POOL, true, settings.searchPath, logger)
    : reader;
  const handles = [...new Set([writer, reader, replica])];
  const db: Db = {
    client: 'pg',
    writer,
    reader,
    replica,
    target: `pg ${describePgUrl(settings.writerUrl)}`,
    destroy: async () => {
      await Promise.all(handles.map((h) => h.destroy()));
    },
  };
  secrets.set(
    db,
    [settings.writerUrl, settings.readerUrl, settings.replicaUrl].filter((u): u is string => !!u),
  );
  return db;
}

function pgKnex(
  url: string,
  pool: { min: number; max: number },
  readOnly: boolean,
  searchPath: string | undefined,
  logger: Logger | undefined,
): Knex {
  return knex({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS },
    ...(searchPath ? { searchPath: [searchPath] } : {}),
    pool: {
      ...pool,
      // Reader and replica sessions refuse writes even when their DSN's role could write, so a
      // write routed to the wrong handle fails loudly instead of landing on a replica.
      ...(readOnly
        ? {
            afterCreate: (conn: PoolClient, done: (err: Error | null, conn: unknown) => void) => {
              conn.query('SET default_transaction_read_only = on').then(
                () => done(null, conn),
                (err: Error) => done(err, conn),
              );
            },
          }
        : {}),
    },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    log: knexLog(logger),
  });
}

// knex warns through its own logger (console by default); route that to ours. The migration
// lock warnings are expected when two processes start together, so they are only info.
function knexLog(logger: Logger | undefined): Knex.Config['log'] {
  const expected =
    /^(Can't take lock to run migrations|If you are sure migrations are not running)/;
  const warn = (message: unknown) => {
    const text = String(message);
    if (expected.test(text)) logger?.info(`knex: ${text}`);
    else logger?.warn(`knex: ${text}`);
  };
  return {
    warn,
    error: (message: unknown) => logger?.error(`knex: ${String(message)}`),
    deprecate: (method: string, alternative: string) =>
      logger?.warn(`knex: ${method} is deprecated, use ${alternative}`),
    debug: () => undefined,
  };
}
