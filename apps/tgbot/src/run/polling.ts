// Long polling that survives what telegraf treats as fatal. telegraf's loop retries network
// errors, 429 and 5xx itself but rethrows 409 (another poller: usually the previous container
// still draining during a rolling deploy) and 401; its launch() settles only when polling ends.
// Here a 409 or a failure before polling starts is one clear log line and a retry with backoff,
// never a crash loop; a 401 (token revoked) stops the bot for good, since retrying cannot help.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegraf } from 'telegraf';
import type { BotLogger } from '../bot-context';
import { describeError } from '../bot';
import { telegramFailure } from '../telegram/errors';

export interface PollingLease {
  acquire(signal?: AbortSignal): Promise<void>;
  onLost(cb: () => void): void;
  release(): Promise<void>;
}

export interface PollingOptions {
  bot: Telegraf;
  logger: BotLogger;
  startupDelayMs: number;
  /** With Redis: only the holder polls, so two containers never fight over getUpdates. */
  lease?: PollingLease;
  /** Called once polling has started (the `/` menu is registered here). */
  onStarted?: () => void;
  /** Called when the bot gives up for good (401). */
  onFatal?: (reason: string) => void;
  backoff?: { initialMs: number; maxMs: number };
}

export interface PollingHandle {
  readonly polling: boolean;
  /** Stops polling (and waiting); resolves when the loop has ended and the lease is released. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query', 'my_chat_member'] as const;

export function startPolling(opts: PollingOptions): PollingHandle {
  const { bot, logger } = opts;
  const backoff = opts.backoff ?? { initialMs: 5_000, maxMs: 60_000 };
  const abort = new AbortController();
  let polling = false;
  let launching = false;
  let leaseLost = false;

  opts.lease?.onLost(() => {
    leaseLost = true;
    logger.warn('telegram polling lease lost to another instance; polling stops');
    if (polling) bot.stop('lease lost');
  });

  const loop = async () => {
    if (opts.startupDelayMs > 0) {
      logger.info(`telegram polling starts in ${opts.startupDelayMs / 1000}s (STARTUP_DELAY_SEC)`);
      await sleep(opts.startupDelayMs, undefined, { signal: abort.signal });
    }
    let delay = backoff.initialMs;
    while (!abort.signal.aborted) {
      if (opts.lease) {
        await opts.lease.acquire(abort.signal);
        leaseLost = false;
      }
      try {
        launching = true;
        await bot.launch(
          { dropPendingUpdates: false, allowedUpdates: [...ALLOWED_UPDATES] },
          () => {
            polling = true;
            delay = backoff.initialMs;
            logger.info('telegram polling started');
            opts.onStarted?.();
          },
        );
        launching = polling = false;
        if (abort.signal.aborted) return;
        if (leaseLost) continue;
        // The loop ended without an error or a stop of ours: start it again.
      } catch (err) {
        launching = polling = false;
        if (abort.signal.aborted) return;
        const failure = telegramFailure(err);
        if (failure?.code === 401) {
          logger.error(
            'telegram rejected the token (401 Unauthorized): the bot stops; check TELEGRAM_BOT_TOKEN',
          );
          opts.onFatal?.('401 Unauthorized');
          return;
        }
        if (failure?.code === 409) {
          logger.warn(
            `telegram 409 Conflict: another instance is polling this token (or a webhook is set); retrying in ${Math.round(delay / 1000)}s`,
          );
        } else {
          logger.warn(
            `telegram polling failed; retrying in ${Math.round(delay / 1000)}s`,
            describeError(err),
          );
        }
      }
      await sleep(delay, undefined, { signal: abort.signal }).catch(() => undefined);
      delay = Math.min(delay * 2, backoff.maxMs);
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
