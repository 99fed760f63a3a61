import { types } from 'node:util';

/**
 * `instanceof Error` that also recognises errors from another realm (a vm context, a worker,
 * Jest's sandbox vs Node core), which `instanceof` alone misses.
 */
export function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}
