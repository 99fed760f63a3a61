import { describe, expect, it } from '@jest/globals';
import { describeError, errorText } from './describe-error';

// Not token-shaped (too short a secret for the bare-token pattern): only its place in the
// /bot<token>/ path gives it away.
const ODD_TOKEN = '42:short-secret';

describe('describeError', () => {
  it('When an Error is described, then its class, message, stack and code come out', () => {
    const err = Object.assign(new TypeError('connect refused'), { code: 'ECONNREFUSED' });

    const fields = describeError(err);

    expect(fields).toMatchObject({
      error: 'TypeError',
      err: 'connect refused',
      code: 'ECONNREFUSED',
    });
    expect(fields.stack).toContain('TypeError: connect refused');
    expect(fields.stack).toContain('describe-error.test');
  });

  it('When a fetch failure hides its reason in the cause, then the cause is described too', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const err = new TypeError('fetch failed', { cause });

    expect(describeError(err).cause).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(errorText(err)).toBe('fetch failed (cause: connect ECONNREFUSED 127.0.0.1:9)');
  });

  it('When a token sits in a /bot<token>/ URL in the message, stack or cause, then it is redacted everywhere', () => {
    const url = `http://127.0.0.1:8081/bot${ODD_TOKEN}/getUpdates`;
    const err = new Error(`request to ${url} failed`, { cause: new Error(`GET ${url}`) });

    const text = JSON.stringify(describeError(err)) + errorText(err);

    expect(text).not.toContain('short-secret');
    expect(text).toContain('/bot[REDACTED]/getUpdates');
  });

  it('When an error carries a request payload in its own fields, then the payload is not described', () => {
    const err = Object.assign(new Error('400: Bad Request'), {
      on: { method: 'sendMessage', payload: { text: 'private words of a user' } },
    });

    expect(JSON.stringify(describeError(err))).not.toContain('private words');
  });

  it('When a non-Error is thrown, then its type and text are described', () => {
    expect(describeError('plain failure')).toEqual({ error: 'string', err: 'plain failure' });
    expect(describeError({ reason: 'x' })).toEqual({ error: 'object', err: '{"reason":"x"}' });
    expect(describeError(null)).toEqual({ error: 'null', err: 'null' });
  });

  it('When a known secret of no recognisable shape is passed, then it is removed', () => {
    expect(errorText(new Error('auth failed for key abc123xyz'), ['abc123xyz'])).toBe(
      'auth failed for key [REDACTED]',
    );
  });
});
