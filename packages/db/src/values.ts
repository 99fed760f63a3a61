// Row values come back differently from the two engines (Postgres: Date, boolean, int8 as
// string; SQLite: ISO text, 0/1, number). Repositories pass every column through these so
// callers see the same JS values on both.

/** A timestamp column as a Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    // SQLite's CURRENT_TIMESTAMP form is UTC without a zone designator.
    const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)
      ? `${value.replace(' ', 'T')}Z`
      : value;
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

/** A nullable timestamp column. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** How timestamps are written: ISO-8601 UTC text, which both engines accept and SQLite sorts. */
export function toDbTimestamp(date: Date): string {
  return date.toISOString();
}

/** An integer/float column (int8 arrives as a string from node-pg). */
export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new TypeError(`not a number: ${String(value)}`);
  return n;
}

/** A nullable numeric column. */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

/** A boolean column (SQLite stores 0/1). */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** A nullable text column. */
export function toStringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : textOf(value);
}

/** A scalar column value as text (numbers from a text column on SQLite, for instance). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** A JSON text column. */
export function parseJson<T>(value: unknown): T {
  return JSON.parse(String(value)) as T;
}

/** A nullable JSON text column. */
export function parseJsonOrNull<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : parseJson<T>(value);
}

/** `count(*)` from either engine. */
export function countOf(rows: ReadonlyArray<Record<string, unknown>>): number {
  const first = rows[0];
  return first ? toNumber(Object.values(first)[0]) : 0;
}

/** An inserted row's id from `.returning('id')` on either engine. */
export function insertedId(rows: ReadonlyArray<unknown>): number {
  const first = rows[0];
  const id = typeof first === 'object' && first !== null ? (first as { id: unknown }).id : first;
  return toNumber(id);
}

/** A 'YYYY-MM-DD' calendar date, validated. */
export function assertIsoDate(value: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new RangeError(`${what} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Outcome of an upsert that compares the stored row with the incoming one. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';
