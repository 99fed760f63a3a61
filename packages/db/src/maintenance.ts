import type { Db } from './create-db';
import { toNumber } from './values';

/** What {@link runMaintenance} did. */
export interface MaintenanceReport {
  client: 'sqlite' | 'pg';
  steps: string[];
  /** SQLite only: the final checkpoint; `busy` means a reader kept it from truncating the WAL. */
  walCheckpoint?: { busy: boolean; logFrames: number; checkpointedFrames: number };
}

/**
 * The weekly maintenance job. SQLite: VACUUM (compacts the file; needs about twice its size free
 * and an exclusive lock, hence weekly, never at startup), `PRAGMA optimize` (runs ANALYZE where the
 * planner would benefit), then a TRUNCATE checkpoint so the WAL does not stay at its high-water
 * mark. Postgres: ANALYZE (autovacuum handles the rest).
 */
export async function runMaintenance(db: Db): Promise<MaintenanceReport> {
  if (db.client === 'pg') {
    await db.writer.raw('ANALYZE');
    return { client: 'pg', steps: ['ANALYZE'] };
  }
  await db.writer.raw('VACUUM');
  // 0x10002: consider every table, not only those this connection queried.
  await db.writer.raw('PRAGMA optimize=0x10002');
  const rows = await db.writer.raw<Array<Record<string, unknown>>>(
    'PRAGMA wal_checkpoint(TRUNCATE)',
  );
  const row = rows[0] ?? {};
  return {
    client: 'sqlite',
    steps: ['VACUUM', 'PRAGMA optimize', 'PRAGMA wal_checkpoint(TRUNCATE)'],
    walCheckpoint: {
      busy: toNumber(row.busy ?? 0) !== 0,
      logFrames: toNumber(row.log ?? 0),
      checkpointedFrames: toNumber(row.checkpointed ?? 0),
    },
  };
}
