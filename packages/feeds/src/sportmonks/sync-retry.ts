// Adapts the ops package's retry (RETRY_* policy, `Retrying <name> in X.XXs …` log lines) to the
// client's injectable RetryFn, so a sync retries like every other network operation.
import { retry, type RetryLogger, type RetryTiming } from '@scoreline/ops';
import type { RetryFn } from './retry';

/** Options of {@link createOpsRetry}. */
export interface OpsRetryOptions {
  logger?: RetryLogger;
  /** Injected for tests (a fast sleep); default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; default Math.random (jitter). */
  random?: () => number;
  /** Stops waiting for a retry, e.g. on shutdown. */
  signal?: AbortSignal;
}

/**
 * A {@link RetryFn} backed by `@scoreline/ops` `retry` with the given timing (from
 * `retryOptionsFrom(config.retry)`). The client's own predicate decides what is retryable, and an
 * error's `retryAfterMs` (a 429's window reset) replaces the back-off delay.
 */
export function createOpsRetry(timing: RetryTiming, opts: OpsRetryOptions = {}): RetryFn {
  return <T>(name: string, fn: () => Promise<T>, isRetryable: (e: unknown) => boolean) =>
    retry(() => fn(), {
      ...timing,
      name,
      isRetryable,
      logger: opts.logger,
      sleep: opts.sleep,
      random: opts.random,
      signal: opts.signal,
    });
}
