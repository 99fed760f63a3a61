import type { Config } from '@scoreline/config';
import { redactSecrets, startHeartbeat, type HeartbeatStore } from '@scoreline/ops';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBot } from './bot';

export interface TgbotDeps {
  logger: {
    info(msg: string, meta?: object): unknown;
    warn(msg: string, meta?: object): unknown;
    error(msg: string, meta?: object): unknown;
  };
  heartbeats: HeartbeatStore;
  instance: string;
}

export interface TgbotHandle {
  name: 'tgbot';
  stop(): Promise<void>;
}

/**
 * Starts the Telegram bot with long polling after STARTUP_DELAY_SEC. `launch()` resolves only
 * when polling ends, so it is not awaited; a fatal polling error is logged and the bot stays
 * down (the process keeps serving its other roles).
 */
export function startTgbot(
  config: Pick<Config, 'telegram' | 'app'>,
  deps: TgbotDeps,
): Promise<TgbotHandle> {
  const { token } = config.telegram;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const heartbeat = startHeartbeat({
    store: deps.heartbeats,
    role: 'tgbot',
    instance: deps.instance,
    logger: deps.logger,
  });
  const bot = createBot({
    token,
    apiRoot: config.telegram.apiRoot,
    defaultLocale: config.app.defaultLocale,
    logger: deps.logger,
  });
  const abort = new AbortController();
  let polling = false;

  if (config.telegram.polling) {
    const begin = async () => {
      if (config.telegram.startupDelayMs > 0) {
        deps.logger.info(`polling starts in ${config.telegram.startupDelayMs / 1000}s`);
        await sleep(config.telegram.startupDelayMs, undefined, { signal: abort.signal });
      }
      await bot.launch({ dropPendingUpdates: false }, () => {
        polling = true;
        deps.logger.info('telegram polling started');
      });
    };
    begin().catch((err: unknown) => {
      polling = false;
      if (abort.signal.aborted) return;
      const reason = redactSecrets(err instanceof Error ? err.message : String(err));
      deps.logger.error(`telegram polling stopped: ${reason}`);
    });
  } else {
    deps.logger.info('telegram polling disabled (ENABLE_POLLING=0)');
  }

  return Promise.resolve({
    name: 'tgbot' as const,
    async stop() {
      abort.abort();
      if (polling) bot.stop('shutdown');
      await heartbeat.stop();
    },
  });
}
