import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import knex, { type Knex } from 'knex';
import { createDb, type Db } from './create-db';
import { DbBusyError } from './errors';
import { seedWriterDatabase, startWriter } from './test-support/concurrent-writer';
import { makeTempDir } from './test-support/temp-dir';
import { writeTransaction } from './write-transaction';

describe(writeTransaction.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let writer: ChildProcess | undefined;
  const closers: Array<() => unknown> = [];

  beforeEach(() => {
    tmp = makeTempDir();
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    if (writer && writer.exitCode === null) writer.kill();
    writer = undefined;
    tmp.remove();
  });

  function open(path: string): Db {
    const db = createDb({ client: 'sqlite', path });
    closers.push(() => db.destroy());
    return db;
  }

  it('When another process commits all the time, then transactions that read before they write wait their turn and all commit', async () => {
    const path = join(tmp.dir, 'bot.sqlite3');
    seedWriterDatabase(path, 0);
    const db = open(path);
    await db.writer.raw('CREATE TABLE tally (n INTEGER NOT NULL, seen INTEGER NOT NULL)');
    const w = startWriter(path);
    writer = w.child;
    await w.request('', 'ready');
    while ((await w.request('count', 'count')) < 100);
    // knex's own SQLite transaction, on the same file with the same busy_timeout: the setup
    // really contends, so a plain transaction fails at its first write instead of waiting.
    const plain = knex({
      client: 'better-sqlite3',
      connection: { filename: path },
      useNullAsDefault: true,
      pool: { min: 1, max: 1, afterCreate: withBusyTimeout },
    });
    closers.push(() => plain.destroy());

    const plainErr = await plain
      .transaction((trx) => readThenWrite(trx, 0))
      .catch((e: unknown) => e);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        writeTransaction(db, (tx) => readThenWrite(tx.writer, i + 1)),
      ),
    );
    const committed = await w.request('stop', 'stopped');

    expect((plainErr as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(await db.writer('tally').orderBy('n').pluck('n')).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(await db.writer('rows').count({ n: '*' })).toEqual([{ n: committed }]);
  });

  it('When another process keeps the write lock past busy_timeout, then the write fails with a message naming the file and nothing of it is written', async () => {
    const path = join(tmp.dir, 'bot.sqlite3');
    seedWriterDatabase(path, 0);
    const db = open(path);
    await db.writer.raw('CREATE TABLE tally (n INTEGER NOT NULL, seen INTEGER NOT NULL)');
    // The pool's one connection keeps this; a short wait keeps the test quick.
    await db.writer.raw('PRAGMA busy_timeout = 200');
    const other = new Database(path);
    closers.push(() => other.close());
    other.exec('BEGIN IMMEDIATE');

    const inTransaction = await writeTransaction(db, (tx) => readThenWrite(tx.writer, 1)).catch(
      (e: unknown) => e,
    );
    const alone = await db
      .writer('tally')
      .insert({ n: 2, seen: 0 })
      .catch((e: unknown) => e);
    other.exec('ROLLBACK');
    await writeTransaction(db, (tx) => readThenWrite(tx.writer, 3));

    const message = `the database is busy (another process is writing to ${path}); try again`;
    for (const err of [inTransaction, alone]) {
      expect(err).toBeInstanceOf(DbBusyError);
      expect((err as Error).message).toBe(message);
    }
    // The connection is still good once the lock is free, and only that write landed.
    expect(await db.writer('tally').pluck('n')).toEqual([3]);
  });
});

/** Reads, lets the other process run, then writes what it read: a compared upsert's shape. */
async function readThenWrite(k: Knex, n: number): Promise<void> {
  const [{ seen }] = (await k('rows').count({ seen: '*' })) as [{ seen: number }];
  await sleep(30);
  await k('tally').insert({ n, seen });
}

function withBusyTimeout(
  conn: Database.Database,
  done: (err: Error | null, conn: unknown) => void,
): void {
  conn.pragma('busy_timeout = 5000');
  done(null, conn);
}
