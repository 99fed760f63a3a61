// Long polling that survives what telegraf treats as fatal. telegraf's loop rethrows 409
// (another poller: usually the previous container still draining during a rolling deploy) and
// 401, and retries network errors, 429 and 5xx itself every 5 s, silently and for ever; its
// launch() settles only when polling ends. Here every getUpdates failure ends the loop and is
// retried with a backoff that grows (with jitter, so two pollers drift apart) up to its maximum
// and resets once a long poll is answered again. The log gets one line per change of state
// (conflict, failing, resumed), never one per retry. A 401 (token revoked) stops the bot for
// good, since retrying cannot help. The retries are the one retry helper of @scoreline/ops; the
// wait before each is chosen here, because the backoff resets whenever polling worked again.
import { describeError, retry, type Logger } from '@scoreline/ops';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegraf } from 'telegraf';
import { telegramFailure } from '../telegram/errors';

export interface PollingLease {
  acquire(signal?: AbortSignal): Promise<void>;
  onLost(cb: () => void): void;
  release(): Promise<void>;
}

export interface PollingOptions {
  bot: Telegraf;
  logger: Logger;
  startupDelayMs: number;
  /** With Redis: only the holder polls, so two containers never fight over getUpdates. */
  lease?: PollingLease;
  /** Called once polling has started (the `/` menu is registered here). */
  onStarted?: () => void;
  /** Called when the bot gives up for good (401). */
  onFatal?: (reason: string) => void;
  /** Retry delays: the first, doubled after each failure up to the maximum. */
  backoff?: { initialMs: number; maxMs: number };
  /** Random source for the jitter (tests). */
  random?: () => number;
}

export interface PollingHandle {
  readonly polling: boolean;
  /** Stops polling (and waiting); resolves when the loop has ended and the lease is released. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query', 'my_chat_member'] as const;

/** A getUpdates failure telegraf would retry on its own, flat; carried out to our backoff. */
class PollFailed extends Error {
  constructor(readonly original: unknown) {
    super('getUpdates failed');
  }
}

/** Acquiring the lease failed: not a polling failure, so not retried here. */
class LeaseFailed extends Error {
  constructor(readonly original: unknown) {
    super('polling lease failed');
  }
}

/** The polling loop ended with neither an error nor a stop of ours: start it again, unhurried. */
class LoopEnded extends Error {
  constructor() {
    super('telegram polling ended');
  }
}

/** The delay after `failures` failures in a row: doubling, capped, minus up to 20% jitter. */
export function backoffAfter(
  failures: number,
  backoff: { initialMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const base = Math.min(backoff.initialMs * 2 ** Math.max(0, failures - 1), backoff.maxMs);
  return Math.round(base * (1 - 0.2 * random()));
}

export function startPolling(opts: PollingOptions): PollingHandle {
  const { bot, logger } = opts;
  const backoff = opts.backoff ?? { initialMs: 5_000, maxMs: 60_000 };
  const abort = new AbortController();
  let polling = false;
  let launching = false;
  let leaseLost = false;
  let started = false;
  let failures = 0;
  let state: 'ok' | 'conflict' | 'failing' = 'ok';

  opts.lease?.onLost(() => {
    leaseLost = true;
    logger.warn('telegram polling lease lost to another instance; polling stops');
    if (polling) bot.stop('lease lost');
  });

  // Only an answered long poll proves polling works (getMe and deleteWebhook pass even while
  // another instance holds getUpdates), so the backoff resets here. A failure telegraf would
  // retry flat every 5 s leaves its loop instead, to be retried with our backoff.
  const callApi = bot.telegram.callApi.bind(bot.telegram);
  bot.telegram.callApi = (async (method: string, payload: unknown, options?: unknown) => {
    try {
      const result = await (callApi as (m: string, p: unknown, o?: unknown) => Promise<unknown>)(
        method,
        payload,
        options,
      );
      if (method === 'getUpdates' && (payload as { timeout?: unknown } | undefined)?.timeout) {
        answered();
      }
      return result;
    } catch (err) {
      if (method !== 'getUpdates' || abort.signal.aborted) throw err;
      const code = telegramFailure(err)?.code;
      const retriedFlat =
        (err as { name?: unknown } | null)?.name === 'FetchError' ||
        code === 429 ||
        (code !== undefined && code >= 500);
      throw retriedFlat ? new PollFailed(err) : err;
    }
  }) as typeof bot.telegram.callApi;

  const answered = () => {
    failures = 0;
    if (state === 'ok') return;
    state = 'ok';
    logger.info('telegram polling resumed');
  };

  /** Logs the failure when it changes the state; returns how long to wait. */
  const failed = (err: unknown): number => {
    failures += 1;
    const failure = telegramFailure(err);
    if (failure?.code === 409) {
      if (state !== 'conflict') {
        logger.warn(
          'telegram polling conflict (409): another instance polls this token (or a webhook is set); retrying with backoff',
          { max_delay_s: backoff.maxMs / 1000 },
        );
      }
      state = 'conflict';
    } else {
      if (state !== 'failing') {
        logger.warn('telegram polling failed; retrying with backoff', {
          ...describeError(err),
          max_delay_s: backoff.maxMs / 1000,
        });
      }
      state = 'failing';
    }
    const delay = backoffAfter(failures, backoff, opts.random);
    return Math.max(delay, (failure?.retryAfterSec ?? 0) * 1000);
  };

  /** One run of telegraf's polling loop; returns when it stopped for the lease or for us. */
  const launchOnce = async (): Promise<void> => {
    if (opts.lease) {
      await opts.lease.acquire(abort.signal).catch((err: unknown) => {
        throw new LeaseFailed(err);
      });
      leaseLost = false;
    }
    try {
      launching = true;
      await bot.launch({ dropPendingUpdates: false, allowedUpdates: [...ALLOWED_UPDATES] }, () => {
        polling = true;
        if (started) return;
        started = true;
        logger.info('telegram polling started');
        opts.onStarted?.();
      });
    } catch (thrown) {
      throw thrown instanceof PollFailed ? thrown.original : thrown;
    } finally {
      launching = polling = false;
    }
    if (!abort.signal.aborted && !leaseLost) throw new LoopEnded();
  };

  const loop = async () => {
    if (opts.startupDelayMs > 0) {
      logger.info(`telegram polling starts in ${opts.startupDelayMs / 1000}s (STARTUP_DELAY_SEC)`);
      await sleep(opts.startupDelayMs, undefined, { signal: abort.signal });
    }
    // A lost lease ends a run without an error: acquire it again at once.
    while (!abort.signal.aborted) {
      try {
        await retry(launchOnce, {
          name: 'telegram polling',
          attempts: Number.POSITIVE_INFINITY,
          delayMs: backoff.initialMs,
          maxDelayMs: backoff.maxMs,
          backoff: 2,
          isRetryable: (err) => !(err instanceof LeaseFailed) && telegramFailure(err)?.code !== 401,
          delayFor: (err) => (err instanceof LoopEnded ? backoff.initialMs : failed(err)),
          signal: abort.signal,
        });
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof LeaseFailed) throw err.original;
        logger.error(
          'telegram rejected the token (401 Unauthorized): the bot stops; check TELEGRAM_BOT_TOKEN',
        );
        opts.onFatal?.('401 Unauthorized');
        return;
      }
    }
  };

  const done = loop().catch((err: unknown) => {
    if (!abort.signal.aborted)
      logger.error('telegram polling supervisor failed', describeError(err));
  });

  return {
    get polling() {
      return polling;
    },
    async stop() {
      abort.abort();
      // Between getMe and the first getUpdates telegraf refuses stop() ("Bot is not running!"),
      // yet goes on to poll: keep asking until the loop exists and can be stopped.
      while (launching) {
        try {
          bot.stop('shutdown');
          break;
        } catch {
          await sleep(50);
        }
      }
      await done;
      await opts.lease?.release();
    },
  };
}
