// Small built-in retry used when no retry helper is injected (the ops package provides the real one).

/** Shape of an injectable retry helper. */
export type RetryFn = <T>(
  name: string,
  fn: () => Promise<T>,
  isRetryable: (e: unknown) => boolean,
) => Promise<T>;

/** Options of {@link createBasicRetry}. */
export interface BasicRetryOptions {
  sleep: (ms: number) => Promise<void>;
  /** Total attempts, the first included. */
  attempts?: number;
  /** First back-off delay; doubles on each retry. */
  baseDelayMs?: number;
  onRetry?: (name: string, attempt: number, delayMs: number, error: unknown) => void;
}

function retryAfterOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null || !('retryAfterMs' in e)) return undefined;
  const v = e.retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * Exponential back-off retry (3 attempts by default: wait `base`, then `2·base`). An error that
 * carries `retryAfterMs` (a 429) waits that long instead, so a rate-limit reset is honoured.
 */
export function createBasicRetry(opts: BasicRetryOptions): RetryFn {
  const attempts = opts.attempts ?? 3;
  const base = opts.baseDelayMs ?? 500;
  return async <T>(name: string, fn: () => Promise<T>, isRetryable: (e: unknown) => boolean) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (attempt >= attempts || !isRetryable(e)) throw e;
        const delay = retryAfterOf(e) ?? base * 2 ** (attempt - 1);
        opts.onRetry?.(name, attempt, delay, e);
        await opts.sleep(delay);
      }
    }
  };
}
