import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { createDb, type Db } from './create-db';
import { appliedMigrations, migrateLatest } from './migrate';
import { MIGRATION_NAMES } from './migrations/migration-source';
import { makeTempDir } from './test-support/temp-dir';

describe(migrateLatest.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const open: Db[] = [];
  const sqlite = (file = 'bot.sqlite3') => {
    const db = createDb({ client: 'sqlite', path: join(tmp.dir, file) });
    open.push(db);
    return db;
  };

  beforeEach(() => {
    tmp = makeTempDir();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy()));
    tmp.remove();
  });

  it('should apply every migration once and then nothing', async () => {
    const db = sqlite();

    const first = await migrateLatest(db);
    const second = await migrateLatest(db);

    expect(first).toEqual(MIGRATION_NAMES);
    expect(second).toEqual([]);
    expect(await appliedMigrations(db)).toEqual(MIGRATION_NAMES);
    for (const table of [
      'heartbeats',
      'job_runs',
      'fixtures',
      'odds',
      'models',
      'chats',
      'model_reports',
      'bootstrap_state',
    ]) {
      expect(await db.writer.schema.hasTable(table)).toBe(true);
    }
  });

  // Two handles in one process stand in for two processes. better-sqlite3 waits for a busy file
  // synchronously, which blocks the other handle's event loop too, so here the loser's wait runs
  // into busy_timeout (about 5 s) before it retries; separate processes do not stall like this.
  it('should let two processes migrate the same SQLite file at once', async () => {
    const [a, b] = [sqlite(), sqlite()];

    const results = await Promise.all([migrateLatest(a), migrateLatest(b)]);

    expect([...results[0], ...results[1]].sort()).toEqual([...MIGRATION_NAMES].sort());
    const rows = await a.writer('knex_migrations').select('name');
    expect(rows.map((r: { name: string }) => r.name).sort()).toEqual([...MIGRATION_NAMES].sort());
    const locks = await a.writer('knex_migrations_lock').select('is_locked');
    expect(locks).toEqual([{ is_locked: 0 }]);
  });
});
