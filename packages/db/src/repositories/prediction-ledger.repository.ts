// The prediction ledger: every stored prediction sealed in a hash chain when it is stored (before
// its kick-off), so an edited or deleted prediction shows. Content and hashing rules live in
// prediction-ledger.content.ts; checking the chain in prediction-ledger.verify.ts.
import type { Db } from '../create-db';
import { toNumber } from '../values';
import { appendRecords } from './prediction-ledger.content';

/** The newest record: how many records the chain has and the hash that covers them all. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/**
 * Seals a stored prediction: appends its record after the head and moves the head. Call it inside
 * the write transaction that stored the prediction (`db` bound to it), so both commit or neither.
 * Postgres: the head row is locked FOR UPDATE, so concurrent writers queue on it instead of
 * chaining onto the same head. SQLite: the write transaction began IMMEDIATE and so already
 * holds the database's only write lock.
 */
export async function appendToLedger(tx: Db, predictionId: number): Promise<LedgerHead> {
  const head = tx.writer('prediction_ledger_head').where({ id: 1 }).select('seq', 'hash');
  if (tx.client === 'pg') void head.forUpdate();
  const current = headOf((await head.first()) as Record<string, unknown> | undefined);
  return appendRecords(tx.writer, current, [predictionId], new Date().toISOString());
}

/** The chain's head. `reader`: may lag behind the writer (fine for showing it). */
export async function ledgerHead(db: Db, via: 'writer' | 'reader' = 'reader'): Promise<LedgerHead> {
  const row: Record<string, unknown> | undefined = await db[via]('prediction_ledger_head')
    .where({ id: 1 })
    .first('seq', 'hash');
  return headOf(row);
}

function headOf(row: Record<string, unknown> | undefined): LedgerHead {
  // Created by its migration; gone only if someone deleted it.
  if (!row) throw new Error('the prediction ledger has no head row (prediction_ledger_head)');
  return { seq: toNumber(row.seq), hash: String(row.hash) };
}
