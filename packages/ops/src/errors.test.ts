import { describe, expect, it } from '@jest/globals';
import { AppError, DependencyUnavailableError, NotFoundError, ValidationError } from './errors';

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
});
