// A fault-injecting HTTP front for the Bot API emulator: the bot talks to the front, the front
// forwards to the emulator. Tests use it for what the emulator never does: 429 with retry_after,
// 403 for a blocked chat, 409 on getUpdates, and methods the emulator lacks (inline answers,
// commands, webhooks, ...). It records every call and uploaded file on the way.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';
import { parseRequestBody, type UploadedFile } from './request-body';
import { sendJson } from './wire';

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
export interface FrontUpload extends UploadedFile {
  method: string;
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

// What the emulator does not implement, answered the way Telegram would for a healthy call.
// (Files — sendPhoto, sendDocument — go on to the emulator, which answers them like Telegram.)
function defaultAnswers(): Map<string, AnswerFn> {
  return new Map<string, AnswerFn>([
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

interface PendingFault {
  method: string;
  fault: Fault;
  left: number;
}

/** What one front keeps between calls. */
interface FrontState {
  target: URL;
  faults: PendingFault[];
  answers: Map<string, AnswerFn>;
  recorded: FrontCall[];
  uploaded: FrontUpload[];
  /** Forwarded calls still open, cut on stop(). */
  upstreams: Set<http.ClientRequest>;
}

export async function startFaultFront(opts: { target: string }): Promise<FaultFront> {
  const state: FrontState = {
    target: new URL(opts.target),
    faults: [],
    answers: defaultAnswers(),
    recorded: [],
    uploaded: [],
    upstreams: new Set(),
  };
  const server = http.createServer((req, res) => {
    handle(state, req, res).catch(() => {
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
  return control(state, server, `http://127.0.0.1:${port}`);
}

/** The test's side of a running front. */
function control(state: FrontState, server: http.Server, apiRoot: string): FaultFront {
  return {
    apiRoot,
    fail: (method, fault) => {
      state.faults.push({ method, fault, left: fault.times ?? 1 });
    },
    answer: (method, result) => {
      state.answers.set(method, typeof result === 'function' ? (result as AnswerFn) : () => result);
    },
    calls: (method) => state.recorded.filter((c) => method === undefined || c.method === method),
    uploads: (method) => state.uploaded.filter((u) => method === undefined || u.method === method),
    reset: () => {
      state.faults.length = 0;
      state.recorded.length = 0;
      state.uploaded.length = 0;
    },
    stop: async () => {
      for (const upstream of state.upstreams) upstream.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // telegraf keeps its connections alive; close() alone would wait for them.
        server.closeAllConnections();
      });
    },
  };
}

/** Records a Bot API call, then answers it with a pending fault, a set answer, or the target. */
async function handle(
  state: FrontState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const raw = await readBody(req, MAX_BODY_BYTES);
  const match = BOT_PATH.exec(new URL(req.url ?? '/', 'http://front').pathname);
  if (!match) {
    forward(state, req, raw, res);
    return;
  }
  const method = match[2] ?? '';
  const { body, files } = parseRequestBody(req, raw);
  state.recorded.push({ method, body, at: Date.now() });
  for (const file of files) state.uploaded.push({ method, ...file });

  const fault = takeFault(state.faults, method, body);
  if (fault) {
    sendJson(res, fault.code, {
      ok: false,
      error_code: fault.code,
      description: fault.description,
      ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
    });
    return;
  }
  const answer = state.answers.get(method);
  if (answer) {
    sendJson(res, 200, { ok: true, result: answer(body) });
    return;
  }
  forward(state, req, raw, res);
}

/** The first pending fault for this call (by method and chat), used up once per call. */
function takeFault(
  faults: PendingFault[],
  method: string,
  body: Record<string, unknown>,
): Fault | undefined {
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
}

function forward(
  state: FrontState,
  req: http.IncomingMessage,
  raw: Buffer,
  res: http.ServerResponse,
): void {
  const { target, upstreams } = state;
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
}
