// Real databases for integration suites: a temporary SQLite file, and a fresh Postgres schema in
// TEST_DATABASE_URL (dropped afterwards). Suites run the same assertions on both engines.
import { createDb, type Db } from '@scoreline/db';
import knex from 'knex';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasPostgres, testDatabaseUrl } from './services';

export interface TestDatabase {
  db: Db;
  /** Closes the handles and removes the file or schema. */
  dispose(): Promise<void>;
}

export function createSqliteTestDb(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'scoreline-db-'));
  const db = createDb({ client: 'sqlite', path: join(dir, 'test.sqlite3') });
  return Promise.resolve({
    db,
    dispose: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export async function createPostgresTestDb(): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: testDatabaseUrl, pool: { min: 0, max: 1 } });
  await admin.raw('CREATE SCHEMA ??', [schema]);
  const db = createDb({ client: 'pg', writerUrl: testDatabaseUrl, searchPath: schema });
  return {
    db,
    dispose: async () => {
      await db.destroy();
      await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await admin.destroy();
    },
  };
}

/** The engines a two-engine suite runs on: SQLite always, Postgres when it answered. */
export const testEngines: Array<[string, () => Promise<TestDatabase>]> = [
  ['sqlite', createSqliteTestDb],
  ...(hasPostgres
    ? [['postgres', createPostgresTestDb] as [string, () => Promise<TestDatabase>]]
    : []),
];
