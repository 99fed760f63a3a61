import { errorText } from '@scoreline/ops';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Db } from './create-db';
import { StaticMigrationSource } from './migrations/migration-source';
import { toConnectionError } from './ping';
import { writeTransaction } from './write-transaction';

const MIGRATIONS_TABLE = 'knex_migrations';
const LOCK_TABLE = 'knex_migrations_lock';

/** Options for {@link migrateLatest}. */
export interface MigrateOptions {
  /** How long to keep waiting for another process's migration lock (default 120 s). */
  lockWaitMs?: number;
}

/**
 * Applies pending migrations on the writer and returns the names applied by this call (empty
 * when the schema was current, or when another process applied them concurrently).
 *
 * Safe when several processes start at once: knex's lock table admits one migrator; the others
 * wait for it and then find nothing left to do.
 */
export async function migrateLatest(db: Db, opts: MigrateOptions = {}): Promise<string[]> {
  const deadline = Date.now() + (opts.lockWaitMs ?? 120_000);
  const config = { migrationSource: new StaticMigrationSource(), tableName: MIGRATIONS_TABLE };
  for (let attempt = 1; ; attempt++) {
    try {
      await retryOnContention(() => ensureMigrationTables(db), deadline, isBootstrapRace);
      const [, applied] = (await db.writer.migrate.latest(config)) as [number, string[]];
      return applied;
    } catch (err) {
      if (!isLockContention(err) || Date.now() > deadline) {
        throw isConnectionFailure(err) ? toConnectionError(db, err) : err;
      }
      await backoff(attempt);
    }
  }
}

// Jittered, so two waiters do not retry in lockstep.
async function backoff(attempt: number): Promise<void> {
  await sleep(Math.min(1000, 50 * attempt) + Math.floor(Math.random() * 50));
}

async function retryOnContention(
  fn: () => Promise<void>,
  deadline: number,
  retryable: (err: unknown) => boolean,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!retryable(err) || Date.now() > deadline) throw err;
      await backoff(attempt);
    }
  }
}

/** Names of the migrations already applied, oldest first. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  if (!(await db.writer.schema.hasTable(MIGRATIONS_TABLE))) return [];
  const rows = await db.writer<{ name: string }>(MIGRATIONS_TABLE).select('name').orderBy('id');
  return rows.map((r) => r.name);
}

// knex creates its two tables with check-then-create and inserts the lock row with
// check-then-insert; two processes racing there can both create, or leave two lock rows (after
// which knex can never lock again). Creating them here with idempotent statements and a fixed
// lock-row key closes that window; knex then finds them in place. On Postgres, concurrent
// CREATE TABLE IF NOT EXISTS can still collide in the catalog, so the bootstrap also runs under
// a transaction-scoped advisory lock keyed on the schema.
async function ensureMigrationTables(db: Db): Promise<void> {
  const pg = db.client === 'pg';
  const id = pg ? 'serial primary key' : 'integer primary key autoincrement not null';
  const ts = pg ? 'timestamptz' : 'datetime';
  const bootstrap = async (k: Knex) => {
    if (pg) {
      await k.raw(
        "SELECT pg_advisory_xact_lock(hashtext('scoreline.migrations.' || current_schema()))",
      );
    }
    await k.raw(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id ${id}, name varchar(255), batch integer, migration_time ${ts})`,
    );
    await k.raw(
      `CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} ("index" integer primary key, is_locked integer)`,
    );
    await k.raw(
      `INSERT INTO ${LOCK_TABLE} ("index", is_locked) VALUES (1, 0) ON CONFLICT DO NOTHING`,
    );
  };
  // SQLite runs each statement atomically under the file's write lock: no transaction needed.
  if (pg) await writeTransaction(db, (tx) => bootstrap(tx.writer));
  else await bootstrap(db.writer);
}

// "Someone else is migrating right now": knex's lock refusal (which also wraps SQLite's busy
// answer to the lock update) or a busy SQLite file.
function isLockContention(err: unknown): boolean {
  // Duck-typed: better-sqlite3 errors may come from another realm under Jest.
  const e = err as { name?: unknown; code?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'MigrationLocked') return true;
  return (
    (typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) ||
    /database is locked/i.test(errorText(err))
  );
}

// Catalog collisions of concurrent CREATE TABLE IF NOT EXISTS on Postgres (unique_violation on
// pg_type, duplicate_object, duplicate_table), should a server run without the advisory lock's
// protection (e.g. a pooler that drops session state); SQLite's busy answers.
function isBootstrapRace(err: unknown): boolean {
  if (isLockContention(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42710' || code === '42P07';
}

function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'].includes(code) ||
      code.startsWith('28') /* invalid authorization */ ||
      code === '3D000') /* database does not exist */
  );
}
