// The one way to turn a thrown value into log fields or a line of text. Whatever comes out is
// redacted (tokens, also inside /bot<token>/ request URLs, DSN passwords, secret query values),
// so callers may log it as is. Only the message, stack, code and cause are read: never the
// error's other own fields, which can hold a request's payload (a telegraf TelegramError keeps
// the message text the bot tried to send).
import { isError } from './is-error';
import { redactSecrets } from './redact';

/** Log fields describing an error; `err` and `stack` are what the logger prints last. */
export interface ErrorFields {
  /** The error's class name (`TypeError`, `TelegramError`…), or the type of a non-Error. */
  error: string;
  /** The message, redacted. */
  err: string;
  /** The stack, redacted, when there is one. */
  stack?: string;
  /** A machine code the error carries (`ECONNREFUSED`, a Bot API error_code). */
  code?: string | number;
  /** The messages of the cause chain (`fetch failed` hides its reason there), redacted. */
  cause?: string;
}

const MAX_CAUSES = 3;

/** The message of any thrown value, redacted: for one-line texts (`startup failed: …`). */
export function errorText(err: unknown, known: readonly (string | undefined)[] = []): string {
  const message = messageOf(err);
  const causes = causeChain(err);
  return redactSecrets(causes ? `${message} (cause: ${causes})` : message, known);
}

/** Log fields for any thrown value: class, message, stack, code and cause, all redacted. */
export function describeError(
  err: unknown,
  known: readonly (string | undefined)[] = [],
): ErrorFields {
  const fields: ErrorFields = {
    error: isError(err) ? err.name : err === null ? 'null' : typeof err,
    err: redactSecrets(messageOf(err), known),
  };
  if (isError(err) && typeof err.stack === 'string') {
    fields.stack = redactSecrets(err.stack, known);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  const causes = causeChain(err);
  if (causes) fields.cause = redactSecrets(causes, known);
  return fields;
}

function messageOf(err: unknown): string {
  // Duck-typed: errors from another realm (a driver under Jest) fail `instanceof Error`.
  const message = (err as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

function causeChain(err: unknown): string {
  const parts: string[] = [];
  let cause = (err as { cause?: unknown } | null)?.cause;
  while (cause !== undefined && cause !== null && parts.length < MAX_CAUSES) {
    const code = (cause as { code?: unknown }).code;
    const text = messageOf(cause);
    parts.push(typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text);
    cause = (cause as { cause?: unknown }).cause;
  }
  return parts.join(' <- ');
}
