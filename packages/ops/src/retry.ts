import type { Logger } from './logger';
import { errorText } from './describe-error';
import { isError } from './is-error';

/** How {@link retry} repeats a failing operation. */
export interface RetryOptions {
  /** Name used in log lines. */
  name: string;
  /** Total tries including the first one (RETRY_ATTEMPTS, default 3). */
  attempts: number;
  /** Delay before the first retry in ms (RETRY_DELAY 1.0 s → 1000). */
  delayMs: number;
  /** Upper bound for the backoff delay in ms (RETRY_MAX_DELAY 8.0 s → 8000). */
  maxDelayMs: number;
  /** Multiplier per retry (RETRY_BACKOFF 2.0). */
  backoff: number;
  /** Relative jitter 0..1, default 0.1: delay × (1 ± jitter × random). */
  jitter?: number;
  /** Which errors are worth another try; default: all. */
  isRetryable?: (err: unknown) => boolean;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Injected for tests; default setTimeout (abortable via `signal`). */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; default Math.random. */
  random?: () => number;
  /** Stops retrying: the pending wait is cut short and the abort reason is thrown. */
  signal?: AbortSignal;
  /**
   * The wait before the next try, replacing the backoff above (and `retryAfterMs`): for callers
   * whose backoff depends on more than the attempt number, such as a long-running call that
   * starts its backoff again once it has made progress. `attempt` is the try that failed.
   */
  delayFor?: (err: unknown, attempt: number) => number;
}

/** The numeric part of {@link RetryOptions}, as built from configuration. */
export type RetryTiming = Pick<RetryOptions, 'attempts' | 'delayMs' | 'maxDelayMs' | 'backoff'>;

/**
 * Converts the RETRY_* settings (seconds) into {@link RetryTiming} (milliseconds).
 */
export function retryOptionsFrom(cfg: {
  attempts: number;
  delaySec: number;
  maxDelaySec: number;
  backoff: number;
}): RetryTiming {
  return {
    attempts: cfg.attempts,
    delayMs: Math.round(cfg.delaySec * 1000),
    maxDelayMs: Math.round(cfg.maxDelaySec * 1000),
    backoff: cfg.backoff,
  };
}

/**
 * Backoff delay in ms before retry `n` (1-based), before jitter:
 * `min(maxDelayMs, delayMs × backoff^(n-1))`.
 */
export function backoffDelay(n: number, timing: Omit<RetryTiming, 'attempts'>): number {
  return Math.min(timing.maxDelayMs, timing.delayMs * Math.pow(timing.backoff, n - 1));
}

/**
 * Calls `fn` until it succeeds, up to `opts.attempts` times, waiting with exponential backoff
 * and jitter between tries (or the error's own `retryAfterMs`, e.g. an HTTP 429 reset). Logs
 * `Retrying <name> in X.XXs (attempt n/N): <reason>` before each wait and
 * `Retry attempts exhausted for <name>` when giving up, then rethrows the last error.
 * Errors rejected by `isRetryable` are rethrown at once.
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions,
): Promise<T> {
  const total = Math.max(1, Math.floor(opts.attempts));
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.1));
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? ((ms: number) => abortableSleep(ms, opts.signal));
  const isRetryable = opts.isRetryable ?? (() => true);

  for (let attempt = 1; ; attempt++) {
    throwIfAborted(opts.signal);
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      const reason = describe(err);
      if (attempt >= total) {
        opts.logger?.error(`Retry attempts exhausted for ${opts.name}`, {
          attempts: total,
          reason,
        });
        throw err;
      }
      const retryAfter = retryAfterOf(err);
      const delay = opts.delayFor
        ? Math.max(0, opts.delayFor(err, attempt))
        : (retryAfter ??
          Math.max(0, backoffDelay(attempt, opts) * (1 + jitter * (2 * random() - 1))));
      opts.logger?.warn(
        `Retrying ${opts.name} in ${(delay / 1000).toFixed(2)}s (attempt ${attempt}/${total}): ${reason}`,
        { attempt, attempts: total, delay_ms: Math.round(delay) },
      );
      await sleep(delay);
    }
  }
}

function retryAfterOf(err: unknown): number | undefined {
  const value = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function describe(err: unknown): string {
  return errorText(err).replace(/\s*\n\s*/g, ' ');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return isError(reason) ? reason : new Error(`Aborted: ${String(reason)}`);
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
