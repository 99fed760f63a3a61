// Downloads one CSV whole, or fails saying why: a file is imported only once every byte the
// server announced has arrived, so a cut connection never leaves half a file in the database.
import { isError } from '@scoreline/ops';

/** A download that did not yield a complete file; `reason` is meant for logs and job errors. */
export class FeedDownloadError extends Error {
  override readonly name = 'FeedDownloadError';

  constructor(
    readonly url: string,
    readonly reason: string,
    /** HTTP status when the server answered, else undefined. */
    readonly status?: number,
  ) {
    super(`${url}: ${reason}`);
  }
}

export interface DownloadOptions {
  /** Whole-request bound, headers and body. */
  timeoutMs: number;
}

/** The body as text: UTF-8 when it decodes as such, else Windows-1252 (older files of the site). */
export async function downloadCsvText(url: string, opts: DownloadOptions): Promise<string> {
  let response: Response;
  let body: Uint8Array;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedDownloadError(url, `HTTP ${response.status}`, response.status);
    }
    body = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    if (e instanceof FeedDownloadError) throw e;
    throw new FeedDownloadError(url, transportReason(e));
  }
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (!response.headers.has('content-encoding') && Number.isFinite(announced)) {
    if (body.byteLength !== announced) {
      throw new FeedDownloadError(
        url,
        `body ended early (${body.byteLength} of ${announced} bytes)`,
      );
    }
  }
  return decode(body);
}

function decode(body: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

function transportReason(e: unknown): string {
  // fetch's errors come from Node's own realm: `instanceof Error` misses them under Jest.
  if (!isError(e)) return String(e);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  const cause = isError(e.cause) ? ` (${e.cause.message})` : '';
  // undici reports a cut body as `TypeError: terminated`, the socket's error as its cause.
  if (e.message === 'terminated') return `connection cut before the body ended${cause}`;
  return `${e.message}${cause}`;
}
