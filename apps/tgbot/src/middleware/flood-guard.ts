// Per-user protection of the bot's own capacity: a sliding-window limit on requests (commands,
// messages, button presses) and suppression of the same request repeated within a short time
// (double taps, a client resending). Over the limit the user hears it once per window, not once
// per message, so the guard never becomes a spam source itself.

export interface FloodGuardOptions {
  /** Requests allowed per user within `windowMs`. */
  max?: number;
  windowMs?: number;
  /** The same request from the same user within this time is dropped. */
  duplicateMs?: number;
  now?: () => number;
}

/**
 * The guard's default limits: 8 requests per 20 s per user, the same request again within 2 s
 * dropped. Exported so the sandbox's scripted chat can keep to them instead of loosening them.
 */
export const FLOOD_LIMITS = { max: 8, windowMs: 20_000, duplicateMs: 2_000 } as const;

export type FloodVerdict = 'allow' | 'duplicate' | 'limited' | 'limited-notify';

export interface FloodGuard {
  /** Records a request of `userId` with identity `key` and says what to do with it. */
  check(userId: number, key: string): FloodVerdict;
}

export function createFloodGuard(opts: FloodGuardOptions = {}): FloodGuard {
  const max = opts.max ?? FLOOD_LIMITS.max;
  const windowMs = opts.windowMs ?? FLOOD_LIMITS.windowMs;
  const duplicateMs = opts.duplicateMs ?? FLOOD_LIMITS.duplicateMs;
  const now = opts.now ?? Date.now;
  const users = new Map<
    number,
    { hits: number[]; lastKey: string; lastAt: number; notifiedAt: number }
  >();

  const sweep = (t: number) => {
    if (users.size < 10_000) return;
    for (const [id, u] of users) if (t - (u.hits.at(-1) ?? 0) > windowMs) users.delete(id);
  };

  return {
    check(userId, key) {
      const t = now();
      sweep(t);
      let u = users.get(userId);
      if (!u) {
        u = { hits: [], lastKey: '', lastAt: -Infinity, notifiedAt: -Infinity };
        users.set(userId, u);
      }
      if (key === u.lastKey && t - u.lastAt < duplicateMs) return 'duplicate';
      u.lastKey = key;
      u.lastAt = t;
      u.hits = u.hits.filter((h) => t - h < windowMs);
      if (u.hits.length >= max) {
        if (t - u.notifiedAt < windowMs) return 'limited';
        u.notifiedAt = t;
        return 'limited-notify';
      }
      u.hits.push(t);
      return 'allow';
    },
  };
}
