// One byte sequence per value, whichever engine or process wrote it: the prediction ledger hashes
// this text, so two serialisations of the same content must never differ.

/**
 * JSON with object keys sorted (recursively) and no whitespace. Numbers use JavaScript's
 * shortest round-trip form, which is the same on every platform for the same double; -0 becomes
 * 0. Non-finite numbers, functions and other non-JSON values are refused rather than silently
 * turned into null, since a hash over a lossy text would not tell what was sealed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return `{${Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}
