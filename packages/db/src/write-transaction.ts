import type { Knex } from 'knex';
import type { Db } from './create-db';

/**
 * Runs `fn` in one write transaction: committed when it resolves, rolled back whole when it
 * throws. `tx` is `db` with every handle bound to the transaction, so repositories called with it
 * join it; called again with a `tx`, it nests as a savepoint.
 *
 * On SQLite the transaction begins IMMEDIATE (see sqlite-client.ts): while another process is
 * writing it waits up to busy_timeout for its turn, instead of failing midway with SQLITE_BUSY
 * when it first writes after reading; past the timeout it throws a DbBusyError. Keep such
 * transactions short (a few hundred rows): every other writer waits while one runs. On Postgres
 * it is an ordinary transaction.
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.writer.transaction((trx) => fn(boundTo(db, trx)));
}

function boundTo(db: Db, trx: Knex.Transaction): Db {
  return { ...db, writer: trx, reader: trx, replica: trx, destroy: () => Promise.resolve() };
}
