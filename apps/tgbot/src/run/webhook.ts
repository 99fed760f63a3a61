// Webhook mode: Telegram POSTs updates to TELEGRAM_WEBHOOK_URL. Telegram does not sign bodies;
// the secret_token it echoes in a header is the only proof a call is Telegram's, so it is
// compared in constant time, and the body is read with a size cap before it is parsed.
import { backoffDelay, describeError, retry, type Logger } from '@scoreline/ops';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_BODY_BYTES = 1024 * 1024;

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface WebhookOptions {
  bot: Telegraf;
  url: string;
  /** TELEGRAM_WEBHOOK_SECRET; when unset, one derived from the token (stable across restarts). */
  secret: string | undefined;
  token: string;
  logger: Logger;
  onRegistered?: () => void;
  backoff?: { initialMs: number; maxMs: number };
}

export interface Webhook {
  /** The URL path Telegram calls (from TELEGRAM_WEBHOOK_URL). */
  path: string;
  handler: WebhookHandler;
  /** Serves the handler alone on `port` (the tgbot role without the api). */
  listen(port: number, host: string): Promise<Server>;
  stop(): Promise<void>;
}

/** The secret_token: Telegram allows 1–256 characters of A-Z a-z 0-9 _ -. */
export function webhookSecret(configured: string | undefined, token: string): string {
  return configured ?? createHash('sha256').update(`scoreline-webhook:${token}`).digest('hex');
}

export function startWebhook(opts: WebhookOptions): Webhook {
  const { bot, logger } = opts;
  const path = new URL(opts.url).pathname || '/';
  const secret = webhookSecret(opts.secret, opts.token);
  const expected = createHash('sha256').update(secret).digest();
  const abort = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  let server: Server | undefined;

  const authentic = (req: IncomingMessage) => {
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string') return false;
    // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length.
    return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
  };

  const handler: WebhookHandler = (req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || url !== path) {
      res.writeHead(404).end();
      return;
    }
    if (!authentic(req)) {
      logger.warn('webhook call with a missing or wrong secret token refused');
      res.writeHead(401).end();
      return;
    }
    const work = readJson(req)
      .then(async (update) => {
        if (!update) {
          res.writeHead(400).end();
          return;
        }
        await bot.handleUpdate(update);
        res.writeHead(200).end();
      })
      .catch((err: unknown) => {
        logger.error('webhook update failed', describeError(err));
        if (!res.headersSent) res.writeHead(500).end();
      });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  // Until it works or the bot stops: without the webhook Telegram sends nothing.
  const timing = {
    delayMs: opts.backoff?.initialMs ?? 5_000,
    maxDelayMs: opts.backoff?.maxMs ?? 60_000,
    backoff: 2,
  };
  const register = () =>
    retry(
      async () => {
        await bot.telegram.setWebhook(opts.url, {
          secret_token: secret,
          allowed_updates: ['message', 'callback_query', 'inline_query', 'my_chat_member'],
          drop_pending_updates: false,
        });
        logger.info(`telegram webhook registered at ${new URL(opts.url).origin}${path}`);
        opts.onRegistered?.();
      },
      {
        name: 'setWebhook',
        attempts: Number.POSITIVE_INFINITY,
        ...timing,
        // The log line names the wait and describes the error without the request (the token).
        delayFor: (err, attempt) => {
          const delay = backoffDelay(attempt, timing);
          logger.warn(
            `setWebhook failed; retrying in ${Math.round(delay / 1000)}s`,
            describeError(err),
          );
          return delay;
        },
        signal: abort.signal,
      },
    ).catch(() => undefined);
  const registered = register();

  return {
    path,
    handler,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const s = createServer(handler);
        s.once('error', reject);
        s.listen(port, host, () => {
          server = s;
          resolve(s);
        });
      });
    },
    async stop() {
      abort.abort();
      await registered;
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Update | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buf);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' && 'update_id' in value ? (value as Update) : null;
  } catch {
    return null;
  }
}
