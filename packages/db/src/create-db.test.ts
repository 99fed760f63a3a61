import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createDb, type Db } from './create-db';
import { DbConnectionError } from './errors';
import { pingDb } from './ping';
import { makeTempDir } from './test-support/temp-dir';

describe(createDb.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const open: Db[] = [];

  beforeEach(() => {
    tmp = makeTempDir();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy()));
    tmp.remove();
  });

  it('should create the parent directory and apply the pragmas on SQLite', async () => {
    const path = join(tmp.dir, 'nested', 'dir', 'bot.sqlite3');
    const db = createDb({ client: 'sqlite', path });
    open.push(db);

    await pingDb(db, 5000);
    const pragma = (name: string) =>
      db.writer.raw<Array<Record<string, unknown>>>(`PRAGMA ${name}`);

    expect(existsSync(path)).toBe(true);
    expect(await pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await pragma('synchronous')).toEqual([{ synchronous: 1 }]);
    expect(await pragma('busy_timeout')).toEqual([{ timeout: 5000 }]);
    expect(await pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(db.client).toBe('sqlite');
    expect(db.reader).toBe(db.writer);
    expect(db.replica).toBe(db.writer);
  });

  it('should name host, port and database but never the password when Postgres is unreachable', async () => {
    const db = createDb({
      client: 'pg',
      writerUrl: 'postgres://scoreline:s3cr3t-pw@127.0.0.1:1/prod',
    });
    open.push(db);

    const err = await pingDb(db, 10_000).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(DbConnectionError);
    expect((err as Error).message).toContain('127.0.0.1:1/prod');
    expect((err as Error).message).not.toContain('s3cr3t-pw');
    expect((err as Error).stack).not.toContain('s3cr3t-pw');
  });

  it('should fall back from replica to reader to writer on Postgres', () => {
    const writerUrl = 'postgres://u@127.0.0.1:1/a';
    const onlyWriter = createDb({ client: 'pg', writerUrl });
    const withReader = createDb({
      client: 'pg',
      writerUrl,
      readerUrl: 'postgres://ro@127.0.0.1:1/a',
    });
    open.push(onlyWriter, withReader);

    expect(onlyWriter.reader).toBe(onlyWriter.writer);
    expect(onlyWriter.replica).toBe(onlyWriter.writer);
    expect(withReader.reader).not.toBe(withReader.writer);
    expect(withReader.replica).toBe(withReader.reader);
  });

  describe('pingDb against a server that never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];

    beforeEach(async () => {
      server = createServer((s) => sockets.push(s));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    afterEach(async () => {
      sockets.splice(0).forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    });

    it('should reject once the timeout passes', async () => {
      const port = (server.address() as { port: number }).port;
      const db = createDb({ client: 'pg', writerUrl: `postgres://u:hidden@127.0.0.1:${port}/x` });
      open.push(db);

      const err = await pingDb(db, 200).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(DbConnectionError);
      expect((err as Error).message).toMatch(
        new RegExp(`127\\.0\\.0\\.1:${port}/x.*no answer within 200 ms`),
      );
      expect((err as Error).message).not.toContain('hidden');
    });
  });
});
