import { errorText } from '@scoreline/ops';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS } from './create-db';
import { toBusyError } from './errors';

/** Backup files are `bot-YYYYMMDD-HHMMSS.sqlite3` (UTC); rotation only ever touches these. */
export const BACKUP_FILE_PATTERN = /^bot-\d{8}-\d{6}\.sqlite3$/;

// Ask better-sqlite3 for every remaining page in one step: the copy then happens under a single
// read snapshot, so a concurrent writer neither tears it nor restarts it forever.
const ALL_PAGES = 0x7fffffff;

/** Thrown when {@link restoreSqlite} refuses; the database was not touched. */
export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/** `bot-YYYYMMDD-HHMMSS.sqlite3` for an instant, in UTC. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return `bot-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}.sqlite3`;
}

/**
 * Online backup of a live SQLite database through SQLite's backup API (never a file copy, which
 * can catch a half-written transaction or miss the WAL). Writes `bot-YYYYMMDD-HHMMSS.sqlite3`
 * (UTC) into `backupDir`, checks it, then deletes all but the `keep` newest backups.
 * Returns the new file's path.
 */
export async function backupSqlite(
  dbPath: string,
  backupDir: string,
  keep: number,
  now: Date = new Date(),
): Promise<string> {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError(`keep must be an integer ≥ 1, got ${keep}`);
  await mkdir(backupDir, { recursive: true });
  const target = join(backupDir, backupFileName(now));
  // Written under a name rotation ignores, renamed only once complete: a crash mid-backup never
  // leaves something that looks like a good backup.
  const partial = join(
    backupDir,
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    const source = new Database(dbPath, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
    try {
      await source.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    finaliseBackup(partial);
    await fsyncFile(partial);
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { force: true });
    throw toBusyError(err, dbPath);
  }
  await rotateBackups(backupDir, keep);
  return target;
}

/** Deletes all but the `keep` newest `bot-*.sqlite3` files; returns the deleted paths. */
export async function rotateBackups(backupDir: string, keep: number): Promise<string[]> {
  // The timestamp in the name sorts chronologically as text.
  const backups = (await readdir(backupDir))
    .filter((f) => BACKUP_FILE_PATTERN.test(f))
    .sort()
    .reverse();
  const doomed = backups.slice(keep).map((f) => join(backupDir, f));
  for (const file of doomed) await rm(file, { force: true });
  return doomed;
}

/**
 * Replaces the database at `dbPath` with a backup. Refuses, leaving everything untouched, when the
 * file is not a sound SQLite database or while `isLockHeld()` says a live process owns the data.
 * The file is copied next to `dbPath` and renamed over it, so a crash leaves either the old or the
 * new database, never a mix; stale `-wal`/`-shm` files are removed so SQLite cannot replay them
 * onto the restored file.
 */
export async function restoreSqlite(
  file: string,
  dbPath: string,
  opts: { isLockHeld: () => boolean | Promise<boolean> },
): Promise<void> {
  checkBackupFile(file);
  if (await opts.isLockHeld()) {
    throw new RestoreRefusedError(
      'refusing to restore while a running Scoreline process holds the runtime lock; stop it first',
    );
  }
  await mkdir(dirname(dbPath), { recursive: true });
  const temp = `${dbPath}.restore-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await copyFile(file, temp, fsConstants.COPYFILE_EXCL);
    await fsyncFile(temp);
    for (const suffix of ['-wal', '-shm', '-journal'])
      await rm(`${dbPath}${suffix}`, { force: true });
    await rename(temp, dbPath);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(dbPath));
}

/** Throws a {@link RestoreRefusedError} unless `file` is a SQLite database that passes integrity_check. */
export function checkBackupFile(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new RestoreRefusedError(`refusing to restore ${file}: ${unreadableReason(err)}`);
  }
  try {
    let result: unknown[];
    try {
      result = db.pragma('integrity_check') as unknown[];
    } catch (err) {
      throw new RestoreRefusedError(`refusing to restore ${file}: ${unreadableReason(err)}`);
    }
    const lines = result.map((r) => Object.values(r as Record<string, unknown>)[0]);
    if (lines.length !== 1 || lines[0] !== 'ok') {
      throw new RestoreRefusedError(
        `refusing to restore ${file}: integrity_check failed: ${lines.slice(0, 5).map(String).join('; ')}`,
      );
    }
    const migrated = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'knex_migrations'")
      .get();
    if (!migrated) {
      throw new RestoreRefusedError(
        `refusing to restore ${file}: it is not a Scoreline database (no migrations table)`,
      );
    }
  } finally {
    db.close();
  }
}

function unreadableReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') return 'it is not a SQLite database';
  if (code === 'SQLITE_CORRUPT') return `the database is corrupt (${errorText(err)})`;
  return `cannot read it (${errorText(err)})`;
}

// The backup API copies page 1 as is, WAL flag included; switching the copy to a rollback journal
// makes it one self-contained file that opens without -wal/-shm companions.
function finaliseBackup(path: string): void {
  const copy = new Database(path);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`backup ${path} failed its quick_check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Makes the rename durable. Not every platform can fsync a directory, hence best effort.
async function fsyncDir(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the rename is a bonus here; the restore itself already succeeded.
  }
}
