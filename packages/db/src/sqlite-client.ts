// knex's better-sqlite3 client with two changes, both about sharing one SQLite file between
// processes (the bot, and the CLI's imports and retrains beside it):
//
// - Transactions begin IMMEDIATE. knex begins them DEFERRED, so a transaction that reads before
//   it writes (every compared upsert) holds a read snapshot when it first writes; if another
//   process wrote in between, SQLite cannot upgrade the lock without a deadlock and answers
//   SQLITE_BUSY at once, never waiting out busy_timeout. IMMEDIATE takes the write lock at BEGIN,
//   where SQLite does wait for it. Every transaction on this handle writes (reads outside a
//   transaction never take it), so all of them begin this way; nested ones remain savepoints.
// - A busy file is reported as a DbBusyError naming the file, not as the SQL that hit it.
//
// knex has no option for either (its SQLite transaction ignores isolation levels), so this
// extends knex's own dialect classes; a knex upgrade must keep `create-db.test.ts` passing.
import type { Knex } from 'knex';
import { toBusyError } from './errors';

/* eslint-disable @typescript-eslint/no-require-imports -- knex ships these classes untyped */
type ClientClass = new (config: Knex.Config) => Knex.Client;
type TransactionClass = new (...args: unknown[]) => {
  query(conn: unknown, sql: string): Promise<unknown>;
};
const BetterSqlite3Client = require('knex/lib/dialects/better-sqlite3') as ClientClass;
const SqliteTransaction =
  require('knex/lib/dialects/sqlite3/execution/sqlite-transaction') as TransactionClass;
/* eslint-enable @typescript-eslint/no-require-imports */

class ImmediateTransaction extends SqliteTransaction {
  begin(conn: unknown): Promise<unknown> {
    return this.query(conn, 'BEGIN IMMEDIATE;');
  }
}

/** The better-sqlite3 client for the file at `path` (see the top of this module). */
export function sqliteClient(path: string): ClientClass {
  return class ScorelineSqliteClient extends BetterSqlite3Client {
    override transaction(container: unknown, config: unknown, outerTx: unknown) {
      return new ImmediateTransaction(this, container, config, outerTx) as never;
    }

    override query(connection: unknown, obj: unknown): Promise<unknown> {
      return (super.query(connection, obj) as Promise<unknown>).catch((err: unknown) => {
        throw toBusyError(err, path);
      });
    }
  };
}
