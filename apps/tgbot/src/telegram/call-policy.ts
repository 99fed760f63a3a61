// How the bot reacts to Bot API refusals, in one place for every call a Telegram client makes:
// flood control (429) waits the retry_after Telegram asks for and tries again; a chat that
// blocked the bot (403) is reported once and surfaces as ChatBlockedError; a text Telegram cannot
// parse as HTML (400 "can't parse entities") is sent again as plain text, so the user still gets
// the words. getUpdates is left to telegraf's polling loop, which has its own 429/409 handling.
//
// telegraf builds a fresh Telegram client for every update (ctx.telegram), so the policy has to
// be applied to bot.telegram and to each ctx.telegram (a middleware) to cover ctx.reply too.
import { errorText } from '@scoreline/ops';
import type { Logger } from '@scoreline/ops';
import type { Telegram } from 'telegraf';
import { htmlToPlain } from '@scoreline/queue';
import { ChatBlockedError, telegramFailure } from './errors';

export interface CallPolicyOptions {
  /** The chat blocked the bot, deactivated, or removed it: stop sending there. */
  onBlocked(chatId: string): Promise<void> | void;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** A 429 asking to wait longer than this is rethrown instead of waited out. Default 60. */
  maxRetryAfterSec?: number;
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Every Bot API error answer seen (retried ones included), for metrics. */
  onFailure?(method: string, code: number): void;
}

type CallApi = Telegram['callApi'];

const APPLIED = Symbol('scoreline.callPolicy');

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps `telegram.callApi` (every Telegram method goes through it) with the policy. Applying it
 * twice to one client changes nothing. Errors are never logged: a telegraf TelegramError holds
 * the call's payload (message text) and a request error can hold the URL with the token.
 */
export function applyCallPolicy(telegram: Telegram, opts: CallPolicyOptions): Telegram {
  const marked = telegram as Telegram & { [APPLIED]?: true };
  if (marked[APPLIED]) return telegram;
  marked[APPLIED] = true;

  const maxRetryAfterSec = opts.maxRetryAfterSec ?? 60;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
  const sleep = opts.sleep ?? defaultSleep;
  const original: CallApi = telegram.callApi.bind(telegram);

  const callApi = async (
    method: Parameters<CallApi>[0],
    payload: Parameters<CallApi>[1],
    options?: Parameters<CallApi>[2],
  ): Promise<unknown> => {
    if (method === 'getUpdates') return original(method, payload, options);
    let current = payload;
    for (let attempt = 1; ; attempt++) {
      try {
        return await original(method, current, options);
      } catch (err) {
        const failure = telegramFailure(err);
        if (failure) opts.onFailure?.(method, failure.code);
        const plain = failure?.code === 400 ? withoutMarkup(method, current, failure) : null;
        if (plain) {
          // Our texts are escaped by construction, so this is a bug to fix; the user still gets
          // the words rather than nothing.
          opts.logger.error('telegram 400: text refused as HTML; sent again without formatting', {
            method,
          });
          current = plain;
          continue;
        }
        if (failure?.code === 429) {
          const retryAfter = failure.retryAfterSec;
          // Without retry_after there is no safe wait to guess; past the limits the caller
          // decides (a queue job is retried later, a reply is given up).
          if (
            retryAfter === undefined ||
            retryAfter > maxRetryAfterSec ||
            attempt >= maxAttempts ||
            options?.signal?.aborted
          ) {
            throw err;
          }
          opts.logger.warn('telegram 429: waiting retry_after before retrying', {
            method,
            retry_after: retryAfter,
            attempt,
          });
          await sleep(retryAfter * 1000);
          if (options?.signal?.aborted) throw err;
          continue;
        }
        const chatId = chatIdOf(payload);
        if (failure?.code === 403 && chatId !== undefined) {
          await reportBlocked(opts, method, chatId);
          throw new ChatBlockedError(chatId, failure.description);
        }
        throw err;
      }
    }
  };
  telegram.callApi = callApi as CallApi;
  return telegram;
}

async function reportBlocked(opts: CallPolicyOptions, method: string, chatId: string) {
  try {
    await opts.onBlocked(chatId);
  } catch (err) {
    // The caller still learns the chat is blocked; this only loses the bookkeeping.
    opts.logger.error('telegram 403: recording the blocked chat failed', {
      method,
      chat_id: chatId,
      error: errorText(err),
    });
  }
}

const PARSE_FAILURE = /can't parse entities/i;
const TEXT_METHODS = new Set(['sendMessage', 'editMessageText']);

/** The same text call as plain text, when Telegram refused its markup; null otherwise. */
function withoutMarkup(
  method: string,
  payload: unknown,
  failure: { description: string },
): Record<string, unknown> | null {
  if (!TEXT_METHODS.has(method) || !PARSE_FAILURE.test(failure.description)) return null;
  if (typeof payload !== 'object' || payload === null) return null;
  const { parse_mode: parseMode, text, ...rest } = payload as Record<string, unknown>;
  if (parseMode !== 'HTML' || typeof text !== 'string') return null;
  return { ...rest, text: htmlToPlain(text) };
}

function chatIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const chatId = (payload as { chat_id?: unknown }).chat_id;
  return typeof chatId === 'number' || typeof chatId === 'string' ? String(chatId) : undefined;
}
