// The tgbot role: the bot, how it receives updates (long polling behind an optional Redis
// lease, or a webhook), the outbox consumer that delivers digests and alerts under one send-rate
// limiter, and a heartbeat. stop() lets in-flight work finish within SHUTDOWN_TIMEOUT and tells
// the users whose answers could not finish to try again.
import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import { describeError, startHeartbeat, type HeartbeatStore, type Logger } from '@scoreline/ops';
import type { QueueBackend, WorkersHandle } from '@scoreline/queue';
import type { Predictor } from '@scoreline/training';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { createBotMetrics } from './bot-metrics';
import { createBot } from './bot';
import {
  createOutboxProcessor,
  createOutboxTelegram,
  createPollingLease,
  createSendRateLimiter,
  restoreGroupWindow,
} from './delivery';
import type { FloodGuardOptions } from './middleware/flood-guard';
import { startPolling, type PollingHandle } from './run/polling';
import { replaceStrandedPlaceholders } from './services/placeholders';
import { proxyAgent, routeThroughProxy } from './run/proxy-agent';
import { startWebhook, type Webhook, type WebhookHandler } from './run/webhook';
import { applyCallPolicy } from './telegram/call-policy';

export interface TgbotDeps {
  logger: Logger;
  heartbeats: HeartbeatStore;
  instance: string;
  db: Db;
  /** Where admin jobs and explanations are asked for and the outbox is consumed. */
  queue: QueueBackend;
  /** Where forecasts come from, chosen once by the role composition (default: the queue). */
  predictor?: Predictor;
  /** MODEL_REGISTRY_PATH: champions for /form, /season and names, read only without a worker. */
  registryDir?: string;
  /** With Redis configured: the polling lease lives there. */
  redis?: Redis;
  /**
   * Webhook mode: `standalone` (default) listens on PORT itself; `external` leaves serving
   * the handler to the caller (ROLE=all mounts it on the api's port).
   */
  webhookServing?: 'standalone' | 'external';
  /** Sandbox: answers carry a "simulated data" notice. */
  simulated?: boolean;
  predictTimeoutMs?: number;
  flood?: FloodGuardOptions;
  /** Time to live of the Redis polling lease (default 30 s; tests shorten it). */
  pollingLeaseTtlMs?: number;
  /** The process's metrics registry: the bot's counters join it (see bot-metrics.ts). */
  metrics?: Registry;
  /** Backoff of polling retries after 409 and start failures (tests shorten it). */
  retryBackoff?: { initialMs: number; maxMs: number };
}

export interface TgbotHandle {
  name: 'tgbot';
  /** In webhook mode, the path and handler Telegram calls. */
  webhook?: { path: string; handler: WebhookHandler };
  /** Whether the long-polling loop is running right now. */
  readonly polling: boolean;
  stop(): Promise<void>;
}

type TgbotConfig = Pick<Config, 'telegram' | 'app' | 'shutdown' | 'queue' | 'api'>;

export async function startTgbot(config: TgbotConfig, deps: TgbotDeps): Promise<TgbotHandle> {
  const { token } = config.telegram;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const { logger, db } = deps;

  const metrics = deps.metrics ? createBotMetrics(deps.metrics) : undefined;
  const policy = {
    logger,
    ...(metrics ? { onFailure: metrics.telegramError } : {}),
    onBlocked: async (chatId: string) => {
      logger.warn('telegram 403: the chat blocked the bot; its deliveries stop', {
        chat_id: chatId,
      });
      // Through the bot's chat service, so its kept copy of the row is dropped too.
      if (/^-?\d+$/.test(chatId)) await scoreline.services.chats.markBlocked(Number(chatId));
    },
  };
  const agent = proxyAgent(config.telegram.proxyUrl);
  const scoreline = createBot({
    token,
    apiRoot: config.telegram.apiRoot,
    ...(agent ? { agent } : {}),
    defaultLocale: config.app.defaultLocale,
    adminIds: config.telegram.adminIds,
    app: { version: config.app.version, gitSha: config.app.gitSha },
    logger,
    db,
    queue: deps.queue,
    ...(deps.predictor ? { predictor: deps.predictor } : {}),
    ...(deps.registryDir ? { registryDir: deps.registryDir } : {}),
    heartbeats: deps.heartbeats,
    decorateTelegram: (telegram) => {
      applyCallPolicy(telegram, policy);
      if (agent) routeThroughProxy(telegram, agent);
    },
    ...(deps.predictTimeoutMs !== undefined ? { predictTimeoutMs: deps.predictTimeoutMs } : {}),
    ...(deps.flood ? { flood: deps.flood } : {}),
    ...(deps.simulated ? { simulated: true } : {}),
    ...(metrics ? { metrics } : {}),
  });
  const { bot } = scoreline;
  const heartbeat = startHeartbeat({
    store: deps.heartbeats,
    role: 'tgbot',
    instance: deps.instance,
    logger,
  });

  const limiter = createSendRateLimiter();
  const restored = await restoreGroupWindow(db, limiter);
  if (restored > 0) logger.info('outbox: group window restored', { deliveries: restored });
  const outboxTelegram = createOutboxTelegram({
    token,
    apiRoot: config.telegram.apiRoot,
    ...(agent ? { agent } : {}),
    policy,
  });
  const deliver = createOutboxProcessor({
    send: async (chatId, text, opts) => {
      const sent = await outboxTelegram.sendMessage(chatId, text, {
        ...(opts.parseMode ? { parse_mode: opts.parseMode } : {}),
        link_preview_options: { is_disabled: true },
        ...(opts.buttons
          ? {
              reply_markup: {
                inline_keyboard: opts.buttons.map((row) =>
                  row.map((b) => ({ text: b.text, callback_data: b.data })),
                ),
              },
            }
          : {}),
      });
      return { messageId: sent.message_id };
    },
    limiter,
    db,
    onChatBlocked: (chatId) => scoreline.services.chats.forget(chatId),
    logger,
  });
  const outbox: WorkersHandle = await deps.queue.startWorkers(
    {
      outbox: async (payload, ctx) => {
        try {
          const result = await deliver(payload, ctx);
          metrics?.outbox(result.status);
          return result;
        } catch (err) {
          metrics?.outbox('failed');
          throw err;
        }
      },
    },
    // Many jobs in flight, each waiting its turn in the limiter: the limiter sets the pace.
    { only: ['outbox'], concurrency: { outbox: config.telegram.outboxConcurrency } },
  );

  let polling: PollingHandle | undefined;
  let webhook: Webhook | undefined;
  const { webhookUrl } = config.telegram;
  if (webhookUrl) {
    webhook = startWebhook({
      bot,
      url: webhookUrl,
      secret: config.telegram.webhookSecret,
      token,
      logger,
      onRegistered: () => void scoreline.setCommands(),
      ...(deps.retryBackoff ? { backoff: deps.retryBackoff } : {}),
    });
    if (!config.telegram.webhookSecret) {
      logger.warn('TELEGRAM_WEBHOOK_SECRET is not set: using a secret derived from the token');
    }
    if ((deps.webhookServing ?? 'standalone') === 'standalone') {
      await webhook.listen(config.api.port, config.api.host);
      logger.info(`telegram webhook listening on ${config.api.host}:${config.api.port}`);
    }
  } else if (config.telegram.polling) {
    polling = startPolling({
      bot,
      logger,
      startupDelayMs: config.telegram.startupDelayMs,
      ...(deps.redis
        ? {
            lease: createPollingLease({
              redis: deps.redis,
              key: `${config.queue.prefix}:tgbot:polling-lease`,
              owner: deps.instance,
              logger,
              ...(deps.pollingLeaseTtlMs ? { ttlMs: deps.pollingLeaseTtlMs } : {}),
            }),
          }
        : {}),
      onStarted: () => void scoreline.setCommands(),
      onFatal: () => void heartbeat.stop(),
      ...(deps.retryBackoff ? { backoff: deps.retryBackoff } : {}),
    });
  } else {
    logger.info(
      'telegram polling disabled (ENABLE_POLLING=0) and no webhook: the bot only delivers the outbox',
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    name: 'tgbot',
    ...(webhook ? { webhook: { path: webhook.path, handler: webhook.handler } } : {}),
    get polling() {
      return polling?.polling ?? false;
    },
    stop() {
      stopping ??= (async () => {
        // Receive nothing new, let started work finish, then stop delivering; each step gets
        // a share of SHUTDOWN_TIMEOUT, so that all of them fit in the process's deadline.
        const budget = config.shutdown.timeoutMs;
        await polling?.stop();
        await webhook?.stop();
        const { tasks } = scoreline.services;
        if (!(await tasks.drain(budget * 0.5))) {
          logger.warn('tgbot: in-flight replies did not finish within half of SHUTDOWN_TIMEOUT');
          await replaceStrandedPlaceholders(
            bot.telegram,
            tasks.pendingPlaceholders(),
            Math.min(2_000, budget * 0.1),
            logger,
          );
        }
        await outbox.close(budget * 0.25).catch((err: unknown) => {
          logger.error('tgbot: outbox workers did not close cleanly', describeError(err));
        });
        await heartbeat.stop();
      })();
      return stopping;
    },
  };
}
