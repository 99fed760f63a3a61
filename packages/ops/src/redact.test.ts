import { describe, expect, it } from '@jest/globals';
import { maskUrl, REDACTED, redactDeep, redactSecrets } from './redact';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

describe('redactSecrets', () => {
  it('removes a bare Telegram bot token', () => {
    const out = redactSecrets(`token is ${TOKEN} ok`);
    expect(out).toBe('token is [REDACTED] ok');
  });

  it('removes a token inside a /bot<token>/ URL, keeping the method', () => {
    const out = redactSecrets(`GET https://api.telegram.org/bot${TOKEN}/getUpdates failed`);
    expect(out).toBe('GET https://api.telegram.org/bot[REDACTED]/getUpdates failed');
  });

  it('leaves short id:value pairs alone', () => {
    expect(redactSecrets('match 12345:67 at 10:30')).toBe('match 12345:67 at 10:30');
  });

  it.each([
    ['https://api.example.com/v3/fixtures?api_token=abc123&include=teams', 'api_token'],
    ['https://x.test/a?token=abc123', 'token'],
    ['https://x.test/a?page=2&key=abc123#top', 'key'],
    ['https://x.test/a?api_key=abc123', 'api_key'],
  ])('redacts the %s query value', (url, name) => {
    const out = redactSecrets(url);
    expect(out).not.toContain('abc123');
    expect(out).toContain(`${name}=[REDACTED]`);
  });

  it('keeps other query values and does not treat free-text key= as a secret', () => {
    expect(redactSecrets('https://x.test/a?api_token=s3cr3t&include=teams')).toBe(
      'https://x.test/a?api_token=[REDACTED]&include=teams',
    );
    expect(redactSecrets('cache key=fixtures:2026')).toBe('cache key=fixtures:2026');
  });

  it('redacts api_token=… outside a URL too', () => {
    expect(redactSecrets('request failed api_token=s3cr3t status=401')).toBe(
      'request failed api_token=[REDACTED] status=401',
    );
  });

  it.each([
    [
      'postgres://bot:hunter2@db.internal:5432/scoreline',
      'postgres://bot:***@db.internal:5432/scoreline',
    ],
    ['postgresql+asyncpg://bot:hunter2@db:5432/app', 'postgresql+asyncpg://bot:***@db:5432/app'],
    ['redis://:hunter2@cache:6379/0', 'redis://:***@cache:6379/0'],
    ['rediss://default:hunter2@cache.example:6380', 'rediss://default:***@cache.example:6380'],
    ['connect ECONNREFUSED redis://u:p/w:d@h:1 now', 'connect ECONNREFUSED redis://u:***@h:1 now'],
    ['redis://:p@ss@cache:6379/0', 'redis://:***@cache:6379/0'],
    [
      'a=postgres://u:pw@h/db b=redis://:x@h2:6379',
      'a=postgres://u:***@h/db b=redis://:***@h2:6379',
    ],
  ])('masks the password in %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves URLs without credentials untouched', () => {
    const url = 'postgres://db.internal:5432/scoreline';
    expect(redactSecrets(url)).toBe(url);
  });

  it.each([
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc', 'Authorization: Bearer [REDACTED]'],
    ['authorization: Basic dXNlcjpwYXNz', 'authorization: Basic [REDACTED]'],
    ['{"Authorization":"Bearer abcdefghijkl"}', '{"Authorization":"Bearer [REDACTED]"}'],
    ['authorization=rawsecretvalue', 'authorization=[REDACTED]'],
    ['sent Bearer abcdefghijkl to upstream', 'sent Bearer [REDACTED] to upstream'],
  ])('redacts the header value in %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});

describe('maskUrl', () => {
  it('replaces only the password, keeping user, host, port and database', () => {
    expect(maskUrl('postgres://scoreline:pa55@pg.amvera:5432/scoreline?sslmode=require')).toBe(
      'postgres://scoreline:***@pg.amvera:5432/scoreline?sslmode=require',
    );
    expect(maskUrl('redis://:pa55@redis:6379/2')).toBe('redis://:***@redis:6379/2');
  });

  it('returns URLs without a password unchanged', () => {
    expect(maskUrl('redis://127.0.0.1:6379/15')).toBe('redis://127.0.0.1:6379/15');
    expect(maskUrl('postgres://postgres@127.0.0.1:5432/test')).toBe(
      'postgres://postgres@127.0.0.1:5432/test',
    );
  });
});

describe('redactDeep', () => {
  it('replaces values of secret-named keys at any depth, case-insensitively', () => {
    const input = {
      user: 'alice',
      nested: { Password: 'p', API_KEY: 'k', deeper: { authToken: 't', clientSecret: 's' } },
      headers: { Authorization: 'Bearer x' },
      list: [{ token: 'z' }],
    };
    expect(redactDeep(input)).toEqual({
      user: 'alice',
      nested: {
        Password: '[REDACTED]',
        API_KEY: '[REDACTED]',
        deeper: { authToken: '[REDACTED]', clientSecret: '[REDACTED]' },
      },
      headers: { Authorization: '[REDACTED]' },
      list: [{ token: '[REDACTED]' }],
    });
  });

  it('redacts secrets inside strings in nested metadata without mutating the input', () => {
    const input = { req: { url: `https://api.telegram.org/bot${TOKEN}/sendMessage` } };
    const out = redactDeep(input);
    expect(out.req.url).toBe('https://api.telegram.org/bot[REDACTED]/sendMessage');
    expect(input.req.url).toContain(TOKEN);
  });

  it('handles cycles and bounds the depth', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactDeep(a)).toEqual({ name: 'a', self: '[Circular]' });

    const deep = { l1: { l2: { l3: { l4: 'x' } } } };
    expect(redactDeep(deep, { maxDepth: 2 })).toEqual({ l1: { l2: '[Object]' } });
  });

  it('does not mistake a shared (non-cyclic) reference for a cycle', () => {
    const shared = { v: 1 };
    expect(redactDeep({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it('redacts an Error message and stack, keeping its class', () => {
    class FetchError extends Error {}
    const err = new FetchError(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
    const out = redactDeep({ err }).err;
    expect(out).toBeInstanceOf(FetchError);
    expect(out.message).toBe('request to https://api.telegram.org/bot[REDACTED]/getMe failed');
    expect(out.stack).toContain('bot[REDACTED]/getMe');
    expect(out.stack).not.toContain(TOKEN);
    expect(err.message).toContain(TOKEN);
  });

  it('keeps primitives, dates and null as they are', () => {
    const at = new Date(0);
    expect(redactDeep({ n: 1, b: true, z: null, at })).toEqual({ n: 1, b: true, z: null, at });
  });

  it('removes known secrets of no recognisable shape, and the password of a known URL', () => {
    const token = 'sekr3tT0ken';
    const text = `GET https://x/v3/football/fixtures?api_token=${token}&page=2 Authorization: ${token} echo ${token}`;

    const out = redactSecrets(text, [token]);

    expect(out).not.toContain(token);
    expect(out).toContain(`api_token=${REDACTED}&page=2`);
    expect(redactSecrets('{"authorization":"Bearer abc"}', [token])).not.toContain('abc');
    const dsn = 'postgres://bot:p%40ss@db:5432/x';
    expect(redactSecrets('auth failed for p@ss and p%40ss', [dsn, undefined])).toBe(
      `auth failed for ${REDACTED} and ${REDACTED}`,
    );
  });
});
