// Typed SportMonks errors. Every message is built from redacted text only (see redact.ts).

/** Base class: `retryable` tells a retry helper whether trying again can help. */
export class SportmonksError extends Error {
  override name = 'SportmonksError';
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** SportMonks exception code from the body (`5002`, …), when present. */
  readonly code: number | undefined;
  readonly retryable: boolean;

  constructor(
    message: string,
    opts: { status?: number; code?: number; retryable: boolean; cause?: unknown },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.status = opts.status;
    this.code = opts.code;
    this.retryable = opts.retryable;
  }
}

/** 401: the token is missing or invalid. Never retried. */
export class SportmonksAuthError extends SportmonksError {
  override name = 'SportmonksAuthError';
}

/**
 * 403, or a 4xx carrying an include/plan exception code (5000–5013): the request asks for
 * something the plan or the endpoint does not allow. Never retried.
 */
export class SportmonksAccessError extends SportmonksError {
  override name = 'SportmonksAccessError';
}

/** Any other 4xx (bad parameters, unknown endpoint). Never retried. */
export class SportmonksRequestError extends SportmonksError {
  override name = 'SportmonksRequestError';
}

/** 429: the entity's hourly budget is spent; `retryAfterMs` says how long to wait. */
export class SportmonksRateLimitError extends SportmonksError {
  override name = 'SportmonksRateLimitError';
  /** Milliseconds until the entity's window resets; retry helpers should sleep this long. */
  readonly retryAfterMs: number;
  /** The rate-limit bucket (`Fixture`, `Odd`, …). */
  readonly entity: string;

  constructor(message: string, opts: { retryAfterMs: number; entity: string }) {
    super(message, { status: 429, code: 5005, retryable: true });
    this.retryAfterMs = opts.retryAfterMs;
    this.entity = opts.entity;
  }
}

/** 5xx, timeouts, network failures, truncated or invalid JSON: transient, retried. */
export class SportmonksTransientError extends SportmonksError {
  override name = 'SportmonksTransientError';
}

/** Whether an error is worth retrying (SportMonks errors by flag; anything else not). */
export function isRetryableSportmonksError(e: unknown): boolean {
  return e instanceof SportmonksError && e.retryable;
}
