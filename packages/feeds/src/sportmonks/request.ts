// One SportMonks GET: paced by the rate limits, sent with the token in the Authorization
// header, parsed, turned into a typed error when it failed, and retried when that can help.
import type { Envelope } from './envelope';
import { isRetryableSportmonksError, SportmonksTransientError } from './errors';
import type { RateLimits } from './rate-limits';
import { errorForAnswer } from './response-errors';
import type { RetryFn } from './sync-retry';

export interface RequesterOptions {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
  limits: RateLimits;
  retry: RetryFn;
  redact: (s: string) => string;
}

export type Get = (
  path: string,
  query: Record<string, string>,
  entity: string,
) => Promise<Envelope>;

/** `get(path, query, entity)`: the parsed envelope of a successful answer, after retries. */
export function createRequester(o: RequesterOptions): Get {
  const getOnce = async (path: string, query: Record<string, string>, entity: string) => {
    await o.limits.pace(entity);
    const qs = new URLSearchParams(query).toString();
    const label = `GET ${path}`;
    const { res, text } = await send(o, `${o.baseUrl}${path}${qs ? `?${qs}` : ''}`, label);
    const body = parseBody(res, text, label);
    if (!res.ok) {
      throw errorForAnswer({ status: res.status, body, label, entity }, o.redact, () =>
        o.limits.retryAfterOf429(entity, body as Envelope, res.headers.get('retry-after')),
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new SportmonksTransientError(`SportMonks ${label}: response is not a JSON object`, {
        status: res.status,
        retryable: true,
      });
    }
    o.limits.remember(entity, body);
    return body as Envelope;
  };
  return (path, query, entity) =>
    o.retry(
      `sportmonks GET ${path}`,
      () => getOnce(path, query, entity),
      isRetryableSportmonksError,
    );
}

async function send(
  o: RequesterOptions,
  url: string,
  label: string,
): Promise<{ res: Response; text: string }> {
  try {
    const res = await o.fetch(url, {
      headers: { Authorization: o.token, Accept: 'application/json' },
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    return { res, text: await res.text() };
  } catch (e) {
    const err = e as Error;
    const timeout = err.name === 'TimeoutError' || err.name === 'AbortError';
    // Never include the raw error: some runtimes put the URL (and so a query token) in it.
    throw new SportmonksTransientError(
      `SportMonks ${label}: ${timeout ? `timed out after ${o.timeoutMs} ms` : `network error (${o.redact(err.message)})`}`,
      { retryable: true },
    );
  }
}

/** The parsed body; unparseable text is transient on a success or 5xx, else an empty body. */
function parseBody(res: Response, text: string, label: string): unknown {
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    if (res.ok || res.status >= 500) {
      throw new SportmonksTransientError(
        `SportMonks ${label}: malformed or truncated JSON (HTTP ${res.status}, ${text.length} bytes)`,
        { status: res.status, retryable: true },
      );
    }
    return {};
  }
}
