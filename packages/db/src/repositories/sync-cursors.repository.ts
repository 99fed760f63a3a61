import type { Db } from '../create-db';
import { toDate, toDbTimestamp } from '../values';

/** Where an incremental sync stopped, e.g. (`sportmonks`, `fixtures:8`) → last updated date. */
export interface SyncCursor {
  value: string;
  updatedAt: Date;
}

/** The cursor, or null before the first sync. */
export async function getSyncCursor(
  db: Db,
  source: string,
  key: string,
): Promise<SyncCursor | null> {
  const row = (await db.writer('sync_cursors').where({ source, key }).first()) as
    { value: string; updated_at: unknown } | undefined;
  return row ? { value: String(row.value), updatedAt: toDate(row.updated_at) } : null;
}

/** Stores the cursor (insert or overwrite). */
export async function setSyncCursor(
  db: Db,
  source: string,
  key: string,
  value: string,
  at: Date = new Date(),
): Promise<void> {
  await db
    .writer('sync_cursors')
    .insert({ source, key, value, updated_at: toDbTimestamp(at) })
    .onConflict(['source', 'key'])
    .merge(['value', 'updated_at']);
}
