// A fault-injecting HTTP front for the Bot API emulator: the bot talks to the front, the front
// forwards to the emulator. Tests use it for what the emulator never does: 429 with retry_after,
// 403 for a blocked chat, 409 on getUpdates, and methods the emulator lacks (sendPhoto, ...).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';

export interface Fault {
  /** Bot API error_code; also the HTTP status, as on Telegram. */
  code: number;
  description: string;
  /** Sent as parameters.retry_after (seconds). */
  retryAfter?: number;
  /** How many matching calls fail; default 1. Infinity fails until reset(). */
  times?: number;
  /** Only calls with this chat_id fail; others pass through. */
  chatId?: string | number;
}

/** A call the front received, in arrival order; body as parsed (JSON, form or multipart). */
export interface FrontCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

export type AnswerFn = (body: Record<string, unknown>) => unknown;

/** A file uploaded in a multipart call, with its bytes (the call's body records only its size). */
export interface FrontUpload {
  method: string;
  /** The form field (`photo`, `document`, …). */
  field: string;
  filename: string;
  data: Buffer;
}

export interface FaultFront {
  /** Point the bot (telegraf's `telegram.apiRoot`) here. */
  readonly apiRoot: string;
  fail(method: string, fault: Fault): void;
  /**
   * Answers `method` with `{ ok: true, result }` instead of forwarding it; a function result is
   * called with the call's body to build the result.
   */
  answer(method: string, result: unknown): void;
  calls(method?: string): FrontCall[];
  /** Files uploaded so far, in arrival order, optionally of one method. */
  uploads(method?: string): FrontUpload[];
  /** Drops pending faults and recorded calls; answers stay. */
  reset(): void;
  stop(): Promise<void>;
}

const BOT_PATH = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/;
const MAX_BODY_BYTES = 60 * 1024 * 1024;

// Ids of messages the front makes up; far above the emulator's, so the two never collide.
let nextFrontMessageId = 1_000_000;

function sentMessage(body: Record<string, unknown>, extra: object): object {
  const chatId = Number(body.chat_id);
  return {
    message_id: nextFrontMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number.isFinite(chatId) ? chatId : body.chat_id, type: 'private' },
    ...(typeof body.caption === 'string' ? { caption: body.caption } : {}),
    ...extra,
  };
}

// What the emulator does not implement, answered the way Telegram would for a healthy call.
function defaultAnswers(): Map<string, AnswerFn> {
  const file = (kind: string) => {
    const id = `front-${kind}-${nextFrontMessageId}`;
    return { file_id: id, file_unique_id: id };
  };
  return new Map<string, AnswerFn>([
    ['sendPhoto', (b) => sentMessage(b, { photo: [{ ...file('photo'), width: 1, height: 1 }] })],
    [
      'sendDocument',
      (b) => sentMessage(b, { document: { ...file('document'), file_name: 'document' } }),
    ],
    ['answerInlineQuery', () => true],
    ['setMyCommands', () => true],
    ['getMyCommands', () => []],
    ['deleteMyCommands', () => true],
    ['sendChatAction', () => true],
    ['setWebhook', () => true],
    ['deleteWebhook', () => true],
    ['getWebhookInfo', () => ({ url: '', has_custom_certificate: false, pending_update_count: 0 })],
  ]);
}

export async function startFaultFront(opts: { target: string }): Promise<FaultFront> {
  const target = new URL(opts.target);
  const faults: { method: string; fault: Fault; left: number }[] = [];
  const answers = defaultAnswers();
  const recorded: FrontCall[] = [];
  const uploaded: FrontUpload[] = [];
  const upstreams = new Set<http.ClientRequest>();

  const takeFault = (method: string, body: Record<string, unknown>): Fault | undefined => {
    const i = faults.findIndex(
      (f) =>
        f.method === method &&
        (f.fault.chatId === undefined || String(f.fault.chatId) === String(body.chat_id)),
    );
    const entry = faults[i];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) faults.splice(i, 1);
    return entry.fault;
  };

  const forward = (req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void => {
    const headers = { ...req.headers, host: target.host, 'content-length': String(raw.length) };
    delete headers['transfer-encoding'];
    const upstream = http.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        // One connection per call: nothing is left in a keep-alive pool once a test stops.
        agent: false,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    upstream.on('error', () => {
      if (!res.headersSent)
        sendJson(res, 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
      else res.destroy();
    });
    // The bot gave up (telegraf's bot.stop() aborts its long poll): so does the front.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end(raw);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const raw = await readBody(req, MAX_BODY_BYTES);
    const match = BOT_PATH.exec(new URL(req.url ?? '/', 'http://front').pathname);
    if (!match) {
      forward(req, raw, res);
      return;
    }
    const method = match[2] ?? '';
    const files: Array<Omit<FrontUpload, 'method'>> = [];
    const body = parseBody(req, raw, files);
    recorded.push({ method, body, at: Date.now() });
    for (const file of files) uploaded.push({ method, ...file });

    const fault = takeFault(method, body);
    if (fault) {
      sendJson(res, fault.code, {
        ok: false,
        error_code: fault.code,
        description: fault.description,
        ...(fault.retryAfter !== undefined
          ? { parameters: { retry_after: fault.retryAfter } }
          : {}),
      });
      return;
    }
    const answer = answers.get(method);
    if (answer) {
      sendJson(res, 200, { ok: true, result: answer(body) });
      return;
    }
    forward(req, raw, res);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    fail: (method, fault) => {
      faults.push({ method, fault, left: fault.times ?? 1 });
    },
    answer: (method, result) => {
      answers.set(method, typeof result === 'function' ? (result as AnswerFn) : () => result);
    },
    calls: (method) => recorded.filter((c) => method === undefined || c.method === method),
    uploads: (method) => uploaded.filter((u) => method === undefined || u.method === method),
    reset: () => {
      faults.length = 0;
      recorded.length = 0;
      uploaded.length = 0;
    },
    stop: async () => {
      for (const upstream of upstreams) upstream.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // telegraf keeps its connections alive; close() alone would wait for them.
        server.closeAllConnections();
      });
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, payload: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

// Query string plus a JSON, urlencoded or multipart body (telegraf sends multipart when a call
// uploads a file; file parts are recorded as { filename, size }).
function parseBody(
  req: http.IncomingMessage,
  raw: Buffer,
  files: Array<Omit<FrontUpload, 'method'>> = [],
): Record<string, unknown> {
  const body: Record<string, unknown> = Object.fromEntries(
    new URL(req.url ?? '/', 'http://front').searchParams,
  );
  if (raw.length === 0) return body;
  const type = req.headers['content-type'] ?? '';
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) return { ...body, ...parseMultipart(raw, boundary, files) };
  if (type.includes('application/x-www-form-urlencoded')) {
    return { ...body, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  }
  try {
    return { ...body, ...(JSON.parse(raw.toString('utf8')) as Record<string, unknown>) };
  } catch {
    return body;
  }
}

function parseMultipart(
  raw: Buffer,
  boundary: string,
  files: Array<Omit<FrontUpload, 'method'>>,
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
