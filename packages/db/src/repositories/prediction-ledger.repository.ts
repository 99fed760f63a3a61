// The prediction ledger: every stored prediction sealed in a hash chain shortly after it is
// stored (well before its kick-off), so an edited or deleted prediction shows. Content and hashing
// rules live in prediction-ledger.content.ts; checking the chain in prediction-ledger.verify.ts.
import type { Db } from '../create-db';
import { toNumber } from '../values';
import { writeTransaction } from '../write-transaction';
import { appendRecords } from './prediction-ledger.content';

/** The newest record: how many records the chain has and the hash that covers them all. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/**
 * Predictions sealed per transaction, at most. Small, because a batch is hashed in one go on the
 * worker's event loop, between predict jobs: 25 forecasts of ~10 KB take about 4 ms, where 100
 * held replies up for 15–25 ms once a second (the sequential /predict p99 fell from ~31 to ~20
 * ms without them). It also keeps the head's lock short and under SQLite's bound-variable limit.
 */
export const LEDGER_SEAL_BATCH = 25;

/**
 * Seals predictions waiting in `prediction_seal_queue` (every stored prediction enters it): up
 * to `limit` of them, in id order, each appended after the head, in one transaction that also
 * moves the head and empties their queue rows, so a record is written exactly once. Postgres:
 * the head row is locked FOR UPDATE first, so concurrent sealers (several workers) queue on it
 * and the second finds the queue rows already gone; SQLite: the write transaction began
 * IMMEDIATE and so holds the database's only write lock. Returns how many were sealed and the
 * head after them.
 */
export async function sealPendingPredictions(
  db: Db,
  opts: { limit?: number } = {},
): Promise<{ sealed: number; head: LedgerHead }> {
  return writeTransaction(db, async (tx) => {
    const head = tx.writer('prediction_ledger_head').where({ id: 1 }).select('seq', 'hash');
    if (tx.client === 'pg') void head.forUpdate();
    const current = headOf((await head.first()) as Record<string, unknown> | undefined);
    const ids = (
      (await tx
        .writer('prediction_seal_queue')
        .orderBy('prediction_id')
        .limit(Math.min(opts.limit ?? LEDGER_SEAL_BATCH, LEDGER_SEAL_BATCH))
        .pluck('prediction_id')) as unknown[]
    ).map(toNumber);
    if (ids.length === 0) return { sealed: 0, head: current };
    const next = await appendRecords(tx.writer, current, ids, new Date().toISOString());
    await tx.writer('prediction_seal_queue').whereIn('prediction_id', ids).delete();
    return { sealed: ids.length, head: next };
  });
}

/** How many stored predictions wait for their ledger record. */
export async function countUnsealedPredictions(db: Db): Promise<number> {
  const row: Record<string, unknown> | undefined = await db
    .writer('prediction_seal_queue')
    .count({ n: '*' })
    .first();
  return toNumber(row?.n ?? 0);
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
