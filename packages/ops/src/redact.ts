import { isError } from './is-error';
/** What replaces a secret value. */
export const REDACTED = '[REDACTED]';

// Telegram bot token: `<bot id>:<secret>`. No `\b` in front, so `/bot123…:AA…/` URLs match too
// (there is no word boundary between `t` and `1`); the lookbehind keeps us from starting in the
// middle of a longer digit run.
const TELEGRAM_TOKEN = /(?<![0-9])\d{6,12}:[A-Za-z0-9_-]{30,}/g;
// Whatever sits in a Bot API request path (`/bot<id>:<secret>/method`) is the token, even one
// of no standard shape (a test token, a truncated one).
const BOT_PATH_TOKEN = /(\/bot)[^/\s:]+:[^/\s]+(?=\/)/g;

// Secret query parameters (`?token=…`, `&api_key=…`). `key=` and `token=` are too common in
// free text to redact everywhere, so they count only inside a query string; the unambiguous
// names are redacted wherever `name=value` appears.
const QUERY_SECRET =
  /([?&;](?:api_token|token|access_token|refresh_token|key|api_key|apikey|secret|password)=)[^&#\s"']*/gi;
const NAMED_SECRET =
  /((?<![A-Za-z0-9])(?:api_token|api_key|access_token|refresh_token|client_secret)=)[^&#\s"']*/gi;

// Userinfo password in any `scheme://user:password@` URL (postgres, postgresql+asyncpg, redis,
// rediss, amqp…). A password pasted unencoded may contain `/`, `:` or even `@`, so it runs to
// the last `@` that is followed by a plain host, as WHATWG URL parsing would have it. The
// parts are length-capped so that pathological long lines cannot make matching quadratic.
const URL_PASSWORD =
  /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s:@/?#]{0,256}):(\S{0,256}?)@(?=[^\s@/?#]{0,256}(?:[/?#\s]|$))/gi;

// `Authorization: Bearer xxx`, `authorization="Basic xxx"`, `"authorization":"xxx"`.
const AUTH_HEADER =
  /(\bauthorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|token|digest)\s+)?[^\s"',;}]+/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** Object keys whose values are secrets whatever they contain. */
const SECRET_KEY = /token|secret|passw(or)?d|authorization|api[_-]?key|cookie|credential/i;

/**
 * Removes secrets from free text: Telegram bot tokens (also inside `/bot<token>/` URLs),
 * secret query values, URL passwords (`user:***@`) and `Authorization` header values.
 * `known` lists secrets of no recognisable shape (a SportMonks token, a DSN) that the caller
 * holds: each is removed wherever it appears, and so is the password of a known URL, raw and
 * URL-decoded, since drivers echo either.
 */
export function redactSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of known) {
    if (!secret) continue;
    const literals = new Set([secret]);
    try {
      const { password } = new URL(secret);
      if (password) literals.add(password).add(decodeURIComponent(password));
    } catch {
      // Not a URL: the literal itself is the secret.
    }
    for (const literal of literals) out = out.split(literal).join(REDACTED);
  }
  return out
    .replace(TELEGRAM_TOKEN, REDACTED)
    .replace(BOT_PATH_TOKEN, `$1${REDACTED}`)
    .replace(URL_PASSWORD, '$1$2:***@')
    .replace(QUERY_SECRET, `$1${REDACTED}`)
    .replace(NAMED_SECRET, `$1${REDACTED}`)
    .replace(AUTH_HEADER, (_m, prefix: string, scheme: string | undefined) =>
      scheme ? `${prefix}${scheme} ${REDACTED}` : `${prefix}${REDACTED}`,
    )
    .replace(BEARER, `$1 ${REDACTED}`);
}

/** True when a property name says its value is a secret (token, password, api_key…). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Masks a connection URL for bootstrap log lines: the password becomes `***`, user, host,
 * port and database stay readable, secret query values and bot tokens are removed.
 */
export function maskUrl(url: string): string {
  return redactSecrets(url);
}

/** Limits for {@link redactDeep}. */
export interface RedactDeepOptions {
  /** Nesting level below which values are replaced by a placeholder; default 8. */
  maxDepth?: number;
}

/**
 * Returns a copy of `value` with every string passed through {@link redactSecrets} and the
 * values of secret-named keys replaced by `[REDACTED]`. Depth is bounded and cycles become
 * `[Circular]`, so any log metadata is safe to pass. Errors stay errors (same prototype) with
 * redacted `message` and `stack`.
 */
export function redactDeep<T>(value: T, opts: RedactDeepOptions = {}): T {
  return walk(value, opts.maxDepth ?? 8, new WeakSet()) as T;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth <= 0) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, depth - 1, seen));
    if (value instanceof Map) {
      return Object.fromEntries(
        [...value.entries()].map(([k, v]) => {
          const key = String(k);
          return [key, isSecretKey(key) ? REDACTED : walk(v, depth - 1, seen)];
        }),
      );
    }
    if (value instanceof Set) return [...value].map((item) => walk(item, depth - 1, seen));
    if (isError(value)) return redactError(value, depth, seen);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretKey(key) && v != null ? REDACTED : walk(v, depth - 1, seen);
    }
    return out;
  } finally {
    // Only ancestors count as cycles; the same object reached twice side by side is fine.
    seen.delete(value);
  }
}

function redactError(err: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(err) as object | null) as Error &
    Record<string, unknown>;
  for (const [key, v] of Object.entries(err)) {
    copy[key] = isSecretKey(key) && v != null ? REDACTED : walk(v, depth - 1, seen);
  }
  const define = (key: string, v: unknown): void => {
    Object.defineProperty(copy, key, { value: v, writable: true, configurable: true });
  };
  define('name', err.name);
  define('message', redactSecrets(String(err.message)));
  if (err.stack !== undefined) define('stack', redactSecrets(err.stack));
  if (err.cause !== undefined) define('cause', walk(err.cause, depth - 1, seen));
  return copy;
}
