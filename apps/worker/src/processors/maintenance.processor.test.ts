import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  claimOutboxDelivery,
  finishJobRun,
  listOutboxDeliveries,
  listRecentJobRuns,
  migrateLatest,
  startJobRun,
  type Db,
} from '@scoreline/db';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { readdirSync } from 'node:fs';
import { tempConfig, type TempConfig } from '../test-support/worker-fixtures';
import { createMaintenanceProcessor } from './maintenance.processor';

const ctx = { jobId: 'test', attempt: 1 };

describe('maintenance processor', () => {
  let handle: TestDatabase;
  let db: Db;
  let tmp: TempConfig;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await migrateLatest(db);
    tmp = tempConfig();
  });
  afterAll(async () => {
    await handle.dispose();
    tmp.dispose();
  });

  it('When backups run more often than BACKUP_KEEP, then the newest ones are kept', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const run = createMaintenanceProcessor({
      db,
      backupDir: tmp.config.backup.dir,
      backupKeep: 2,
      registryDir: tmp.config.paths.modelRegistryPath,
      modelKeep: 3,
      now: () => new Date((clock += 60_000)),
    });

    for (let i = 0; i < 3; i++) {
      const r = await run({ tasks: ['backup'] }, ctx);
      expect(r.tasks).toEqual([expect.objectContaining({ task: 'backup', status: 'done' })]);
    }

    expect(readdirSync(tmp.config.backup.dir).sort()).toEqual([
      'bot-20260101-000200.sqlite3',
      'bot-20260101-000300.sqlite3',
    ]);
  });

  it('When vacuum and cleanup run, then each task reports what it did, in order', async () => {
    const run = createMaintenanceProcessor({
      db,
      backupDir: tmp.config.backup.dir,
      backupKeep: 2,
      registryDir: tmp.config.paths.modelRegistryPath,
      modelKeep: 3,
    });

    const r = await run({ tasks: ['vacuum', 'cleanup'] }, ctx);

    expect(r.tasks.map((t) => [t.task, t.status])).toEqual([
      ['vacuum', 'done'],
      ['cleanup', 'done'],
    ]);
    expect(r.tasks[0]!.detail).toContain('VACUUM');
  });

  it('When cleanup runs, then abandoned runs are marked failed and only old finished runs are deleted', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
    const old = await startJobRun(db, { name: 'cleanup-test', at: daysAgo(120) });
    await finishJobRun(db, old, {}, daysAgo(120));
    const recent = await startJobRun(db, { name: 'cleanup-test', at: daysAgo(10) });
    await finishJobRun(db, recent, {}, daysAgo(10));
    const abandoned = await startJobRun(db, { name: 'cleanup-test', at: daysAgo(2) });
    const live = await startJobRun(db, {
      name: 'cleanup-test',
      at: new Date(now.getTime() - 60_000),
    });
    const run = createMaintenanceProcessor({
      db,
      backupDir: tmp.config.backup.dir,
      backupKeep: 2,
      registryDir: tmp.config.paths.modelRegistryPath,
      modelKeep: 3,
      now: () => now,
    });

    const r = await run({ tasks: ['cleanup'] }, ctx);

    const runs = await listRecentJobRuns(db, { name: 'cleanup-test' });
    const statusOf = Object.fromEntries(runs.map((j) => [j.id, j.status]));
    expect(statusOf).toEqual({ [recent]: 'succeeded', [abandoned]: 'failed', [live]: 'running' });
    expect(r.tasks[0]!.detail).toMatch(/1 abandoned marked failed, 1 older than 90 days deleted/);
  });

  it('When cleanup runs, then outbox delivery records older than a week are deleted and newer ones kept', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
    await claimOutboxDelivery(db, { jobId: 'old', part: 0, chatId: 1, sentAt: daysAgo(8) });
    await claimOutboxDelivery(db, { jobId: 'new', part: 0, chatId: 1, sentAt: daysAgo(6) });
    const run = createMaintenanceProcessor({
      db,
      backupDir: tmp.config.backup.dir,
      backupKeep: 2,
      registryDir: tmp.config.paths.modelRegistryPath,
      modelKeep: 3,
      now: () => now,
    });

    const r = await run({ tasks: ['cleanup'] }, ctx);

    expect(await listOutboxDeliveries(db, 'old')).toEqual([]);
    expect(await listOutboxDeliveries(db, 'new')).toHaveLength(1);
    expect(r.tasks[0]!.detail).toMatch(/outbox deliveries: 1 older than 7 days deleted/);
  });

  it('When the database is Postgres, then the backup task is skipped with the reason', async () => {
    const run = createMaintenanceProcessor({
      db: { ...db, client: 'pg', sqlitePath: undefined },
      backupDir: tmp.config.backup.dir,
      backupKeep: 2,
      registryDir: tmp.config.paths.modelRegistryPath,
      modelKeep: 3,
    });

    const r = await run({ tasks: ['backup'] }, ctx);

    expect(r.tasks[0]).toMatchObject({ task: 'backup', status: 'skipped' });
    expect(r.tasks[0]!.detail).toMatch(/pg_dump/);
  });
});
