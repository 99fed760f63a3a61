// One error shape for every client-facing failure: {"error":{"code","message"}}. Stack traces and
// internal messages stay in the logs; clients get a stable code and a safe sentence.
import { describeError } from '@scoreline/ops';
import { NoModelError, SameTeamError, TeamNameError } from '@scoreline/training';
import { InvalidPayloadError, QueueUnavailableError, RequestTimeoutError } from '@scoreline/queue';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiLogger } from './request-log';

/** An error the API raises on purpose, with the status and code the client sees. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields inside `error` (e.g. suggestions for an unknown team). */
    readonly details?: Record<string, unknown>,
    /** Response headers that go with it (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

/** Unknown routes (and admin routes with no token configured) look the same: 404. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(notFound('No such route'));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Maps any thrown value to a status and a client-safe body. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof TeamNameError) {
    return new ApiError(
      err.reason === 'ambiguous' ? 400 : 404,
      err.reason === 'ambiguous' ? 'ambiguous_team' : 'unknown_team',
      err.message,
      { suggestions: err.suggestions },
    );
  }
  if (err instanceof SameTeamError) return new ApiError(400, 'same_team', err.message);
  if (err instanceof NoModelError) return new ApiError(503, 'no_model', err.message);
  if (err instanceof QueueUnavailableError) {
    return new ApiError(
      503,
      'queue_unavailable',
      'The job queue (Redis) is unreachable right now; nothing was queued. Try again shortly.',
      undefined,
      { 'Retry-After': String(err.retryAfterSec) },
    );
  }
  if (err instanceof RequestTimeoutError) {
    return new ApiError(504, 'timeout', 'The prediction worker did not answer in time');
  }
  if (err instanceof InvalidPayloadError) {
    return new ApiError(400, 'bad_request', err.problems.join('; '));
  }
  const parser = err as BodyParserError;
  if (parser?.type === 'entity.parse.failed') {
    return new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
  }
  if (parser?.type === 'entity.too.large') {
    return new ApiError(413, 'payload_too_large', 'The request body is too large');
  }
  if (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500) {
    return new ApiError(parser.status, 'bad_request', 'The request could not be read');
  }
  return new ApiError(500, 'internal_error', 'Internal server error');
}

/** The one error middleware: logs server faults with the request id, answers the JSON shape. */
export function errorHandler(logger?: ApiLogger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const apiError = toApiError(err);
    if (apiError.status >= 500 && apiError.code === 'internal_error') {
      logger?.error('request failed', {
        request_id: res.locals.requestId as string | undefined,
        method: req.method,
        ...describeError(err),
      });
    }
    if (apiError.headers) res.set(apiError.headers);
    res.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, ...apiError.details },
    });
  };
}
