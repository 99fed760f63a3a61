import { describe, expect, it } from '@jest/globals';
import {
  AppError,
  ConflictError,
  DeadlineExceededError,
  DependencyUnavailableError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '@scoreline/ops';
import { QueueUnavailableError, RequestTimeoutError } from '@scoreline/queue';
import { SameTeamError, TeamNameError } from '@scoreline/training';
import { toHttpFailure } from './http-errors';

describe('toHttpFailure', () => {
  it.each([
    [new ValidationError('bad'), 400, 'bad_request'],
    [new NotFoundError('gone'), 404, 'not_found'],
    [new DependencyUnavailableError('down'), 503, 'unavailable'],
    [new ConflictError('busy'), 409, 'conflict'],
    [new UnauthorizedError('who'), 401, 'unauthorized'],
    [new ForbiddenError('no'), 403, 'forbidden'],
    [new DeadlineExceededError('slow'), 504, 'timeout'],
  ])('When the family error is %p, then it answers %i with code %s', (err, status, code) => {
    const failure = toHttpFailure(err);
    expect(failure.status).toBe(status);
    expect(failure.body).toEqual({ error: { code, message: err.message } });
    expect(failure.headers).toBeUndefined();
  });

  it('When a family error has a specific code and details, then both reach the body', () => {
    const err = new NotFoundError('no such team', {
      code: 'UNKNOWN_TEAM',
      details: { suggestions: ['Arsenal'] },
    });
    expect(toHttpFailure(err)).toEqual({
      status: 404,
      body: { error: { code: 'unknown_team', message: 'no such team', suggestions: ['Arsenal'] } },
    });
  });

  it('When a caller must wait, then Retry-After says how many whole seconds', () => {
    const failure = toHttpFailure(new RateLimitedError('slow down', { retryAfterMs: 1200 }));
    expect(failure.status).toBe(429);
    expect(failure.body.error.code).toBe('rate_limited');
    expect(failure.headers).toEqual({ 'Retry-After': '2' });
  });

  it('When the queue is down, then it is a 503 queue_unavailable with its Retry-After', () => {
    const failure = toHttpFailure(new QueueUnavailableError('redis down'));
    expect(failure.status).toBe(503);
    expect(failure.body.error.code).toBe('queue_unavailable');
    expect(failure.body.error.message).not.toContain('redis down');
    expect(failure.headers).toEqual({ 'Retry-After': '5' });
  });

  it('When the packages the api calls fail, then their errors map into the family', () => {
    expect(toHttpFailure(new RequestTimeoutError('predict', '1', 10)).status).toBe(504);
    expect(toHttpFailure(new SameTeamError('Arsenal')).body.error.code).toBe('same_team');
    const ambiguous = toHttpFailure(new TeamNameError('Man', 'ambiguous', ['Man City', 'Man Utd']));
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error).toMatchObject({
      code: 'ambiguous_team',
      suggestions: ['Man City', 'Man Utd'],
    });
  });

  it('When the error is outside the family, then the client sees only a bare 500', () => {
    for (const err of [new Error('db password=hunter2'), 'text', null]) {
      expect(toHttpFailure(err)).toEqual({
        status: 500,
        body: { error: { code: 'internal_error', message: 'Internal server error' } },
      });
    }
    expect(
      toHttpFailure(new AppError('BAD_WORKER_ANSWER', 'odd', { httpStatus: 502 })).status,
    ).toBe(502);
  });
});
