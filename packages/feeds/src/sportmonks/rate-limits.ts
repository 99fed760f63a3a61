// Per-entity rate-limit windows (CONTRACT.md §6): remembers what each answer says is left, slows
// calls down before a window runs dry, and says how long a 429 should wait.
import type { Envelope } from './envelope';
import type { SmRateLimitState } from './types';

export interface RateLimitsOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Below this many remaining calls in an entity's window, calls are spread out. */
  lowRemaining: number;
  /** Upper bound of one pacing pause. */
  maxPaceDelayMs: number;
  /** Fallback wait after a 429 when nothing says when the window resets. */
  defaultRetryAfterMs: number;
  onSlowDown?: (entity: string, remaining: number, delayMs: number) => void;
}

export interface RateLimits {
  /** Waits before a call when the entity's budget is (nearly) spent, to avoid a 429. */
  pace(entity: string): Promise<void>;
  /** Records the window an answer reports. */
  remember(entity: string, env: Envelope): void;
  /** The wait a 429 asks for; the window is forgotten, since the retry waits instead. */
  retryAfterOf429(entity: string, env: Envelope, retryAfterHeader: string | null): number;
  snapshot(): ReadonlyMap<string, SmRateLimitState>;
}

export function createRateLimits(o: RateLimitsOptions): RateLimits {
  const limits = new Map<string, SmRateLimitState>();

  async function pace(entity: string): Promise<void> {
    const state = limits.get(entity);
    if (!state) return;
    const untilReset = state.resetsAtMs - o.now();
    if (untilReset <= 0) {
      limits.delete(entity);
      return;
    }
    if (state.remaining > o.lowRemaining) return;
    const delay =
      state.remaining <= 0
        ? untilReset
        : Math.min(o.maxPaceDelayMs, Math.ceil(untilReset / state.remaining));
    o.onSlowDown?.(entity, state.remaining, delay);
    await o.sleep(delay);
    if (state.remaining <= 0) limits.delete(entity);
  }

  function remember(entity: string, env: Envelope): void {
    const rl = env.rate_limit;
    if (!rl) return;
    const remaining = typeof rl.remaining === 'number' ? rl.remaining : null;
    const resets = typeof rl.resets_in_seconds === 'number' ? rl.resets_in_seconds : null;
    const name = typeof rl.requested_entity === 'string' ? rl.requested_entity : entity;
    if (remaining === null || resets === null) return;
    limits.set(name, { remaining, resetsAtMs: o.now() + resets * 1000 });
  }

  // CONTRACT.md §6: whether a 429 carries rate_limit or Retry-After is unknown; use what is
  // there, else the last window seen for this entity, else a default.
  function retryAfterOf429(entity: string, env: Envelope, header: string | null): number {
    const fromBody =
      typeof env.rate_limit?.resets_in_seconds === 'number'
        ? env.rate_limit.resets_in_seconds * 1000
        : undefined;
    const fromHeader = header !== null ? Number(header) * 1000 : NaN;
    const known = limits.get(entity);
    const fromState = known ? Math.max(0, known.resetsAtMs - o.now()) : undefined;
    // The retry helper waits this long; pacing must not wait a second time.
    limits.delete(entity);
    return (
      fromBody ??
      (Number.isFinite(fromHeader) ? fromHeader : undefined) ??
      fromState ??
      o.defaultRetryAfterMs
    );
  }

  return { pace, remember, retryAfterOf429, snapshot: () => new Map(limits) };
}
