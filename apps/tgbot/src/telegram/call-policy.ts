// How the bot reacts to Bot API refusals, in one place for every call a Telegram client makes:
// flood control (429) waits the retry_after Telegram asks for and tries again; a chat that
// blocked the bot (403) is reported once and surfaces as ChatBlockedError. getUpdates is left to
// telegraf's polling loop, which has its own 429/409 handling.
//
// telegraf builds a fresh Telegram client for every update (ctx.telegram), so the policy has to
// be applied to bot.telegram and to each ctx.telegram (a middleware) to cover ctx.reply too.
import type { Telegram } from 'telegraf';
import { ChatBlockedError, telegramFailure } from './errors';

export interface CallPolicyLogger {
  warn(msg: string, meta?: object): unknown;
  error(msg: string, meta?: object): unknown;
}

export interface CallPolicyOptions {
  /** The chat blocked the bot, deactivated, or removed it: stop sending there. */
  onBlocked(chatId: string): Promise<void> | void;
  logger: CallPolicyLogger;
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
    for (let attempt = 1; ; attempt++) {
      try {
        return await original(method, payload, options);
      } catch (err) {
        const failure = telegramFailure(err);
        if (failure) opts.onFailure?.(method, failure.code);
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
      error: err instanceof Error ? err.message : 'unknown error',
    });
  }
}

function chatIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const chatId = (payload as { chat_id?: unknown }).chat_id;
  return typeof chatId === 'number' || typeof chatId === 'string' ? String(chatId) : undefined;
}
