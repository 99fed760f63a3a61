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
}

/** Base class for errors the application raises on purpose, carrying a stable machine code. */
export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly isOperational: boolean;

  constructor(code: string, message: string, opts: AppErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    // new.target keeps the subclass name without each subclass repeating it.
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = opts.httpStatus ?? 500;
    this.isOperational = opts.isOperational ?? true;
  }
}

type SubclassOptions = Omit<AppErrorOptions, 'httpStatus'> & { code?: string };

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
