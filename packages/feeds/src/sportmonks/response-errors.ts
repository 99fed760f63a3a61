// The typed error for a SportMonks answer that is not a success. Messages are built from
// redacted text only.
import { envelopeOf, serverMessage } from './envelope';
import {
  SportmonksAccessError,
  SportmonksAuthError,
  SportmonksRateLimitError,
  SportmonksRequestError,
  SportmonksTransientError,
  type SportmonksError,
} from './errors';

export interface FailedAnswer {
  status: number;
  body: unknown;
  /** `GET /path`, for the message. */
  label: string;
  /** The rate-limit bucket the call counts against. */
  entity: string;
}

/**
 * 401 → auth, 429 → rate limit (waiting `retryAfterMs`), 5xx → transient, 403 or a plan/include
 * code (5000–5013) → access, any other 4xx → request.
 */
export function errorForAnswer(
  a: FailedAnswer,
  redact: (s: string) => string,
  retryAfterMs: () => number,
): SportmonksError {
  const env = envelopeOf(a.body);
  const status = a.status;
  const code = typeof env.code === 'number' ? env.code : undefined;
  const detail = serverMessage(a.body, redact);
  const what = `SportMonks ${a.label}: HTTP ${status}${detail ? ` (${detail})` : ''}`;
  if (status === 401) {
    return new SportmonksAuthError(`${what}: the API token is missing or invalid`, {
      status,
      retryable: false,
    });
  }
  if (status === 429) {
    return new SportmonksRateLimitError(`${what}: rate limit for ${a.entity} reached`, {
      retryAfterMs: retryAfterMs(),
      entity: a.entity,
    });
  }
  if (status >= 500) return new SportmonksTransientError(what, { status, code, retryable: true });
  if (status === 403 || (code !== undefined && code >= 5000 && code <= 5013)) {
    return new SportmonksAccessError(`${what}: not allowed by the plan or the endpoint`, {
      status,
      code,
      retryable: false,
    });
  }
  return new SportmonksRequestError(what, { status, code, retryable: false });
}
