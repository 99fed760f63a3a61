// The one error vocabulary of Scoreline: every error raised on purpose is an AppError with a
// stable machine `code`. Each surface maps the family once (the api to an HTTP status and JSON
// code, the CLI to an exit code, the bot to a chat text); logs use `describeError`.

/** Options shared by every application error. */
export interface AppErrorOptions {
  cause?: unknown;
  /** Status an HTTP layer should answer with; defaults to 500. */
  httpStatus?: number;
  /**
   * Operational errors are expected failures (bad input, a dependency down) that the process
   * survives; `false` marks a programming error worth crashing for.
   */
  isOperational?: boolean;
  /**
   * Client-safe extra facts a surface may show next to the message (e.g. the suggestions for an
   * unknown team). Never a secret, never a request's payload.
   */
  details?: Readonly<Record<string, unknown>>;
  /** How long a caller should wait before trying again; `retry` in this package honours it. */
  retryAfterMs?: number;
}

/** Base class for errors the application raises on purpose, carrying a stable machine code. */
export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly isOperational: boolean;
  // `declare`: with class-field semantics a plain declaration would define them as undefined.
  declare readonly details?: Readonly<Record<string, unknown>>;
  declare readonly retryAfterMs?: number;

  constructor(code: string, message: string, opts: AppErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    // new.target keeps the subclass name without each subclass repeating it.
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = opts.httpStatus ?? 500;
    this.isOperational = opts.isOperational ?? true;
    // Set only when given, so a plain error has no such own fields to log or serialise.
    if (opts.details !== undefined) Object.assign(this, { details: opts.details });
    if (opts.retryAfterMs !== undefined) Object.assign(this, { retryAfterMs: opts.retryAfterMs });
  }
}

/** What a subclass lets its caller choose: everything but the status, plus a specific code. */
export type SubclassOptions = Omit<AppErrorOptions, 'httpStatus'> & { code?: string };

/** Invalid input from a caller (HTTP 400). */
export class ValidationError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'VALIDATION_ERROR', message, { ...opts, httpStatus: 400 });
  }
}

/** A requested entity does not exist (HTTP 404). */
export class NotFoundError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'NOT_FOUND', message, { ...opts, httpStatus: 404 });
  }
}

/** A dependency (database, Redis, Telegram, a feed) cannot serve the request (HTTP 503). */
export class DependencyUnavailableError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'DEPENDENCY_UNAVAILABLE', message, { ...opts, httpStatus: 503 });
  }
}

/** The request contradicts the current state (a job already running, a duplicate) (HTTP 409). */
export class ConflictError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'CONFLICT', message, { ...opts, httpStatus: 409 });
  }
}

/** The caller did not prove who it is (a missing or wrong token) (HTTP 401). */
export class UnauthorizedError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'UNAUTHORIZED', message, { ...opts, httpStatus: 401 });
  }
}

/** The caller is known but not allowed to do this (a non-admin chat) (HTTP 403). */
export class ForbiddenError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'FORBIDDEN', message, { ...opts, httpStatus: 403 });
  }
}

/**
 * Too many requests, or the service is busy: the caller should come back after `retryAfterMs`
 * (HTTP 429). The wait is required, so every surface can say when.
 */
export class RateLimitedError extends AppError {
  declare readonly retryAfterMs: number;

  constructor(message: string, opts: SubclassOptions & { retryAfterMs: number }) {
    super(opts.code ?? 'RATE_LIMITED', message, { ...opts, httpStatus: 429 });
  }
}

/**
 * Something we waited on did not answer in time (HTTP 504). Not named `TimeoutError`: that is
 * the name of the DOMException `AbortSignal.timeout` throws, which code matches by name.
 */
export class DeadlineExceededError extends AppError {
  constructor(message: string, opts: SubclassOptions = {}) {
    super(opts.code ?? 'TIMEOUT', message, { ...opts, httpStatus: 504 });
  }
}

/** Whether a thrown value belongs to the family. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
