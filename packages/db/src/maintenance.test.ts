import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type Db } from './create-db';
import { runMaintenance } from './maintenance';
import { migrateLatest } from './migrate';
import { makeTempDir } from './test-support/temp-dir';

describe(runMaintenance.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let path: string;

  beforeEach(async () => {
    tmp = makeTempDir();
    path = join(tmp.dir, 'bot.sqlite3');
    db = createDb({ client: 'sqlite', path });
    await migrateLatest(db);
  });

  afterEach(async () => {
    await db.destroy();
    tmp.remove();
  });

  const pragma = async (name: string) =>
    Number(
      Object.values(
        (await db.writer.raw<Array<Record<string, unknown>>>(`PRAGMA ${name}`))[0] ?? {},
      )[0],
    );

  it('should compact the file, refresh planner statistics and truncate the WAL on SQLite', async () => {
    const now = new Date().toISOString();
    for (let batch = 0; batch < 20; batch++) {
      const rows = Array.from({ length: 100 }, (_, i) => ({
        job_name: 'bulk',
        payload_summary: `${batch}-${i}-${'x'.repeat(500)}`,
        status: 'succeeded',
        started_at: now,
      }));
      await db.writer('job_runs').insert(rows);
    }
    await db.writer('job_runs').where('id', '>', 100).delete();
    const pagesBefore = await pragma('page_count');
    expect(await pragma('freelist_count')).toBeGreaterThan(0);

    const report = await runMaintenance(db);

    expect(report.steps).toEqual(['VACUUM', 'PRAGMA optimize', 'PRAGMA wal_checkpoint(TRUNCATE)']);
    expect(report.walCheckpoint?.busy).toBe(false);
    expect(await pragma('freelist_count')).toBe(0);
    expect(await pragma('page_count')).toBeLessThan(pagesBefore);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(await db.writer.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const stats = await db.writer.raw("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'job_runs'");
    expect(stats).not.toEqual([]);
  });
});
