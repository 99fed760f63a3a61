// One byte sequence per value, whichever engine or process wrote it: the prediction ledger hashes
// this text, so two serialisations of the same content must never differ.

/**
 * JSON with object keys sorted (recursively, in UTF-16 code unit order) and no whitespace.
 * Numbers use JavaScript's shortest round-trip form, which is the same on every platform for the
 * same double; -0 becomes 0. Non-finite numbers, functions and other non-JSON values are refused
 * rather than silently turned into null, since a hash over a lossy text would not tell what was
 * sealed.
 *
 * The text is written by native `JSON.stringify` over a copy with every object's keys inserted
 * in sorted order: about twice as fast as building it piece by piece, which matters because the
 * worker seals batches of ~10 KB forecasts on the event loop that answers /predict. A plain
 * object cannot hold array-index keys ("10", "9") in that order (JavaScript enumerates them
 * numerically), nor an own "__proto__": such keys are refused too. Sealed content has neither.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value));
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
      return Object.is(value, -0) ? 0 : value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(sortedCopy);
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError('not a JSON value: an invalid Date');
        return value.toISOString();
      }
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        if (ARRAY_INDEX.test(key) || key === '__proto__') {
          throw new TypeError(`a key canonical JSON cannot order: ${JSON.stringify(key)}`);
        }
        const member = (value as Record<string, unknown>)[key];
        if (member !== undefined) sorted[key] = sortedCopy(member);
      }
      return sorted;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}
