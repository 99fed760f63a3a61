import type http from 'node:http';

/** A file a Bot API call uploaded as a multipart part, with its bytes. */
export interface UploadedFile {
  /** The form field (`photo`, `document`, …). */
  field: string;
  filename: string;
  data: Buffer;
}

/**
 * A Bot API call's parameters: the query string plus a JSON, urlencoded or multipart body
 * (telegraf sends multipart when a call uploads a file). In `body` a file part is recorded as
 * `{ filename, size }`; its bytes are in `files`.
 */
export function parseRequestBody(
  req: http.IncomingMessage,
  raw: Buffer,
): { body: Record<string, unknown>; files: UploadedFile[] } {
  const files: UploadedFile[] = [];
  const body: Record<string, unknown> = Object.fromEntries(
    new URL(req.url ?? '/', 'http://bot-api').searchParams,
  );
  if (raw.length === 0) return { body, files };
  const type = req.headers['content-type'] ?? '';
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) return { body: { ...body, ...parseMultipart(raw, boundary, files) }, files };
  if (type.includes('application/x-www-form-urlencoded')) {
    return {
      body: { ...body, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) },
      files,
    };
  }
  try {
    return {
      body: { ...body, ...(JSON.parse(raw.toString('utf8')) as Record<string, unknown>) },
      files,
    };
  } catch {
    return { body, files };
  }
}

function parseMultipart(
  raw: Buffer,
  boundary: string,
  files: UploadedFile[],
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  // latin1 maps bytes one to one, so file bytes survive the split and text is decoded afterwards.
  for (const part of raw.toString('latin1').split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const head = part.slice(0, split);
    const value = part.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined)
      files.push({ field: name, filename, data: Buffer.from(value, 'latin1') });
    fields[name] =
      filename === undefined
        ? Buffer.from(value, 'latin1').toString('utf8')
        : { filename, size: value.length };
  }
  return fields;
}
