// The client's retry is `@scoreline/ops` `retry` (RETRY_* policy, `Retrying <name> in X.XXs …`
// log lines), adapted to the injectable RetryFn, so a sync retries like every other network
// operation and an error's `retryAfterMs` (a 429's window reset) replaces the back-off delay.
import { retry, type RetryTiming, type Logger } from '@scoreline/ops';

/** Shape of the client's injectable retry helper. */
export type RetryFn = <T>(
  name: string,
  fn: () => Promise<T>,
  isRetryable: (e: unknown) => boolean,
) => Promise<T>;

/** Options of {@link createOpsRetry}. */
export interface OpsRetryOptions {
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Injected for tests (a fast sleep); default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; default Math.random (jitter). */
  random?: () => number;
  /** Relative jitter 0..1 (ops default 0.1); 0 gives exact delays. */
  jitter?: number;
  /** Stops waiting for a retry, e.g. on shutdown. */
  signal?: AbortSignal;
}

/**
 * The client's own policy when no retry is injected: 3 attempts, waiting 500 ms then 1 s, no
 * jitter (a 429's wait comes from the error).
 */
export const DEFAULT_CLIENT_RETRY: RetryTiming = {
  attempts: 3,
  delayMs: 500,
  maxDelayMs: Number.POSITIVE_INFINITY,
  backoff: 2,
};

/**
 * A {@link RetryFn} backed by `@scoreline/ops` `retry` with the given timing (from
 * `retryOptionsFrom(config.retry)`, or {@link DEFAULT_CLIENT_RETRY}). The client's own predicate
 * decides what is retryable.
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
      jitter: opts.jitter,
      signal: opts.signal,
    });
}
