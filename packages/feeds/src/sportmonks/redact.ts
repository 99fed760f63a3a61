// Keeps the API token out of every message and log line: it may sit in a query string
// (`api_token=`) or an Authorization header, or be echoed back in a server message.

/** Replaces the token and any `api_token=` / `Authorization` values in a string. */
export function redactSecrets(text: string, token: string): string {
  let out = text;
  if (token) out = out.split(token).join('***');
  return out
    .replace(/(api_token=)[^&\s"']*/gi, '$1***')
    .replace(/(authorization["']?\s*[:=]\s*["']?)(?:bearer\s+)?[^\s"',}]+/gi, '$1***');
}
