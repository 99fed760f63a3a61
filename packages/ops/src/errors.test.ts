import { describe, expect, it } from '@jest/globals';
import {
  AppError,
  ConflictError,
  DeadlineExceededError,
  DependencyUnavailableError,
  ForbiddenError,
  isAppError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from './errors';

describe('AppError', () => {
  it('carries code, status, operational flag, name and cause', () => {
    const cause = new Error('root');
    const err = new AppError('BOOM', 'it broke', { cause, httpStatus: 502, isOperational: false });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('AppError');
    expect(err.code).toBe('BOOM');
    expect(err.message).toBe('it broke');
    expect(err.httpStatus).toBe(502);
    expect(err.isOperational).toBe(false);
    expect(err.cause).toBe(cause);
  });

  it('defaults to an operational 500 without a cause', () => {
    const err = new AppError('X', 'y');
    expect(err.httpStatus).toBe(500);
    expect(err.isOperational).toBe(true);
    expect('cause' in err).toBe(false);
  });

  it.each([
    [ValidationError, 'ValidationError', 400, 'VALIDATION_ERROR'],
    [NotFoundError, 'NotFoundError', 404, 'NOT_FOUND'],
    [DependencyUnavailableError, 'DependencyUnavailableError', 503, 'DEPENDENCY_UNAVAILABLE'],
    [ConflictError, 'ConflictError', 409, 'CONFLICT'],
    [UnauthorizedError, 'UnauthorizedError', 401, 'UNAUTHORIZED'],
    [ForbiddenError, 'ForbiddenError', 403, 'FORBIDDEN'],
    [DeadlineExceededError, 'DeadlineExceededError', 504, 'TIMEOUT'],
  ] as const)('%p has its name, status and default code', (Cls, name, status, code) => {
    const err = new Cls('nope');
    expect(err).toBeInstanceOf(AppError);
    expect(err).toBeInstanceOf(Cls);
    expect(err.name).toBe(name);
    expect(err.httpStatus).toBe(status);
    expect(err.code).toBe(code);
  });

  it('lets subclasses take a specific code', () => {
    expect(new NotFoundError('no team', { code: 'UNKNOWN_TEAM' }).code).toBe('UNKNOWN_TEAM');
  });

  it('When a caller must wait, then RateLimitedError is a 429 carrying retryAfterMs', () => {
    const err = new RateLimitedError('slow down', { retryAfterMs: 1500 });
    expect(err).toBeInstanceOf(AppError);
    expect(err.name).toBe('RateLimitedError');
    expect(err.httpStatus).toBe(429);
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryAfterMs).toBe(1500);
  });

  it('When details or a wait are given, then they are kept; else the fields are absent', () => {
    const err = new NotFoundError('no team', {
      details: { suggestions: ['Arsenal'] },
      retryAfterMs: 10,
    });
    expect(err.details).toEqual({ suggestions: ['Arsenal'] });
    expect(err.retryAfterMs).toBe(10);
    const bare = new ValidationError('x');
    expect('details' in bare).toBe(false);
    expect('retryAfterMs' in bare).toBe(false);
  });

  it('When asked about membership, then isAppError tells family errors from others', () => {
    expect(isAppError(new ConflictError('busy'))).toBe(true);
    expect(isAppError(new Error('plain'))).toBe(false);
    expect(isAppError('text')).toBe(false);
  });
});
