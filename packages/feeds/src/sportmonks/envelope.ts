// The JSON envelope every SportMonks v3 answer comes in (CONTRACT.md §4).

export interface Envelope {
  data?: unknown;
  pagination?: { has_more?: unknown; current_page?: unknown };
  rate_limit?: { remaining?: unknown; resets_in_seconds?: unknown; requested_entity?: unknown };
  message?: unknown;
  code?: unknown;
}

/** The envelope of a parsed body that may be anything (an error page, `null`). */
export function envelopeOf(body: unknown): Envelope {
  return typeof body === 'object' && body !== null ? body : {};
}

/** The server's `message`, redacted and cut to one readable length ('' when absent). */
export function serverMessage(body: unknown, redact: (s: string) => string): string {
  const m = envelopeOf(body).message;
  return typeof m === 'string' ? redact(m).slice(0, 300) : '';
}

export function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
