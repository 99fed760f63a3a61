import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { capture } from '../test-support/capture';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-backup-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function chatCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM chats').get() as { n: number };
  db.close();
  return n;
}

function addChat(dbPath: string, chatId: string): void {
  const db = new Database(dbPath);
  const now = new Date().toISOString();
  db.prepare('INSERT INTO chats (chat_id, created_at, updated_at) VALUES (?, ?, ?)').run(
    chatId,
    now,
    now,
  );
  db.close();
}

describe('scoreline backup / restore', () => {
  const dataDir = join(tmp, 'data');
  const env = { DATA_DIR: dataDir, BACKUP_KEEP: '2' };
  const dbPath = join(dataDir, 'bot.sqlite3');

  it('When a backup is restored, then the database holds exactly what it held at backup time', async () => {
    const io = capture();
    expect(await main(['migrate'], io.output, env)).toBe(0);
    addChat(dbPath, '1');
    expect(await main(['backup'], io.output, env)).toBe(0);
    const backupFile = /backup written: (\S+)/.exec(io.out.join('\n'))![1]!;
    addChat(dbPath, '2');
    expect(chatCount(dbPath)).toBe(2);

    const restored = capture();
    const code = await main(['restore', backupFile], restored.output, env);

    expect(code).toBe(0);
    expect(chatCount(dbPath)).toBe(1);
  });

  it('When more backups than BACKUP_KEEP exist, then rotation keeps exactly BACKUP_KEEP', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await main(['backup'], capture().output, env)).toBe(0);
      await new Promise((r) => setTimeout(r, 1100)); // backup names have one-second resolution
    }

    const files = readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.sqlite3'));
    expect(files).toHaveLength(2);
  });

  it('When the file is not a sound SQLite database, then restore refuses and the database is untouched', async () => {
    const junk = join(tmp, 'junk.sqlite3');
    writeFileSync(junk, 'this is not a database'.repeat(100));
    const before = chatCount(dbPath);
    const io = capture();

    const code = await main(['restore', junk], io.output, env);

    expect(code).toBe(1);
    expect(io.err.join('\n')).toMatch(/refusing to restore/);
    expect(chatCount(dbPath)).toBe(before);
  });

  it('When a live process holds the runtime lock, then restore refuses', async () => {
    const backups = readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.sqlite3'));
    mkdirSync(dataDir, { recursive: true });
    const lockPath = join(dataDir, 'runtime.lock');
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }),
    );
    const io = capture();

    const code = await main(['restore', join(dataDir, 'backups', backups[0]!)], io.output, env);

    rmSync(lockPath);
    expect(code).toBe(1);
    expect(io.err.join('\n')).toMatch(/runtime lock/);
    expect(existsSync(dbPath)).toBe(true);
  });

  it('When the database is Postgres, then backup exits 2 (the configuration does not fit) explaining it is for SQLite', async () => {
    const io = capture();

    const code = await main(['backup'], io.output, {
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://u@127.0.0.1:1/x',
    });

    expect(code).toBe(2);
    expect(io.err.join('\n')).toMatch(/pg_dump/);
  });
});
