import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupFileName, backupSqlite, restoreSqlite, RestoreRefusedError } from './backup';
import { createDb } from './create-db';
import { migrateLatest } from './migrate';
import { seedWriterDatabase, startWriter } from './test-support/concurrent-writer';
import { expectRejection } from './test-support/repository-suite';
import { makeTempDir } from './test-support/temp-dir';

const PREFILL = 5000;

/** count(rows), max(seq), meta.committed and a digest of the rows, as one snapshot. */
function snapshot(path: string, upToSeq?: number) {
  const db = new Database(path, { readonly: true });
  try {
    return db.transaction(() => {
      const limit = upToSeq ?? Number.MAX_SAFE_INTEGER;
      const rows = db
        .prepare('SELECT seq, payload FROM rows WHERE seq <= ? ORDER BY seq')
        .all(limit) as Array<{
        seq: number;
        payload: string;
      }>;
      const hash = createHash('sha256');
      for (const r of rows) hash.update(`${r.seq}:${r.payload}\n`);
      return {
        count: rows.length,
        maxSeq: rows.at(-1)?.seq ?? 0,
        committed: db.prepare('SELECT committed FROM meta').pluck().get() as number,
        digest: hash.digest('hex'),
        integrity: db.pragma('integrity_check', { simple: true }) as string,
      };
    })();
  } finally {
    db.close();
  }
}

describe(backupSqlite.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let writer: ChildProcess | undefined;

  beforeEach(() => {
    tmp = makeTempDir();
  });

  afterEach(() => {
    if (writer && writer.exitCode === null) writer.kill();
    writer = undefined;
    tmp.remove();
  });

  it('should take a consistent backup while another process commits rows, and restore it', async () => {
    const dbPath = join(tmp.dir, 'bot.sqlite3');
    seedWriterDatabase(dbPath, PREFILL);
    const w = startWriter(dbPath);
    writer = w.child;
    await w.request('', 'ready');
    // Let the writer get going so the backup overlaps real commits.
    let before = PREFILL;
    while (before < PREFILL + 200) before = await w.request('count', 'count');

    const backupPath = await backupSqlite(
      dbPath,
      join(tmp.dir, 'backups'),
      3,
      new Date('2026-03-01T02:30:05Z'),
    );
    const after = await w.request('stop', 'stopped');
    const backup = snapshot(backupPath);
    const restoredPath = join(tmp.dir, 'restored', 'bot.sqlite3');
    await restoreSqlite(backupPath, restoredPath, { isLockHeld: () => false });
    const restored = snapshot(restoredPath);
    const source = snapshot(dbPath, backup.maxSeq);

    expect(backupPath).toBe(join(tmp.dir, 'backups', 'bot-20260301-023005.sqlite3'));
    expect(backup.integrity).toBe('ok');
    // Exactly the rows of the transactions committed before the snapshot: every row a committed
    // counter says exists, none missing in between, nothing half-written.
    expect(backup.count).toBe(backup.committed);
    expect(backup.maxSeq).toBe(backup.committed);
    // The snapshot falls between what was committed before the backup began and when it ended.
    expect(backup.committed).toBeGreaterThanOrEqual(before);
    expect(backup.committed).toBeLessThanOrEqual(after);
    // And it is byte-for-byte the writer's history up to that point.
    expect(backup.digest).toBe(source.digest);
    expect(restored).toEqual(backup);
    expect(existsSync(`${restoredPath}-wal`)).toBe(false);
  });

  it('should keep exactly the newest `keep` backups and leave other files alone', async () => {
    const dbPath = join(tmp.dir, 'bot.sqlite3');
    const backupDir = join(tmp.dir, 'backups');
    seedWriterDatabase(dbPath, PREFILL);
    const times = [
      '2026-01-01T00:00:00Z',
      '2026-01-02T00:00:00Z',
      '2026-01-03T00:00:00Z',
      '2026-01-04T00:00:00Z',
    ];

    for (const t of times) await backupSqlite(dbPath, backupDir, 2, new Date(t));
    writeFileSync(join(backupDir, 'notes.txt'), 'keep me');
    await backupSqlite(dbPath, backupDir, 2, new Date('2026-01-05T12:34:56Z'));

    expect(readdirSync(backupDir).sort()).toEqual([
      'bot-20260104-000000.sqlite3',
      'bot-20260105-123456.sqlite3',
      'notes.txt',
    ]);
    expect(backupFileName(new Date('2026-12-31T23:59:59.999Z'))).toBe(
      'bot-20261231-235959.sqlite3',
    );
  });

  it('should reject a non-positive keep', async () => {
    await expectRejection(
      backupSqlite(join(tmp.dir, 'x.sqlite3'), tmp.dir, 0),
      /keep must be an integer/,
    );
  });
});

describe(restoreSqlite.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dbPath: string;
  let originalBytes: Buffer;

  beforeEach(async () => {
    tmp = makeTempDir();
    dbPath = join(tmp.dir, 'bot.sqlite3');
    const db = createDb({ client: 'sqlite', path: dbPath });
    await migrateLatest(db);
    await db.writer('leagues').insert({ code: 'E0', name: 'Premier League' });
    await db.destroy();
    originalBytes = readFileSync(dbPath);
  });

  afterEach(() => {
    tmp.remove();
  });

  const untouched = () => {
    expect(readFileSync(dbPath).equals(originalBytes)).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.restore-'))).toEqual([]);
  };

  it('should refuse a file that is not a SQLite database', async () => {
    const garbage = join(tmp.dir, 'garbage.sqlite3');
    writeFileSync(garbage, Buffer.alloc(64 * 1024, 'not a database '));

    const err = await restoreSqlite(garbage, dbPath, { isLockHeld: () => false }).catch(
      (e: unknown) => e,
    );

    expect(err).toBeInstanceOf(RestoreRefusedError);
    expect((err as Error).message).toMatch(/not a SQLite database/);
    untouched();
  });

  it('should refuse a damaged SQLite file whose integrity check fails', async () => {
    const backupPath = await backupSqlite(dbPath, join(tmp.dir, 'backups'), 1);
    const bytes = readFileSync(backupPath);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the second page (a b-tree page) and keep the header intact.
    bytes.fill(0xa5, pageSize + 8, pageSize * 2);
    writeFileSync(backupPath, bytes);

    const err = await restoreSqlite(backupPath, dbPath, { isLockHeld: () => false }).catch(
      (e: unknown) => e,
    );

    expect(err).toBeInstanceOf(RestoreRefusedError);
    expect((err as Error).message).toMatch(/integrity_check failed|corrupt/);
    untouched();
  });

  it('should refuse while a live process holds the lock', async () => {
    const backupPath = await backupSqlite(dbPath, join(tmp.dir, 'backups'), 1);

    const err = await restoreSqlite(backupPath, dbPath, {
      isLockHeld: () => Promise.resolve(true),
    }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RestoreRefusedError);
    expect((err as Error).message).toMatch(/runtime lock/);
    untouched();
  });

  it('should replace the database and drop stale WAL files', async () => {
    const backupPath = await backupSqlite(dbPath, join(tmp.dir, 'backups'), 1);
    const db = createDb({ client: 'sqlite', path: dbPath });
    await db.writer('leagues').insert({ code: 'SP1', name: 'La Liga' });
    await db.destroy();
    writeFileSync(`${dbPath}-wal`, 'stale');

    await restoreSqlite(backupPath, dbPath, { isLockHeld: () => false });
    const reopened = createDb({ client: 'sqlite', path: dbPath });
    const codes = await reopened.writer('leagues').pluck('code');
    await reopened.destroy();

    expect(codes).toEqual(['E0']);
  });
});
