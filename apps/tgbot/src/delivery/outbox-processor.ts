// Sends outbox jobs (digests, alerts) to Telegram. The tgbot process owns Telegram's rate
// limits, so every part goes through the one shared limiter; a chat that blocked the bot is
// recorded once and never sent to again; a 429 holds every send for retry_after, and the part is
// tried again inside the same run (a queue retry would burn an attempt for Telegram's pacing).
//
// Each part is claimed in outbox_deliveries just before it is sent: a run after a restart (or a
// second run of a job whose lock was lost) skips claimed parts, so nothing is sent twice. A claim
// is given back only when Telegram answered with an error, i.e. surely did not deliver; a claim
// left by a process that died mid-send is kept (at most once beats twice).
import {
  claimOutboxDelivery,
  confirmOutboxDelivery,
  getChat,
  listOutboxDeliveries,
  markChatBlocked,
  releaseOutboxDelivery,
  type Db,
} from '@scoreline/db';
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
  /** 429s waited out within one run before the job goes back to the queue (default 5). */
  maxFloodWaits?: number;
  now?: () => Date;
}

/** Used when a 429 carries no retry_after (it always should). */
const DEFAULT_RETRY_AFTER_SEC = 1;
const DEFAULT_MAX_FLOOD_WAITS = 5;
/** Bound on chats remembered blocked by this process (the chats table stays the authority). */
const MAX_BLOCKED_MEMO = 10_000;

const SKIPPED_BLOCKED: OutboxResult = { status: 'skipped', reason: 'chat blocked' };

/**
 * The `outbox` processor. Returns `{status:'sent', messageId}` with the first part's id (when
 * known), or `{status:'skipped', reason:'chat blocked'}` when the chat is (or just turned out to
 * be) blocked. Throws on failures the queue should retry.
 */
export function createOutboxProcessor(deps: OutboxProcessorDeps): Processor<'outbox'> {
  const { send, limiter, db, logger } = deps;
  const maxFloodWaits = deps.maxFloodWaits ?? DEFAULT_MAX_FLOOD_WAITS;
  const now = deps.now ?? (() => new Date());
  // When this process found each chat blocked: jobs that were already waiting for the chat then
  // skip without a call. Jobs starting later read the chats table, which the bot clears again
  // once the user writes to it.
  const blockedAt = new Map<string, number>();
  let clock = 0; // orders job starts and blocks without trusting wall time
  const blockedSince = (chatId: string, startedAt: number): boolean =>
    (blockedAt.get(chatId) ?? -1) >= startedAt;

  const markBlocked = async (chatId: string, chatNumber: number): Promise<void> => {
    blockedAt.delete(chatId);
    blockedAt.set(chatId, (clock += 1));
    if (blockedAt.size > MAX_BLOCKED_MEMO) blockedAt.delete(blockedAt.keys().next().value!);
    await markChatBlocked(db, chatNumber);
    deps.onChatBlocked?.(chatNumber);
  };

  return async (payload, ctx): Promise<OutboxResult> => {
    const { chatId, text, parseMode, kind } = payload;
    const chatNumber = Number(chatId);
    // The chats table keys on Telegram's numeric id; without one the block state cannot be kept.
    if (!/^-?\d+$/.test(chatId) || !Number.isSafeInteger(chatNumber)) {
      throw new UnrecoverableJobError('outbox chatId must be a numeric Telegram chat id');
    }
    const { jobId } = ctx;
    const meta = { chatId, kind, jobId, attempt: ctx.attempt };

    const startedAt = (clock += 1);
    if ((await getChat(db, chatNumber))?.blocked) return SKIPPED_BLOCKED;

    const parts = splitMessage(text);
    const earlier = new Map((await listOutboxDeliveries(db, jobId)).map((d) => [d.part, d]));
    let firstMessageId = earlier.get(0)?.messageId ?? undefined;
    const opts = parseMode ? { parseMode } : {};
    for (let i = 0; i < parts.length; i += 1) {
      const claimedBefore = earlier.get(i);
      if (claimedBefore) {
        if (claimedBefore.messageId === null) {
          logger.warn(
            'outbox: part claimed by an earlier run that did not confirm it; not sent again',
            {
              ...meta,
              part: i + 1,
            },
          );
        }
        continue;
      }
      for (let floodWaits = 0; ;) {
        await limiter.acquire(chatId, ctx.signal);
        if (blockedSince(chatId, startedAt)) return SKIPPED_BLOCKED;
        const claimed = await claimOutboxDelivery(db, {
          jobId,
          part: i,
          chatId: chatNumber,
          sentAt: now(),
        });
        if (!claimed) {
          // Another run of this job (its lock was lost) holds the part: it sends it, not us.
          logger.warn('outbox: part claimed by a concurrent run; not sent again', {
            ...meta,
            part: i + 1,
          });
          break;
        }
        try {
          // An alert's buttons go under its last part.
          const last =
            i === parts.length - 1 && payload.buttons ? { buttons: payload.buttons } : {};
          const { messageId } = await send(chatId, parts[i]!, { ...opts, ...last });
          await confirmOutboxDelivery(db, jobId, i, messageId);
          if (i === 0) firstMessageId = messageId;
          break;
        } catch (err) {
          const failure = telegramFailure(err);
          if (failure || err instanceof ChatBlockedError) await releaseOutboxDelivery(db, jobId, i);
          if (err instanceof ChatBlockedError || failure?.code === 403) {
            await markBlocked(chatId, chatNumber);
            logger.info('outbox: chat blocked the bot; no more messages go to it', meta);
            return SKIPPED_BLOCKED;
          }
          if (failure?.code === 429) {
            const retryAfterSec = failure.retryAfterSec ?? DEFAULT_RETRY_AFTER_SEC;
            limiter.pause(retryAfterSec * 1000);
            floodWaits += 1;
            logger.warn('outbox: Telegram flood control, holding all sends', {
              ...meta,
              part: i + 1,
              parts: parts.length,
              retryAfterSec,
            });
            // The next acquire waits the pause out; past the bound the queue takes over.
            if (floodWaits <= maxFloodWaits && !ctx.signal?.aborted) continue;
          }
          if (failure?.code === 400) {
            // "chat not found", "can't parse entities": the same message would fail the same
            // way, so it fails once, without burning retries.
            logger.warn('outbox: Telegram refused the message; not retried', {
              ...meta,
              description: failure.description,
            });
            throw new UnrecoverableJobError(`Telegram 400: ${failure.description}`);
          }
          throw safeError(err);
        }
      }
    }
    return firstMessageId === undefined
      ? { status: 'sent' }
      : { status: 'sent', messageId: firstMessageId };
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
