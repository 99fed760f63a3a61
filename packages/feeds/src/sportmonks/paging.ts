// Lists and single entities on top of one GET: paging through `has_more`, "not found" for the
// single-entity endpoints, and mapping raw rows without duplicates.
import { isEmptyObject } from './envelope';
import { SportmonksRequestError, SportmonksTransientError } from './errors';
import type { Get } from './request';

// A runaway `has_more: true` must not loop for ever.
const MAX_PAGES = 10_000;

/** Follows `page` until `has_more` is false (CONTRACT.md §5: `next_page` is not followed). */
export async function getAllPages(
  get: Get,
  perPage: number,
  path: string,
  query: Record<string, string>,
  entity: string,
): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const env = await get(
      path,
      { ...query, per_page: String(perPage), page: String(page) },
      entity,
    );
    const data = env.data;
    if (Array.isArray(data)) items.push(...(data as unknown[]));
    else if (data !== undefined && data !== null && !isEmptyObject(data)) {
      throw new SportmonksTransientError(`SportMonks GET ${path}: expected a list in data`, {
        retryable: false,
      });
    }
    if (env.pagination?.has_more !== true) return items;
  }
  throw new SportmonksRequestError(`SportMonks GET ${path}: more than ${MAX_PAGES} pages`, {
    retryable: false,
  });
}

/** Single-entity endpoints: absent data, `{}`, `[]` or `id: null` all mean "not found" (§5). */
export async function getOneOrNull(
  get: Get,
  path: string,
  query: Record<string, string>,
  entity: string,
): Promise<unknown> {
  let data: unknown;
  try {
    data = (await get(path, query, entity)).data;
  } catch (e) {
    if (e instanceof SportmonksRequestError && e.status === 404) return null;
    throw e;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  return (data as { id?: unknown }).id == null ? null : data;
}

/**
 * Maps raw rows, skipping unusable ones (counted for `onSkipped`) and repeated ids: pages can
 * shift while data changes between calls, and the same entity must never come back twice.
 */
export function mapAll<T>(
  rows: unknown[],
  map: (r: unknown) => T | null,
  onSkipped: (skipped: number) => void,
): T[] {
  const out: T[] = [];
  const seen = new Set<unknown>();
  let skipped = 0;
  for (const row of rows) {
    const item = map(row);
    if (!item) {
      skipped++;
      continue;
    }
    const id = (item as { id?: unknown }).id;
    if (id !== undefined) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    out.push(item);
  }
  if (skipped > 0) onSkipped(skipped);
  return out;
}
