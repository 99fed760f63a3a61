import type { Knex } from 'knex';
import type { Db } from '../create-db';
import { writeTransaction } from '../write-transaction';
import { textOf, toBool, toDate, toDbTimestamp, toNumber, type UpsertOutcome } from '../values';

/** A column value as repositories hand it to {@link upsertCompared}. */
export type ColumnValue = string | number | boolean | Date | null;

/** Which row an upsert targets, and what it writes. */
export interface ComparedUpsert {
  table: string;
  /** Equality conditions that find the existing row (column → value). */
  key: Record<string, string | number>;
  /** Columns written on insert only (e.g. `source`, `created_at`). */
  insertOnly?: Record<string, ColumnValue>;
  /** Columns compared and written; `undefined` entries are left untouched. */
  values: Record<string, ColumnValue | undefined>;
  /** Columns written only when something else changed (e.g. `updated_at`). */
  onChange?: Record<string, ColumnValue>;
}

/**
 * Insert-or-update that reports what happened: re-writing identical data is `unchanged`, which
 * is what makes imports idempotent and their counts honest. Reads then writes in one write
 * transaction (a savepoint inside the caller's), retrying once when a concurrent Postgres writer
 * inserted the same key first.
 */
export async function upsertCompared(
  db: Db,
  spec: ComparedUpsert,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  try {
    return await writeTransaction(db, (tx) => upsertOnce(tx.writer, spec));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return writeTransaction(db, (tx) => upsertOnce(tx.writer, spec));
  }
}

async function upsertOnce(
  trx: Knex,
  spec: ComparedUpsert,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  const values = definedOnly(spec.values);
  const existing = (await trx(spec.table).where(spec.key).first()) as
    Record<string, unknown> | undefined;
  if (!existing) {
    const rows: unknown[] = await trx(spec.table)
      .insert(toDbRow({ ...spec.key, ...spec.insertOnly, ...values, ...spec.onChange }))
      .returning('id');
    const first = rows[0];
    const id = typeof first === 'object' && first !== null ? (first as { id: unknown }).id : first;
    return { id: toNumber(id), outcome: 'inserted' };
  }
  const id = toNumber(existing.id);
  const changed = Object.fromEntries(
    Object.entries(values).filter(([col, value]) => !sameValue(existing[col], value)),
  );
  if (Object.keys(changed).length === 0) return { id, outcome: 'unchanged' };
  await trx(spec.table)
    .where({ id })
    .update(toDbRow({ ...changed, ...spec.onChange }));
  return { id, outcome: 'updated' };
}

/** Converts Dates to the stored timestamp text; other values pass through. */
export function toDbRow(
  row: Record<string, ColumnValue | undefined>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [col, value] of Object.entries(row)) {
    if (value === undefined) continue;
    out[col] = value instanceof Date ? toDbTimestamp(value) : value;
  }
  return out;
}

function definedOnly(values: Record<string, ColumnValue | undefined>): Record<string, ColumnValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
    string,
    ColumnValue
  >;
}

/** Stored value (either engine's representation) equals the incoming one. */
export function sameValue(stored: unknown, incoming: ColumnValue): boolean {
  if (incoming === null) return stored === null || stored === undefined;
  if (stored === null || stored === undefined) return false;
  if (incoming instanceof Date) return toDate(stored).getTime() === incoming.getTime();
  if (typeof incoming === 'number') return Number(stored) === incoming;
  if (typeof incoming === 'boolean') return toBool(stored) === incoming;
  return textOf(stored) === incoming;
}

/** A UNIQUE/PRIMARY KEY violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
