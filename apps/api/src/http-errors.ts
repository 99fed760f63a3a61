// The api's one mapping of the error family (@scoreline/ops AppError) to HTTP: the status, a
// stable snake_case JSON code and a client-safe sentence in {"error":{"code","message",…}}.
// Stack traces and internal messages stay in the logs.
import {
  AppError,
  DeadlineExceededError,
  DependencyUnavailableError,
  describeError,
  NotFoundError,
  ValidationError,
  type AppErrorOptions,
  type Logger,
} from '@scoreline/ops';
import { NoModelError, SameTeamError, TeamNameError } from '@scoreline/training';
import { InvalidPayloadError, QueueUnavailableError, RequestTimeoutError } from '@scoreline/queue';
import type { ErrorRequestHandler, RequestHandler } from 'express';

export const badRequest = (message: string) => new ValidationError(message);
export const notFound = (message: string) => new NotFoundError(message);

/** Unknown routes (and admin routes with no token configured) look the same: 404. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(notFound('No such route'));
};

/** What the client gets for a failure. */
export interface HttpFailure {
  status: number;
  body: { error: { code: string; message: string } & Record<string, unknown> };
  headers?: Record<string, string>;
}

// Family codes whose client-facing name differs from the lowercased code.
const JSON_CODES: Readonly<Record<string, string>> = {
  VALIDATION_ERROR: 'bad_request',
  DEPENDENCY_UNAVAILABLE: 'unavailable',
};

const INTERNAL: HttpFailure = {
  status: 500,
  body: { error: { code: 'internal_error', message: 'Internal server error' } },
};

/** The HTTP answer for any thrown value; anything outside the family is a bare 500. */
export function toHttpFailure(err: unknown): HttpFailure {
  const known = toAppError(err);
  if (!known) return INTERNAL;
  const failure: HttpFailure = {
    status: known.httpStatus,
    body: {
      error: {
        code: JSON_CODES[known.code] ?? known.code.toLowerCase(),
        message: known.message,
        ...known.details,
      },
    },
  };
  if (known.retryAfterMs !== undefined) {
    failure.headers = { 'Retry-After': String(Math.ceil(known.retryAfterMs / 1000)) };
  }
  return failure;
}

/**
 * The family member for an error of the packages the api calls (training, queue, the body
 * parser), or undefined for a fault: those are 500s and logged.
 */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  return fromDomain(err) ?? fromQueue(err) ?? fromBodyParser(err);
}

function fromDomain(err: unknown): AppError | undefined {
  if (err instanceof TeamNameError) {
    const opts = { details: { suggestions: err.suggestions } };
    return err.reason === 'ambiguous'
      ? new ValidationError(err.message, { ...opts, code: 'AMBIGUOUS_TEAM' })
      : new NotFoundError(err.message, { ...opts, code: 'UNKNOWN_TEAM' });
  }
  if (err instanceof SameTeamError) return new ValidationError(err.message, { code: 'SAME_TEAM' });
  if (err instanceof NoModelError) {
    return new DependencyUnavailableError(err.message, { code: 'NO_MODEL' });
  }
  return undefined;
}

function fromQueue(err: unknown): AppError | undefined {
  if (err instanceof QueueUnavailableError) {
    return new DependencyUnavailableError(
      'The job queue (Redis) is unreachable right now; nothing was queued. Try again shortly.',
      { code: 'QUEUE_UNAVAILABLE', retryAfterMs: err.retryAfterSec * 1000, cause: err },
    );
  }
  if (err instanceof RequestTimeoutError) {
    return new DeadlineExceededError('The prediction worker did not answer in time', {
      cause: err,
    });
  }
  if (err instanceof InvalidPayloadError) return badRequest(err.problems.join('; '));
  return undefined;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromBodyParser(err: unknown): AppError | undefined {
  const parser = err as BodyParserError | null;
  const opts: AppErrorOptions = { cause: err };
  if (parser?.type === 'entity.parse.failed') {
    return new ValidationError('The request body is not valid JSON', {
      ...opts,
      code: 'INVALID_JSON',
    });
  }
  if (parser?.type === 'entity.too.large') {
    return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', {
      ...opts,
      httpStatus: 413,
    });
  }
  if (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500) {
    return new AppError('VALIDATION_ERROR', 'The request could not be read', {
      ...opts,
      httpStatus: parser.status,
    });
  }
  return undefined;
}

/** The one error middleware: logs server faults with the request id, answers the JSON shape. */
export function errorHandler(logger?: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const failure = toHttpFailure(err);
    if (failure === INTERNAL) {
      logger?.error('request failed', {
        request_id: res.locals.requestId as string | undefined,
        method: req.method,
        ...describeError(err),
      });
    }
    if (failure.headers) res.set(failure.headers);
    res.status(failure.status).json(failure.body);
  };
}
