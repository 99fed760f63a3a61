// Choices offered as buttons (say, "did you mean Man United / Man City?") can hold more than a
// 64-byte callback can carry, so the options stay here and the button carries a short id.
// Memory only: after a restart a button is stale and the user is asked to repeat the command.
import { randomBytes } from 'node:crypto';

export interface ChoiceStash<T> {
  /** Stores the options and returns the id their buttons carry. */
  put(options: readonly T[]): string;
  /** Option `index` of stash `id`, or undefined when unknown, expired or out of range. */
  get(id: string, index: number): T | undefined;
}

export function createChoiceStash<T>(
  opts: { ttlMs?: number; max?: number; now?: () => number } = {},
): ChoiceStash<T> {
  const ttlMs = opts.ttlMs ?? 30 * 60_000;
  const max = opts.max ?? 5_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { options: readonly T[]; expires: number }>();

  return {
    put(options) {
      // Map keeps insertion order, so the first entries are the oldest.
      for (const [id, e] of entries) {
        if (entries.size < max && e.expires > now()) break;
        entries.delete(id);
      }
      const id = randomBytes(6).toString('hex').slice(0, 10);
      entries.set(id, { options, expires: now() + ttlMs });
      return id;
    },
    get(id, index) {
      const e = entries.get(id);
      if (!e || e.expires <= now()) return undefined;
      return e.options[index];
    },
  };
}
