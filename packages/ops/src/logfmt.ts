import { isError } from './is-error';
/** Ordered `key=value` pairs rendered by {@link formatLogfmt}. */
export type LogfmtFields = Array<[string, unknown]>;

const MAX_FLATTEN_DEPTH = 4;

/**
 * Renders one logfmt line (no trailing newline). Plain objects are flattened into dotted keys,
 * arrays are JSON-encoded into a quoted value, `undefined` values are left out.
 */
export function formatLogfmt(fields: LogfmtFields): string {
  const parts: string[] = [];
  for (const [key, value] of fields) pushField(parts, sanitizeKey(key), value, 0);
  return parts.join(' ');
}

function pushField(parts: string[], key: string, value: unknown, depth: number): void {
  if (value === undefined) return;
  if (isPlainObject(value) && depth < MAX_FLATTEN_DEPTH) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      parts.push(`${key}={}`);
      return;
    }
    for (const [k, v] of entries) pushField(parts, `${key}.${sanitizeKey(k)}`, v, depth + 1);
    return;
  }
  parts.push(`${key}=${formatValue(value)}`);
}

/** Formats a single value, quoting only when needed. */
export function formatValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteIfNeeded(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'invalid_date' : value.toISOString();
  }
  return quoteIfNeeded(safeJson(value));
}

function quoteIfNeeded(text: string): string {
  // Anything that would break `key=value` splitting, or that is invisible, forces quotes.
  // eslint-disable-next-line no-control-regex
  if (text !== '' && !/[\s="\\\u0000-\u001f\u007f]/.test(text)) return text;
  return `"${escape(text)}"`;
}

function escape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

function sanitizeKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = key.replace(/[\s="\\\u0000-\u001f\u007f]+/g, '_');
  return clean === '' ? '_' : clean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** JSON.stringify that survives bigint, errors and cycles (logs must never throw). */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'bigint') return v.toString();
        if (isError(v)) return errorToObject(v);
        if (v !== null && typeof v === 'object') {
          if (seen.has(v)) return '[Circular]';
          seen.add(v);
        }
        return v;
      }) ?? 'undefined'
    );
  } catch {
    return '"[Unserializable]"';
  }
}

/** Plain-object view of an error, since JSON.stringify drops its non-enumerable fields. */
export function errorToObject(err: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  for (const [k, v] of Object.entries(err)) out[k] = v;
  if (err.stack !== undefined) out.stack = err.stack;
  if (err.cause !== undefined) out.cause = err.cause;
  return out;
}
