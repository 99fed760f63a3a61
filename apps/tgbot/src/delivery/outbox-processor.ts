// Sends outbox jobs (digests, alerts) to Telegram. The tgbot process owns Telegram's rate
// limits, so every part goes through the one shared limiter; a chat that blocked the bot is
// recorded once and never sent to again; a 429 holds every send for retry_after and the queue
// retries the job.
import { getChat, markChatBlocked, type Db } from '@scoreline/db';
import { redactSecrets, type Logger } from '@scoreline/ops';
import {
  UnrecoverableJobError,
  type OutboxButton,
  type OutboxResult,
  type Processor,
} from '@scoreline/queue';
import { splitMessage } from '../format/split-message';
import { ChatBlockedError, telegramFailure } from '../telegram/errors';
import type { SendRateLimiter } from './send-rate-limiter';

/** Sends one message; resolves with Telegram's message id. */
export type SendMessage = (
  chatId: string,
  text: string,
  opts: { parseMode?: 'HTML'; buttons?: OutboxButton[][] },
) => Promise<{ messageId: number }>;

/** Dependencies of {@link createOutboxProcessor}. */
export interface OutboxProcessorDeps {
  send: SendMessage;
  limiter: Pick<SendRateLimiter, 'acquire' | 'pause'>;
  db: Db;
  /** Told once a chat is recorded blocked (the bot drops its kept copy of the chat's row). */
  onChatBlocked?: (chatId: number) => void;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Used when a 429 carries no retry_after (it always should). */
const DEFAULT_RETRY_AFTER_SEC = 1;
/** Bound on remembered partial deliveries (jobs that failed for good are never cleared). */
const MAX_PROGRESS = 1000;

interface Progress {
  sent: number;
  firstMessageId: number;
}

/**
 * The `outbox` processor. Returns `{status:'sent', messageId}` with the first part's id, or
 * `{status:'skipped', reason:'chat blocked'}` when the chat is (or just turned out to be)
 * blocked. Throws on 429 and other failures so the queue retries.
 */
export function createOutboxProcessor(deps: OutboxProcessorDeps): Processor<'outbox'> {
  const { send, limiter, db, logger } = deps;
  // Parts already delivered, per job: a retry after a 429 on part 2 must not repeat part 1.
  const progress = new Map<string, Progress>();

  const remember = (jobId: string, p: Progress): void => {
    progress.delete(jobId);
    progress.set(jobId, p);
    if (progress.size > MAX_PROGRESS) progress.delete(progress.keys().next().value!);
  };

  return async (payload, ctx): Promise<OutboxResult> => {
    const { chatId, text, parseMode, kind } = payload;
    const chatNumber = Number(chatId);
    // The chats table keys on Telegram's numeric id; without one the block state cannot be kept.
    if (!/^-?\d+$/.test(chatId) || !Number.isSafeInteger(chatNumber)) {
      throw new UnrecoverableJobError('outbox chatId must be a numeric Telegram chat id');
    }
    const meta = { chatId, kind, jobId: ctx.jobId, attempt: ctx.attempt };

    const chat = await getChat(db, chatNumber);
    if (chat?.blocked) {
      progress.delete(ctx.jobId);
      return { status: 'skipped', reason: 'chat blocked' };
    }

    const parts = splitMessage(text);
    const done = progress.get(ctx.jobId) ?? { sent: 0, firstMessageId: 0 };
    const opts = parseMode ? { parseMode } : {};
    for (let i = done.sent; i < parts.length; i += 1) {
      await limiter.acquire(chatId, ctx.signal);
      try {
        // An alert's buttons go under its last part.
        const last = i === parts.length - 1 && payload.buttons ? { buttons: payload.buttons } : {};
        const { messageId } = await send(chatId, parts[i]!, { ...opts, ...last });
        if (i === 0) done.firstMessageId = messageId;
        done.sent = i + 1;
        if (done.sent < parts.length) remember(ctx.jobId, done);
      } catch (err) {
        const failure = telegramFailure(err);
        if (err instanceof ChatBlockedError || failure?.code === 403) {
          progress.delete(ctx.jobId);
          await markChatBlocked(db, chatNumber);
          deps.onChatBlocked?.(chatNumber);
          logger.info('outbox: chat blocked the bot; no more messages go to it', meta);
          return { status: 'skipped', reason: 'chat blocked' };
        }
        if (failure?.code === 429) {
          const retryAfterSec = failure.retryAfterSec ?? DEFAULT_RETRY_AFTER_SEC;
          limiter.pause(retryAfterSec * 1000);
          logger.warn('outbox: Telegram flood control, holding all sends', {
            ...meta,
            part: i + 1,
            parts: parts.length,
            retryAfterSec,
          });
        }
        if (failure?.code === 400) {
          // "chat not found", "can't parse entities": the same message would fail the same way,
          // so it fails once, without burning retries.
          progress.delete(ctx.jobId);
          logger.warn('outbox: Telegram refused the message; not retried', {
            ...meta,
            description: failure.description,
          });
          throw new UnrecoverableJobError(`Telegram 400: ${failure.description}`);
        }
        throw safeError(err);
      }
    }
    progress.delete(ctx.jobId);
    return { status: 'sent', messageId: done.firstMessageId };
  };
}

/**
 * The error to hand to the queue, which logs and stores its message: a network error's message
 * may quote the request URL, and that carries the bot token.
 */
function safeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const clean = redactSecrets(err.message);
  if (clean === err.message) return err;
  const copy = new Error(clean);
  copy.name = err.name;
  return copy;
}
